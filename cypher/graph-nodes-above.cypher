// The graph view when cypher/graph-floor.cypher found a floor above 0: only entities whose total degree
// reaches it can rank, and the entity_ns_kind_degree index seeks exactly those, so a view of a 1M-node
// namespace reads its hubs instead of every candidate. Same ranking and answer as graph-nodes.cypher
// (ties broken by id; test/integration/degrees checks them against counting every candidate).
MATCH (n:Entity)
WHERE n.ns IN $ns AND n.kind IN $kinds AND n.degree >= $floor
WITH n, n.degrees AS degrees
WITH n, reduce(d = 0, i IN $typeIndexes | d + coalesce(degrees[i], 0)) AS degree
ORDER BY degree DESC, n.id
LIMIT $limit
RETURN n {.id, .kind, .ns, .name_zh, .name_en, .aliases_zh, .aliases_en, .description_zh, .description_en, .evidence, .rationale,
          .cite_passages, .cite_quotes, .props_json, .x, .y} AS node, degree
