// Notes written before their words were kept (server/services/research/notes noteSearchText): what to fold
// and store, so `GET /api/notes?q=` folds them like every other note (widths included). Filled at seed.
MATCH (n:Note)
WHERE n.search_text IS NULL
RETURN n.id AS id, n.title AS title, n.body AS body, n.author AS author
LIMIT $limit
