// Notes by id (one or many: a report asks for all of its notes at once).
MATCH (n:Note)
WHERE n.id IN $ids
RETURN n {.id, .target_kind, .target_id, .path_from, .path_to, .path_nodes, .title, .body, .author, .created, .updated} AS note
