// Which of some notes' targets are still there (a note outlives its target): the node ids found, the
// relationship ids found between the ends their ids name, and the saved view ids found.
CALL {
  UNWIND $nodes AS id
  MATCH (n:Entity {id: id})
  RETURN collect(DISTINCT id) AS nodes
}
CALL {
  UNWIND $relationships AS rel
  MATCH (:Entity {id: rel.source})-[r]->(:Entity {id: rel.target})
  WHERE r.id = rel.id
  RETURN collect(DISTINCT rel.id) AS relationships
}
CALL {
  UNWIND $views AS id
  MATCH (v:SavedView {id: id})
  RETURN collect(DISTINCT id) AS views
}
RETURN nodes, relationships, views
