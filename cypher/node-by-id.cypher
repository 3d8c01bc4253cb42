// The degree is the sum of the stored per-type degrees; the node carries only what the API shows (see nodes-by-ids.cypher).
MATCH (n:Entity {id: $id})
RETURN n {.id, .kind, .ns, .name_zh, .name_en, .aliases_zh, .aliases_en, .description_zh, .description_en, .evidence, .rationale, .rationale_zh,
          .cite_passages, .cite_quotes, .props_json, .x, .y} AS node, reduce(d = 0, x IN coalesce(n.degrees, []) | d + x) AS degree
