// $query is a Lucene query built from escaped user terms by the search service, with clauses that keep
// $ns and $kinds when they can be named to the index (phrases, which can also match a longer namespace),
// so the filter here is exact and rarely drops anything. It is read $fetch deep (its best first); `read`
// tells the service whether the index had more to give (read = $fetch) when entities outside the scope
// (a namespace the clause could not name) crowded the first $fetch.
CALL db.index.fulltext.queryNodes('entity_names_scoped', $query, {limit: $fetch})
YIELD node, score
WITH count(*) AS read,
     collect(CASE WHEN node.ns IN $ns AND ($kinds IS NULL OR node.kind IN $kinds)
             THEN {node: node {.id, .kind, .name_zh, .name_en, .aliases_zh, .aliases_en}, score: score} END) AS hits
RETURN read, hits[..$candidates] AS hits
