// Upserts relationships by id. The rows arrive as parallel lists (graph/records relationshipColumns), one
// entry per relationship; $types holds only types checked against the schema's whitelist.
UNWIND range(0, size($ids) - 1) AS i
MATCH (a:Entity {id: $sources[i]})
MATCH (b:Entity {id: $targets[i]})
MERGE (a)-[r:$($types[i]) {id: $ids[i]}]->(b)
SET r.ns = $namespaces[i], r.evidence = $evidence[i], r.rationale = $rationales[i], r.rationale_zh = $rationalesZh[i],
    r.cite_passages = $citePassages[i], r.cite_quotes = $citeQuotes[i]
RETURN count(r) AS written
