// One CO_OCCURS per document and pair of entities, from the lower id to the higher.
UNWIND $rows AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
CREATE (a)-[r:CO_OCCURS]->(b)
SET r = row.props
RETURN count(r) AS written
