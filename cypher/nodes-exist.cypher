UNWIND $ids AS nid
OPTIONAL MATCH (n:Entity {id: nid})
RETURN nid AS id, n IS NOT NULL AS exists
