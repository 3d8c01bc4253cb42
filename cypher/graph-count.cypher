// How many entities the view's filter selects ($kinds: every kind when unfiltered; see graph-nodes).
MATCH (n:Entity)
WHERE n.ns IN $ns AND n.kind IN $kinds
RETURN count(n) AS nodes
