// How many unseen neighbours the last step of a walk would add: a count, so the ids stay in Neo4j.
UNWIND $frontier AS fid
MATCH (a:Entity {id: fid})-[r]-(b:Entity)
WHERE type(r) IN $types
  AND b.ns IN $ns
  AND ($kinds IS NULL OR b.kind IN $kinds)
  AND NOT b.id IN $seen
WITH DISTINCT b
LIMIT $cap
RETURN count(b) AS count
