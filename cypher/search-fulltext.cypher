// $query is a Lucene query built from escaped user terms by the search service.
// The index ranks every namespace and kind together and knows neither, so it is read $fetch deep
// (its best first) and filtered here; `read` tells the service whether the index had more to give
// (read = $fetch) when other namespaces or kinds crowded the first $fetch.
CALL db.index.fulltext.queryNodes('entity_names', $query, {limit: $fetch})
YIELD node, score
WITH count(*) AS read,
     collect(CASE WHEN node.ns IN $ns AND ($kinds IS NULL OR node.kind IN $kinds)
             THEN {node: node {.id, .kind, .name_zh, .name_en, .aliases_zh, .aliases_en}, score: score} END) AS hits
RETURN read, hits[..$candidates] AS hits
