// Substring match by reading the namespace itself, for namespaces small enough that this is cheaper than
// the TEXT index: the index (cypher/search-contains) holds every namespace's names, so a needle common in
// a large imported graph makes it read all of that graph's matches before it finds a small namespace's.
// Reads at most $scan + 1 of the namespace's nodes; `scanned` > $scan tells the service the namespace is
// larger than the scan's bound, and the hits are then incomplete (the service asks the TEXT index).
MATCH (node:Entity)
USING INDEX node:Entity(ns)
WHERE node.ns IN $ns
WITH node LIMIT $scan + 1
WITH count(*) AS scanned,
     collect(CASE WHEN node.search_text CONTAINS $needle AND ($kinds IS NULL OR node.kind IN $kinds)
             THEN {node: node {.id, .kind, .name_zh, .name_en, .aliases_zh, .aliases_en}} END) AS hits
RETURN scanned, hits[..$candidates] AS hits
