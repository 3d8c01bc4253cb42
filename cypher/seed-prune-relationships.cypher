MATCH (:Entity {ns: $ns})-[r]->(:Entity)
WHERE r.ns = $ns AND NOT r.id IN $ids
DELETE r
RETURN count(*) AS deleted
