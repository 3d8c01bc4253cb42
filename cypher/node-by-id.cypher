MATCH (n:Entity {id: $id})
RETURN n {.*} AS node, COUNT { (n)--(:Entity) } AS degree
