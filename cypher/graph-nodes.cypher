// The graph view: entities of the allowed kinds, best connected over the allowed types first, up to the cap.
// $floor comes from cypher/graph-floor.cypher. Above 0, only entities whose total degree reaches it can
// rank (a node's degree over some types never exceeds its total), and the entity_ns_kind_degree index
// seeks exactly those, so a view of a 1M-node namespace reads its hubs instead of every candidate. At 0
// (fewer candidates than the cap, or a filter most of them score nothing on) the seek reads every
// candidate; every entity stores its degrees (degrees-refresh, doc-accept-node), so none is left out.
// $kinds is always a list (every kind when the view has no kind filter). The degree is the sum of the
// stored per-type degrees of the allowed types ($typeIndexes: positions in REL_TYPES): one property read
// per node. Ties are broken by id; test/integration/degrees checks the answer against counting every
// candidate's relationships. A node carries only what the API shows (see nodes-by-ids.cypher).
MATCH (n:Entity)
WHERE n.ns IN $ns AND n.kind IN $kinds AND n.degree >= $floor
WITH n, n.degrees AS degrees
WITH n, reduce(d = 0, i IN $typeIndexes | d + coalesce(degrees[i], 0)) AS degree
ORDER BY degree DESC, n.id
LIMIT $limit
RETURN n {.id, .kind, .ns, .name_zh, .name_en, .aliases_zh, .aliases_en, .description_zh, .description_en, .evidence, .rationale, .rationale_zh,
          .cite_passages, .cite_quotes, .props_json, .x, .y} AS node, degree
