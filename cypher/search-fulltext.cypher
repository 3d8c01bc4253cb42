// $query is a Lucene query built from escaped user terms by the search service.
CALL db.index.fulltext.queryNodes('entity_names', $query, {limit: $candidates})
YIELD node, score
WHERE node.ns IN $ns AND ($kinds IS NULL OR node.kind IN $kinds)
RETURN node {.id, .kind, .name_zh, .name_en, .aliases_zh, .aliases_en} AS node, score
ORDER BY score DESC
LIMIT $candidates
