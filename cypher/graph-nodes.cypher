// The initial view: entities of the allowed kinds, best connected first, up to the cap.
// The loaders only ever join two Entities with a schema type, so the far end's label is not checked
// (at 100k nodes: -15% db hits, -17% time). The degree is still counted for every candidate: O(namespace).
MATCH (n:Entity)
WHERE n.ns IN $ns AND ($kinds IS NULL OR n.kind IN $kinds)
WITH n, COUNT { (n)-[r]-() WHERE type(r) IN $types } AS degree
ORDER BY degree DESC, n.id
LIMIT $limit
RETURN n {.*} AS node, degree
