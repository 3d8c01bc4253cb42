// Bibliographic details of source documents, for a report's list of sources.
UNWIND $ids AS did
MATCH (d:Entity {id: did})
RETURN d.id AS id, coalesce(d.doc_title, d.name_zh) AS title, d.name_en AS title_en,
       d.doc_author AS author, d.doc_publisher AS publisher, d.doc_date AS date
