// Relationships whose both ends are in $ids.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE a.id IN $ids AND type(r) IN $types AND b.id IN $ids
RETURN r {.*, type: type(r), source: a.id, target: b.id} AS rel
LIMIT $limit
