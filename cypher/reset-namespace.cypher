// Deletes a whole namespace in batches (auto-commit: IN TRANSACTIONS needs it).
CALL () {
  MATCH (n:Entity {ns: $ns}) RETURN n
  UNION
  MATCH (n:Passage {ns: $ns}) RETURN n
}
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
