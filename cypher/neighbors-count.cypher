// The size of a frontier step without a limit (to report what a limit left out).
UNWIND $frontier AS fid
MATCH (a:Entity {id: fid})-[r]-(b:Entity)
WHERE type(r) IN $types
  AND b.ns IN $ns
  AND ($kinds IS NULL OR b.kind IN $kinds)
  AND NOT b.id IN $seen
WITH DISTINCT b.id AS id
LIMIT $cap
RETURN collect(id) AS ids
