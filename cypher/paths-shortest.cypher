// Undirected shortest path through allowed types, avoiding excluded nodes.
// The quantifier's bound is the API's largest maxHops; the caller's cap is $maxHops.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = SHORTEST 1 (a)(()-[r]-(x:Entity) WHERE type(r) IN $types AND NOT x.id IN $exclude){1,10}(b)
WHERE length(p) <= $maxHops
RETURN [n IN nodes(p) | n.id] AS nodeIds,
       [rel IN relationships(p) | rel {.id, type: type(rel), source: startNode(rel).id, target: endNode(rel).id}] AS rels
