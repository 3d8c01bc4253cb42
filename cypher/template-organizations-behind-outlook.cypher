// Organizations whose models or technologies enable an outlook, with the chain that links them.
MATCH (out:Outlook {id: $outlook})
MATCH p = (org:Organization)-[:DEVELOPS]->(x)-[*1..2]-(out)
WHERE all(r IN relationships(p) WHERE type(r) IN ['DEVELOPS', 'ENABLES', 'BUILDS_ON', 'ADDRESSES', 'MITIGATES', 'PART_OF'])
RETURN org.name_en AS organization, org.name_zh AS organization_zh, [n IN nodes(p) | n.name_en] AS chain, p
ORDER BY length(p), organization
LIMIT 50
