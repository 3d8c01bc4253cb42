// Every citation by a relationship of the document's namespace ($types: the schema's whitelist, so
// MENTIONS and CO_OCCURS are left out) that quotes a passage of the document.
MATCH (a:Entity {ns: $ns})-[r]->(b:Entity)
WHERE type(r) IN $types AND r.cite_passages IS NOT NULL
UNWIND range(0, size(r.cite_passages) - 1) AS i
MATCH (p:Passage {id: r.cite_passages[i]})
WHERE p.document = $document
RETURN r.id AS id, type(r) AS type, r.evidence AS evidence,
       a {.id, .kind, .name_zh, .name_en} AS source,
       b {.id, .kind, .name_zh, .name_en} AS target,
       p {.id, .paragraphId, .start, .text} AS passage,
       r.cite_quotes[i] AS quote
ORDER BY p.id, r.id, i
