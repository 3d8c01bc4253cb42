// The best-connected nodes of one kind (all kinds when $kind is empty).
MATCH (n:Entity {ns: 'curated'})
WHERE $kind = '' OR n.kind = $kind
RETURN n.name_en AS name, n.name_zh AS name_zh, n.kind AS kind, COUNT { (n)-[r]-(:Entity) WHERE type(r) <> 'CO_OCCURS' } AS degree, n
ORDER BY degree DESC, name
LIMIT $limit
