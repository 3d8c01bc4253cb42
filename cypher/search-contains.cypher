// Substring match for what the bigram index cannot find (a single Chinese character, a fragment).
// search_text holds the folded names and aliases (graph/search-text.ts) under a TEXT index, and
// $needle is folded the same way, so CONTAINS is answered from the index, not by reading every name.
// The hint pins that plan whatever the planner estimates for the namespace index (which would read
// every name of a large namespace).
MATCH (node:Entity)
USING TEXT INDEX node:Entity(search_text)
WHERE node.search_text CONTAINS $needle
  AND node.ns IN $ns
  AND ($kinds IS NULL OR node.kind IN $kinds)
RETURN node {.id, .kind, .name_zh, .name_en, .aliases_zh, .aliases_en} AS node
LIMIT $candidates
