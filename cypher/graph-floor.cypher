// The graph view's first step: a floor under the degree of its last node. For each namespace and kind,
// the entities with the highest total degree (n.degree, read in the entity_ns_kind_degree index's order)
// are ranked by their degree over the allowed types ($typeIndexes, as in graph-nodes); the $limit-th of
// those is the floor. A node's degree over some types never exceeds its total, so every node that can
// reach the view has n.degree >= floor (cypher/graph-nodes.cypher). Fewer than $limit candidates, or a
// filter most of them score 0 on: floor 0, and the view reads every candidate.
UNWIND $ns AS ns
UNWIND $kinds AS kind
CALL (ns, kind) {
  MATCH (n:Entity)
  WHERE n.ns = ns AND n.kind = kind AND n.degree >= 0
  RETURN n
  // `n.degree >= 0` holds for every entity; it stays so the predicate names all three of the index's
  // properties, the form measured below. ns and kind are fixed here; naming them lets the planner take the
  // index's own order (PROFILE at 100k: 1,503 index entries read for three kinds instead of all 42,785
  // candidates and a Top).
  ORDER BY n.ns DESC, n.kind DESC, n.degree DESC
  LIMIT $limit
}
WITH reduce(d = 0, i IN $typeIndexes | d + coalesce(n.degrees[i], 0)) AS degree
ORDER BY degree DESC
LIMIT $limit
WITH collect(degree) AS degrees
RETURN CASE WHEN size(degrees) < $limit THEN 0 ELSE degrees[-1] END AS floor
