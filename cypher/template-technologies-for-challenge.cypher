// Technologies that mitigate a challenge, and the outlooks that address it.
MATCH (c:Challenge {id: $challenge})
OPTIONAL MATCH (t:Technology)-[m:MITIGATES]->(c)
OPTIONAL MATCH (o:Outlook)-[a:ADDRESSES]->(c)
RETURN c, collect(DISTINCT t) AS technologies, collect(DISTINCT m) AS mitigates, collect(DISTINCT o) AS outlooks, collect(DISTINCT a) AS addresses
