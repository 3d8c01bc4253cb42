// The initial view: entities of the allowed kinds, best connected first, up to the cap.
// $kinds is always a list (every kind when the view has no kind filter), so the (ns, kind) index
// seeks exactly the candidates. The degree is the sum of their stored per-type degrees
// (cypher/degrees-refresh.cypher) of the allowed types ($typeIndexes: positions in REL_TYPES): one
// property read per candidate. At 100k nodes, three kinds and three types, PROFILE: 848,024 db hits
// and 512 ms when each candidate's relationships were counted; 85,348 and 152 ms now. Still O(candidates).
// A node carries only what the API shows (see nodes-by-ids.cypher).
MATCH (n:Entity)
WHERE n.ns IN $ns AND n.kind IN $kinds
WITH n, n.degrees AS degrees
WITH n, reduce(d = 0, i IN $typeIndexes | d + coalesce(degrees[i], 0)) AS degree
ORDER BY degree DESC, n.id
LIMIT $limit
RETURN n {.id, .kind, .ns, .name_zh, .name_en, .aliases_zh, .aliases_en, .description_zh, .description_en, .evidence, .rationale,
          .cite_passages, .cite_quotes, .props_json, .x, .y} AS node, degree
