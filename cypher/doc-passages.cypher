UNWIND $rows AS row
CREATE (p:Passage)
SET p = row
RETURN count(p) AS written
