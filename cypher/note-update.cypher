MATCH (n:Note {id: $id})
SET n += $changes
RETURN n {.*} AS note
