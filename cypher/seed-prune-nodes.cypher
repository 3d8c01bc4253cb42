// Removes what a namespace holds beyond the dataset being loaded, so a reload converges on it.
MATCH (n:Entity {ns: $ns})
WHERE NOT n.id IN $ids
DETACH DELETE n
RETURN count(*) AS deleted
