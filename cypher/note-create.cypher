CREATE (n:Note)
SET n = $props
RETURN n {.id, .target_kind, .target_id, .path_from, .path_to, .path_nodes, .title, .body, .author, .created, .updated} AS note
