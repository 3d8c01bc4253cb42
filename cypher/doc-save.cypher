MATCH (d:Entity {id: $id})
SET d += $props, d:Document
REMOVE d.doc_pending
RETURN d.id AS id
