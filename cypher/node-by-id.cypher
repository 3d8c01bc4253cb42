// Degree counts the schema's relationship types only (not document-layer co-occurrences).
// The loaders only ever join two Entities with a schema type, so the far end's label is not checked.
MATCH (n:Entity {id: $id})
RETURN n {.*} AS node, COUNT { (n)-[r]-() WHERE type(r) IN $types } AS degree
