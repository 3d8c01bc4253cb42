MATCH (o:Outlook)-[r:ADDRESSES]->(c:Challenge {id: $challenge})
RETURN o.name_en AS outlook, o.name_zh AS outlook_zh, r.evidence AS evidence, o, r, c
