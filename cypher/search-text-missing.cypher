// Entities written before search_text existed (graph/search-text.ts): their names, to fold and store.
MATCH (n:Entity)
WHERE n.search_text IS NULL
RETURN n.id AS id, [n.name_zh, n.name_en] + coalesce(n.aliases_zh, []) + coalesce(n.aliases_en, []) AS names
LIMIT $limit
