// A document's co-occurrences among the given entities.
MATCH (a:Entity)-[r:CO_OCCURS {ns: $ns}]->(b:Entity)
WHERE a.id IN $ids AND b.id IN $ids AND r.count >= $minCount
RETURN r {.*, source: a.id, target: b.id} AS rel
ORDER BY r.count DESC, rel.id
LIMIT $limit
