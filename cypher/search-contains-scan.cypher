// Substring match by reading the namespace itself, for namespaces small enough that this is cheaper than
// the TEXT index: the index (cypher/search-contains) holds every namespace's names, so a needle common in
// a large imported graph makes it read all of that graph's matches before it finds a small namespace's.
// Reads at most $scan + 1 of the namespace's nodes; `scanned` > $scan tells the service the namespace is
// larger than the scan's bound, and the hits are then incomplete (the service asks the TEXT index).
// Every match is in hand, so names that start with the needle (search_text is the folded names, one per
// tab) come first: the service ranks those highest, and they are not left out when there are more
// matches than $candidates.
MATCH (node:Entity)
USING INDEX node:Entity(ns)
WHERE node.ns IN $ns
WITH node LIMIT $scan + 1
WITH node,
     node.search_text CONTAINS $needle AND ($kinds IS NULL OR node.kind IN $kinds) AS hit,
     node.search_text STARTS WITH $needle OR node.search_text CONTAINS ('\t' + $needle) AS starts
ORDER BY hit DESC, starts DESC
WITH count(*) AS scanned,
     collect(CASE WHEN hit THEN {node: node {.id, .kind, .name_zh, .name_en, .aliases_zh, .aliases_en}} END) AS hits
RETURN scanned, hits[..$candidates] AS hits
