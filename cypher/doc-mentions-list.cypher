// A document's mentions (of one entity, or all) with the sentence that holds each.
MATCH (p:Passage {ns: $ns})-[m:MENTIONS]->(e:Entity)
WHERE $entity IS NULL OR e.id = $entity
RETURN p.id AS passage, p.paragraphId AS paragraphId, p.text AS sentence, m.start AS start, m.end AS end, m.text AS text,
       e {.id, .kind, .name_zh, .name_en} AS entity
ORDER BY p.paragraph, p.sentence, start
LIMIT $limit
