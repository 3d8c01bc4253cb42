// Creates the document node if needed and takes its write lock before its state is read,
// so two ingests of one document run one after the other.
MERGE (d:Entity {id: $id})
ON CREATE SET d.ns = $ns, d.kind = 'Document', d.doc_pending = true
SET d.doc_lock = true
REMOVE d.doc_lock
RETURN d.ns AS ns, d.kind AS kind, d.doc_hash AS hash, coalesce(d.doc_pending, false) AS created,
       coalesce(d.doc_dismissed, []) AS dismissed, d.doc_created AS createdAt, d.doc_title AS title,
       d.doc_language AS language, d.doc_format AS format
