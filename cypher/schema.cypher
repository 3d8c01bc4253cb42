// Constraints and indexes of the graph. Every statement is idempotent (IF NOT EXISTS).
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT passage_id IF NOT EXISTS FOR (p:Passage) REQUIRE p.id IS UNIQUE;
CREATE INDEX entity_ns IF NOT EXISTS FOR (n:Entity) ON (n.ns);
CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind);
// The graph view selects by namespace and kinds together (cypher/graph-nodes.cypher, graph-count.cypher).
CREATE INDEX entity_ns_kind IF NOT EXISTS FOR (n:Entity) ON (n.ns, n.kind);
// ... and reads its best connected candidates first: the stored total degree in index order
// (cypher/graph-floor.cypher, graph-nodes.cypher).
CREATE INDEX entity_ns_kind_degree IF NOT EXISTS FOR (n:Entity) ON (n.ns, n.kind, n.degree);
CREATE INDEX passage_document IF NOT EXISTS FOR (p:Passage) ON (p.document);
CREATE INDEX passage_ns IF NOT EXISTS FOR (p:Passage) ON (p.ns);
// The cjk analyzer indexes Chinese as overlapping bigrams, so 幻觉 is found inside 幻觉问题,
// and still tokenizes and lowercases Latin script (RAG, hallucination). The namespace and the kind are
// indexed too, so a search keeps its scope inside the index (server/services/search scopeClause) instead
// of after a read that a large graph elsewhere, or other kinds, can fill. It replaces entity_names, which
// held the names only.
DROP INDEX entity_names IF EXISTS;
CREATE FULLTEXT INDEX entity_names_scoped IF NOT EXISTS FOR (n:Entity) ON EACH [n.name_zh, n.name_en, n.aliases_text, n.ns, n.kind]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'cjk', `fulltext.eventually_consistent`: false } };
// Folded names and aliases (graph/search-text.ts) for substring search: a TEXT index answers CONTAINS
// from its trigrams instead of reading and lowering every name in the namespace.
CREATE TEXT INDEX entity_search_text IF NOT EXISTS FOR (n:Entity) ON (n.search_text);
// The research layer: notes, saved views (names unique, case-folded into name_key) and the document
// layer's MENTIONS and CO_OCCURS, found by the namespace of the document that made them.
CREATE CONSTRAINT note_id IF NOT EXISTS FOR (n:Note) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT saved_view_id IF NOT EXISTS FOR (v:SavedView) REQUIRE v.id IS UNIQUE;
CREATE CONSTRAINT saved_view_name IF NOT EXISTS FOR (v:SavedView) REQUIRE v.name_key IS UNIQUE;
CREATE INDEX note_target IF NOT EXISTS FOR (n:Note) ON (n.target_id);
CREATE INDEX co_occurs_ns IF NOT EXISTS FOR ()-[r:CO_OCCURS]-() ON (r.ns);
CREATE INDEX mentions_ns IF NOT EXISTS FOR ()-[r:MENTIONS]-() ON (r.ns);
// What each seeded namespace was last loaded from (server/seed): one state node per namespace.
CREATE CONSTRAINT seed_state_ns IF NOT EXISTS FOR (s:SeedState) REQUIRE s.ns IS UNIQUE;
