// Ingested documents that name both entities in one sentence.
MATCH (:Entity {id: $a})-[r:CO_OCCURS]-(:Entity {id: $b})
OPTIONAL MATCH (d:Entity {id: r.document})
RETURN r.document AS document, coalesce(d.name_en, d.name_zh, r.document) AS title, r.count AS count
ORDER BY count DESC, document
