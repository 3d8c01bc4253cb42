// The degree is the sum of the stored per-type degrees (cypher/degrees-refresh.cypher): the schema's
// relationship types only, not the document layer's co-occurrences. Read from one property, so a
// neighbourhood full of hubs does not expand thousands of relationships per node.
UNWIND $ids AS nid
MATCH (n:Entity {id: nid})
RETURN n {.*} AS node, reduce(d = 0, x IN coalesce(n.degrees, []) | d + x) AS degree
