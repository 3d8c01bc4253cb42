// Creates relationships the store does not hold yet: an import into its fresh namespace, a bulk load of new
// rows. Without MERGE's read and its locks on both ends, writers run side by side. Same parameters as
// cypher/seed-relationships (graph/records relationshipColumns); $types holds only whitelisted types.
UNWIND range(0, size($ids) - 1) AS i
MATCH (a:Entity {id: $sources[i]})
MATCH (b:Entity {id: $targets[i]})
CREATE (a)-[r:$($types[i])]->(b)
SET r.id = $ids[i], r.ns = $namespaces[i], r.evidence = $evidence[i], r.rationale = $rationales[i], r.rationale_zh = $rationalesZh[i],
    r.cite_passages = $citePassages[i], r.cite_quotes = $citeQuotes[i]
RETURN count(r) AS written
