// Whether a relationship with this id exists between the two nodes its id names.
MATCH (:Entity {id: $source})-[r]->(:Entity {id: $target})
WHERE r.id = $id
RETURN count(r) > 0 AS exists
