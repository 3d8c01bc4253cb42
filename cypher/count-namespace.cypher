MATCH (n:Entity {ns: $ns})
WITH count(n) AS nodes
OPTIONAL MATCH (:Entity {ns: $ns})-[r]->(:Entity)
WHERE r.ns = $ns
RETURN nodes, count(r) AS relationships
