CREATE (n:Note)
SET n = $props
RETURN n {.*} AS note
