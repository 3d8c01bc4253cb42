MATCH (v:SavedView)
RETURN v {.id, .name, .author, .created, .updated} AS view
ORDER BY v.updated DESC, v.id
LIMIT $limit
