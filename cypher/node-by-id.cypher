// Degree counts the schema's relationship types only (not document-layer co-occurrences).
MATCH (n:Entity {id: $id})
RETURN n {.*} AS node, COUNT { (n)-[r]-(:Entity) WHERE type(r) IN $types } AS degree
