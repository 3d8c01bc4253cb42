// Nodes of an imported GEXF/GraphML file, in a namespace of their own (kind checked against the whitelist).
UNWIND $rows AS row
CREATE (n:Entity {id: row.id})
SET n += row.props, n:$(row.kind)
RETURN count(n) AS written
