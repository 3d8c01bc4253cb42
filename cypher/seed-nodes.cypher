// row.kind has been checked against the schema's whitelist of node kinds before it gets here.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n += row.props, n:$(row.kind)
RETURN count(n) AS written
