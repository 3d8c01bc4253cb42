// The initial view: entities of the allowed kinds, best connected first, up to the cap.
MATCH (n:Entity)
WHERE n.ns IN $ns AND ($kinds IS NULL OR n.kind IN $kinds)
WITH n, COUNT { (n)-[r]-(:Entity) WHERE type(r) IN $types } AS degree
ORDER BY degree DESC, n.id
LIMIT $limit
RETURN n {.*} AS node, degree
