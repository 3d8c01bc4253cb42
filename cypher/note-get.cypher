MATCH (n:Note {id: $id})
RETURN n {.*} AS note
