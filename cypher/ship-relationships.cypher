// The bulk-load benchmark's floor: takes a batch in cypher/create-relationships' parameters (graph/records
// relationshipColumns), walks its rows and writes nothing — what moving the rows to Neo4j costs before any
// lookup or write (bench/load).
UNWIND range(0, size($ids) - 1) AS i
RETURN count(i) AS written
