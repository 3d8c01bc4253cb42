// Removes a document's passages (with their MENTIONS) and its co-occurrences; keeps the document node and accepted terms.
CALL () {
  MATCH (p:Passage {ns: $ns})
  DETACH DELETE p
}
CALL () {
  MATCH ()-[r:CO_OCCURS {ns: $ns}]->()
  DELETE r
}
