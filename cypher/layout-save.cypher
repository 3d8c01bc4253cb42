UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n.x = row.x, n.y = row.y
RETURN count(n) AS written
