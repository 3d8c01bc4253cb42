// Stores the folded words of notes written before search_text existed (cypher/note-search-text-missing).
UNWIND $rows AS row
MATCH (n:Note {id: row.id})
WHERE n.search_text IS NULL
SET n.search_text = row.text
RETURN count(n) AS written
