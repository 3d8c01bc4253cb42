UNWIND $rows AS row
MERGE (p:Passage {id: row.id})
SET p += row
RETURN count(p) AS written
