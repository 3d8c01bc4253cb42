MATCH (n:Note {id: $id})
SET n += $changes
RETURN n {.id, .target_kind, .target_id, .path_from, .path_to, .path_nodes, .title, .body, .author, .created, .updated} AS note
