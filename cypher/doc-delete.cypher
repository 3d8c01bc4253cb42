// Removes everything a document added: co-occurrences, passages (with MENTIONS), accepted terms and the document node.
CALL () {
  MATCH ()-[c:CO_OCCURS {ns: $ns}]->()
  DELETE c
}
CALL () {
  MATCH (p:Passage {ns: $ns})
  DETACH DELETE p
}
CALL () {
  MATCH (n:Entity {ns: $ns})
  DETACH DELETE n
}
