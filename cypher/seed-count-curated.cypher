MATCH (n:Entity {ns: $ns})
RETURN count(n) AS nodes
