// Documents other than the node's own source whose passages mention it (added by ingest).
MATCH (n:Entity {id: $id})<-[:MENTIONS]-(p:Passage)
WITH p.document AS document, count(*) AS count
OPTIONAL MATCH (d:Entity {id: document})
RETURN document, coalesce(d.name_en, d.name_zh, document) AS title, count
ORDER BY count DESC, document
