// The initial view: entities of the allowed kinds, best connected first, up to the cap.
// The degree is the sum of the stored per-type degrees (cypher/degrees-refresh.cypher) of the allowed
// types ($typeIndexes: their positions in REL_TYPES): one property read per candidate, where counting
// each candidate's relationships cost 0.5 s at 100k nodes. Still O(candidates), not index-backed.
MATCH (n:Entity)
WHERE n.ns IN $ns AND ($kinds IS NULL OR n.kind IN $kinds)
WITH n, n.degrees AS degrees
WITH n, reduce(d = 0, i IN $typeIndexes | d + coalesce(degrees[i], 0)) AS degree
ORDER BY degree DESC, n.id
LIMIT $limit
RETURN n {.*} AS node, degree
