// One breadth-first step: the unseen neighbours of a frontier, through allowed types and kinds.
UNWIND $frontier AS fid
MATCH (a:Entity {id: fid})-[r]-(b:Entity)
WHERE type(r) IN $types
  AND b.ns IN $ns
  AND ($kinds IS NULL OR b.kind IN $kinds)
  AND NOT b.id IN $seen
RETURN DISTINCT b.id AS id
LIMIT $limit
