// Notes, last changed first: on given targets, of a kind, by an author, holding some words, or touching a node (on it, on one of its
// relationships — ids are <source>-<TYPE>-<target>, $relTypes the schema's types — or on a path through it).
MATCH (n:Note)
WHERE ($targetIds IS NULL OR n.target_id IN $targetIds)
  AND ($targetKind IS NULL OR n.target_kind = $targetKind)
  AND ($author IS NULL OR n.author = $author)
  AND ($node IS NULL OR n.target_id = $node OR $node IN coalesce(n.path_nodes, [])
    OR (n.target_kind = 'relationship' AND any(type IN $relTypes
      WHERE n.target_id STARTS WITH $node + '-' + type + '-' OR n.target_id ENDS WITH '-' + type + '-' + $node)))
  // Words in its title, text or signature ($words folded like a search query; a note written before
  // search_text was kept is folded here, without NFKC).
  AND ($words IS NULL OR coalesce(n.search_text, toLower(n.title + '\t' + n.body + '\t' + n.author)) CONTAINS $words)
  // A page after the note $after (its updated time and id): the order below, strictly past it.
  AND ($after IS NULL OR n.updated < $after.updated OR (n.updated = $after.updated AND n.id > $after.id))
RETURN n {.id, .target_kind, .target_id, .path_from, .path_to, .path_nodes, .title, .body, .author, .created, .updated} AS note
ORDER BY n.updated DESC, n.id
LIMIT $limit
