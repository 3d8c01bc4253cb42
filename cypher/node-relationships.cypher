MATCH (n:Entity {id: $id})-[r]-(m:Entity)
WHERE type(r) IN $types
RETURN r {.*, type: type(r), source: startNode(r).id, target: endNode(r).id} AS rel,
       m {.id, .kind, .name_zh, .name_en} AS other
ORDER BY rel.type, other.id
LIMIT $limit
