// A candidate term accepted as a node of the document's namespace.
// $kind has been checked against graph/model.ts NODE_KINDS before it gets here.
CREATE (n:Entity {id: $id})
SET n += $props, n:$($kind)
RETURN n.id AS id
