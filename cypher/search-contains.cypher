// Substring match for what the bigram index cannot find (a single Chinese character, a fragment).
MATCH (node:Entity)
WHERE node.ns IN $ns
  AND ($kinds IS NULL OR node.kind IN $kinds)
  AND (toLower(node.name_zh) CONTAINS $needle OR toLower(node.name_en) CONTAINS $needle OR toLower(node.aliases_text) CONTAINS $needle)
RETURN node {.id, .kind, .name_zh, .name_en, .aliases_zh, .aliases_en} AS node
LIMIT $candidates
