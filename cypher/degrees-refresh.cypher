// Stores each entity's degree per schema relationship type as n.degrees, a list in the order of $types
// (graph/model REL_TYPES), so the graph view ranks its candidates by a property instead of expanding
// every candidate's relationships (cypher/graph-nodes.cypher). Schema relationships only ever join two
// entities of one namespace, so refreshing the entities of a namespace after writing it keeps them exact.
// n.degree, their sum, is what the entity_ns_kind_degree index orders (cypher/graph-floor.cypher).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  OPTIONAL MATCH (n)-[r]-()
  RETURN collect(type(r)) AS types
}
WITH n, [t IN $types | size([x IN types WHERE x = t])] AS degrees
SET n.degrees = degrees, n.degree = reduce(d = 0, x IN degrees | d + x)
RETURN count(n) AS written
