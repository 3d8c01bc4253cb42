MATCH (c:Challenge {id: $challenge})-[r:AFFECTS]->(d:Domain)
RETURN d.name_en AS domain, d.name_zh AS domain_zh, c, r, d
