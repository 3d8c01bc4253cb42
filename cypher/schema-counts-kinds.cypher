MATCH (n:Entity)
WHERE n.ns IN $ns
RETURN n.kind AS kind, count(*) AS count
