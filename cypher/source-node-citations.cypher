// Every citation by an entity of the document's namespace that quotes a passage of the document: the
// reader marks the quote in its paragraph and names the entity. The passage is matched through its
// unique id, so only the namespace's cited entities are read, not the document's passages one by one.
MATCH (n:Entity {ns: $ns})
WHERE n.cite_passages IS NOT NULL
UNWIND range(0, size(n.cite_passages) - 1) AS i
MATCH (p:Passage {id: n.cite_passages[i]})
WHERE p.document = $document
RETURN n {.id, .kind, .name_zh, .name_en} AS node,
       p {.id, .paragraphId, .start, .text} AS passage,
       n.cite_quotes[i] AS quote
ORDER BY p.id, n.id, i
