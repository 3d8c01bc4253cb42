// A candidate term accepted as a node of the document's namespace.
// $kind has been checked against graph/model.ts NODE_KINDS before it gets here.
// It starts with no schema relationships (a document adds MENTIONS and co-occurrences, which are not
// schema types), so its stored degrees are zeros ($types: REL_TYPES, as cypher/degrees-refresh writes
// them). Every entity then carries n.degree, which the graph view seeks on (cypher/graph-nodes.cypher).
CREATE (n:Entity {id: $id})
SET n += $props, n:$($kind), n.degrees = [t IN $types | 0], n.degree = 0
RETURN n.id AS id
