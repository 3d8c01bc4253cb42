// Every shortest path through allowed types, avoiding excluded nodes (see paths-shortest for why
// allShortestPaths() rather than ALL SHORTEST).
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = allShortestPaths((a)-[*1..10]-(b))
WHERE all(r IN relationships(p) WHERE type(r) IN $types)
  AND none(n IN nodes(p) WHERE n.id IN $exclude)
WITH p
WHERE length(p) <= $maxHops
RETURN [n IN nodes(p) | n.id] AS nodeIds,
       [rel IN relationships(p) | rel {.*, type: type(rel), source: startNode(rel).id, target: endNode(rel).id}] AS rels
LIMIT $limit
