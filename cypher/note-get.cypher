// Notes by id (one or many: a report asks for all of its notes at once).
MATCH (n:Note)
WHERE n.id IN $ids
RETURN n {.*} AS note
