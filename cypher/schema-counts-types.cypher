MATCH (a:Entity)-[r]->(:Entity)
WHERE a.ns IN $ns
RETURN type(r) AS type, count(*) AS count
