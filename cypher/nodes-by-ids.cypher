// Degree counts the schema's relationship types only (not document-layer co-occurrences).
UNWIND $ids AS nid
MATCH (n:Entity {id: nid})
RETURN n {.*} AS node, COUNT { (n)-[r]-(:Entity) WHERE type(r) IN $types } AS degree
