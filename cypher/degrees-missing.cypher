// Entities whose stored degrees are missing or were written for another list of relationship types
// (stores written by an older version, terms accepted from documents), or without their total (stores
// written before cypher/graph-floor.cypher): refreshed at seed.
MATCH (n:Entity)
WHERE n.degrees IS NULL OR size(n.degrees) <> size($types) OR n.degree IS NULL
RETURN n.id AS id
LIMIT $limit
