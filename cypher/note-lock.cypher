// Takes a note's write lock and reads it (no row: no such note), so an edit computed from it is not lost
// to another edit running at the same time.
MATCH (n:Note {id: $id})
SET n.note_lock = true
REMOVE n.note_lock
RETURN n {.id, .target_kind, .target_id, .path_from, .path_to, .path_nodes, .title, .body, .author, .created, .updated} AS note
