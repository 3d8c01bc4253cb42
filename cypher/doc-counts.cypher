// What a document's namespace holds: nodes, passages and the relationships that go with them.
CALL () { MATCH (n:Entity {ns: $ns}) RETURN count(n) AS entities }
CALL () { MATCH (p:Passage {ns: $ns}) RETURN count(p) AS passages }
CALL () { MATCH (:Passage {ns: $ns})-[m:MENTIONS]->() RETURN count(m) AS mentions }
CALL () { MATCH ()-[c:CO_OCCURS {ns: $ns}]->() RETURN count(c) AS cooccurrences }
CALL () {
  MATCH (n:Entity {ns: $ns})-[r]-()
  WHERE NOT (type(r) IN ['MENTIONS', 'CO_OCCURS'] AND r.ns = $ns)
  RETURN count(DISTINCT r) AS other
}
RETURN entities, passages, mentions, cooccurrences, other
