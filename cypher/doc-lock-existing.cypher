// Takes an existing document node's write lock and reads its state (no row: no such node).
MATCH (d:Entity {id: $id})
SET d.doc_lock = true
REMOVE d.doc_lock
RETURN d.ns AS ns, d.kind AS kind, d.doc_hash AS hash, false AS created,
       coalesce(d.doc_dismissed, []) AS dismissed, d.doc_created AS createdAt, d.doc_title AS title,
       d.doc_language AS language, d.doc_format AS format
