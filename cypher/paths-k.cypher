// The k shortest paths: SHORTEST needs a literal count, so find the API's largest k and cut with LIMIT.
// Paths that revisit a node are dropped by the service.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = SHORTEST 10 (a)(()-[r]-(x:Entity) WHERE type(r) IN $types AND NOT x.id IN $exclude){1,10}(b)
WHERE length(p) <= $maxHops
RETURN [n IN nodes(p) | n.id] AS nodeIds,
       [rel IN relationships(p) | rel {.*, type: type(rel), source: startNode(rel).id, target: endNode(rel).id}] AS rels
ORDER BY length(p)
LIMIT $limit
