// Quantitative figures about a node and who states them.
MATCH (c:Claim)-[q:QUANTIFIES]->(n:Entity {id: $id})
OPTIONAL MATCH (src)-[rep:REPORTS]->(c)
RETURN c.name_en AS claim, c.name_zh AS claim_zh, src.name_en AS source, c, q, n, src, rep
