// One MENTIONS per mention, from the sentence passage, with the exact span in its text.
UNWIND $rows AS row
MATCH (p:Passage {id: row.passage})
MATCH (e:Entity {id: row.entity})
CREATE (p)-[r:MENTIONS]->(e)
SET r.start = row.start, r.end = row.end, r.text = row.text, r.ns = $ns
RETURN count(r) AS written
