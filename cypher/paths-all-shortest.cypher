MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = ALL SHORTEST (a)(()-[r]-(x:Entity) WHERE type(r) IN $types AND NOT x.id IN $exclude){1,10}(b)
WHERE length(p) <= $maxHops
RETURN [n IN nodes(p) | n.id] AS nodeIds,
       [rel IN relationships(p) | rel {.id, type: type(rel), source: startNode(rel).id, target: endNode(rel).id}] AS rels
LIMIT $limit
