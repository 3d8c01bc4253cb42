// The degree is the sum of the stored per-type degrees (cypher/degrees-refresh.cypher): the schema's
// relationship types only, not the document layer's co-occurrences. Read from one property, so a
// neighbourhood full of hubs does not expand thousands of relationships per node.
// Only what an API node carries (graph/records fromNodeRecord) is returned: the index-only properties
// (search_text, aliases_text, and degrees with one integer per type) were about a quarter of each
// node's bytes, decoded and then dropped (bench/findings).
UNWIND $ids AS nid
MATCH (n:Entity {id: nid})
RETURN n {.id, .kind, .ns, .name_zh, .name_en, .aliases_zh, .aliases_en, .description_zh, .description_en, .evidence, .rationale, .rationale_zh,
          .cite_passages, .cite_quotes, .props_json, .x, .y} AS node, reduce(d = 0, x IN coalesce(n.degrees, []) | d + x) AS degree
