MATCH (n:Entity)
WHERE n.ns IN $ns AND ($kinds IS NULL OR n.kind IN $kinds)
RETURN count(n) AS nodes
