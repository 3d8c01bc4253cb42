// Entities a document mentions, most mentioned first.
MATCH (:Passage {ns: $ns})-[:MENTIONS]->(e:Entity)
WITH e, count(*) AS count
RETURN e.id AS id, e.kind AS kind, e.name_zh AS name_zh, e.name_en AS name_en, e.ns AS ns, count
ORDER BY count DESC, id
LIMIT $limit
