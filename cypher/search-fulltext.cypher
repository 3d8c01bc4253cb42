// $query is a Lucene query built from escaped user terms by the search service, with a clause that keeps
// $ns when the namespaces can be named to the index (a phrase, which can also match a longer namespace).
// The index does not know kinds, so it is read $fetch deep (its best first) and filtered here; `read`
// tells the service whether the index had more to give (read = $fetch) when other kinds (or namespaces the
// clause could not keep out) crowded the first $fetch.
CALL db.index.fulltext.queryNodes('entity_names_ns', $query, {limit: $fetch})
YIELD node, score
WITH count(*) AS read,
     collect(CASE WHEN node.ns IN $ns AND ($kinds IS NULL OR node.kind IN $kinds)
             THEN {node: node {.id, .kind, .name_zh, .name_en, .aliases_zh, .aliases_en}, score: score} END) AS hits
RETURN read, hits[..$candidates] AS hits
