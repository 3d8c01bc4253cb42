// Constraints and indexes of the research layer (notes, saved views, ingested documents).
// Applied once per process before its first research write; every statement is idempotent.
CREATE CONSTRAINT note_id IF NOT EXISTS FOR (n:Note) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT saved_view_id IF NOT EXISTS FOR (v:SavedView) REQUIRE v.id IS UNIQUE;
CREATE CONSTRAINT saved_view_name IF NOT EXISTS FOR (v:SavedView) REQUIRE v.name_key IS UNIQUE;
CREATE INDEX note_target IF NOT EXISTS FOR (n:Note) ON (n.target_id);
CREATE INDEX co_occurs_ns IF NOT EXISTS FOR ()-[r:CO_OCCURS]-() ON (r.ns);
CREATE INDEX mentions_ns IF NOT EXISTS FOR ()-[r:MENTIONS]-() ON (r.ns);
