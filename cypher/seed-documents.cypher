// A source document is an Entity of kind Document; its metadata sits in props.
UNWIND $rows AS row
MERGE (d:Entity {id: row.id})
SET d += row.props, d:Document
RETURN count(d) AS written
