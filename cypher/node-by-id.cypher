// The degree is the sum of the stored per-type degrees (see nodes-by-ids.cypher).
MATCH (n:Entity {id: $id})
RETURN n {.*} AS node, reduce(d = 0, x IN coalesce(n.degrees, []) | d + x) AS degree
