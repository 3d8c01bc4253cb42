// Deletes a whole namespace in batches (auto-commit: IN TRANSACTIONS needs it).
// Relationships that start in the namespace are gone by now (cypher/reset-namespace-relationships); DETACH
// removes the few that point in from elsewhere (a document of another namespace mentioning an entity).
// The namespace's seed state goes too: an emptied namespace was not seeded from anything.
CALL () {
  MATCH (n:Entity {ns: $ns}) RETURN n
  UNION
  MATCH (n:Passage {ns: $ns}) RETURN n
  UNION
  MATCH (n:SeedState {ns: $ns}) RETURN n
}
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
