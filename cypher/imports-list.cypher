MATCH (n:Entity)
WHERE n.ns STARTS WITH 'import:'
RETURN n.ns AS ns, count(*) AS nodes
ORDER BY ns
