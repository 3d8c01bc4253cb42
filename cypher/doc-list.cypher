// Ingested documents (all, or the one with id $id) with live counts of what they added.
MATCH (d:Document)
WHERE d.ns STARTS WITH $prefix AND ($id IS NULL OR d.id = $id)
RETURN d {.*} AS doc,
       COUNT { MATCH (p:Passage {ns: d.ns}) WHERE p.sentence = 0 } AS paragraphs,
       COUNT { MATCH (p:Passage {ns: d.ns}) WHERE p.sentence > 0 } AS sentences,
       COUNT { MATCH (:Passage {ns: d.ns})-[:MENTIONS]->(:Entity) } AS mentions,
       size(COLLECT { MATCH (:Passage {ns: d.ns})-[:MENTIONS]->(e:Entity) RETURN DISTINCT e.id }) AS entities,
       COUNT { MATCH ()-[:CO_OCCURS {ns: d.ns}]->() } AS cooccurrences,
       COUNT { MATCH (n:Entity {ns: d.ns}) WHERE n.kind <> 'Document' } AS accepted
ORDER BY d.doc_created DESC, d.id
