// Relationships whose both ends are in $ids. Each one leaves one of the nodes, so following only
// outgoing relationships finds them all; and the nodes a view keeps are its hubs, which are mostly
// pointed at (many technologies mitigate one challenge). The UNWIND binds the start node first, so
// the planner expands outgoing instead of seeking either end and expanding a hub's incoming side.
// PROFILE at 100k, the 500 hubs of a view over every kind and type: 131,159 db hits and 123 ms when
// the planner chose the incoming side; 73,314 and 61 ms.
UNWIND $ids AS id
MATCH (a:Entity {id: id})-[r]->(b)
WHERE type(r) IN $types AND b.id IN $ids AND b:Entity
RETURN r {.*, type: type(r), source: a.id, target: b.id} AS rel
LIMIT $limit
