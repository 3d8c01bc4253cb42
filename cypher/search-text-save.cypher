UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n.search_text = row.text
RETURN count(n) AS written
