// Entities whose stored degrees are missing or were written for another list of relationship types
// (stores written by an older version, terms accepted from documents): refreshed at seed.
MATCH (n:Entity)
WHERE n.degrees IS NULL OR size(n.degrees) <> size($types)
RETURN n.id AS id
LIMIT $limit
