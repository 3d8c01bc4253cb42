UNWIND $ids AS nid
MATCH (n:Entity {id: nid})
RETURN n {.*} AS node, COUNT { (n)--(:Entity) } AS degree
