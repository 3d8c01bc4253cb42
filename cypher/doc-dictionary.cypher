// The names and aliases a document is matched against: the curated graph and the document's own accepted terms.
MATCH (n:Entity)
WHERE (n.ns = $curated OR n.ns = $ns) AND n.kind <> 'Document'
RETURN n.id AS id, n.name_zh AS name_zh, n.name_en AS name_en,
       coalesce(n.aliases_zh, []) AS aliases_zh, coalesce(n.aliases_en, []) AS aliases_en
ORDER BY id
