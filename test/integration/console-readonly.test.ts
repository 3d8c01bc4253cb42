/**
 * The read-only console: write, schema and admin attempts through
 * POST /api/cypher are refused — plain, hidden in comments and mixed case,
 * inside subqueries, through procedures — and the database is unchanged,
 * down to its tokens, indexes and a digest of every property.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import { type DbFingerprint, errorCode, fingerprint, postJson } from './reliability-helpers';

type Refusal = 'READ_ONLY' | 'CYPHER_ERROR';

interface Attempt {
  name: string;
  query: string;
  params?: Record<string, unknown>;
  /** READ_ONLY: our check (or the READ transaction) refused it; CYPHER_ERROR: Neo4j refused to plan it at all here. */
  refused: Refusal;
}

const ATTEMPTS: Attempt[] = [
  // Plain writes
  { name: 'CREATE a node', query: "CREATE (:Hacked {id: 'x'})", refused: 'READ_ONLY' },
  {
    name: 'CREATE a relationship',
    query: 'MATCH (a:Entity), (b:Entity) WITH a, b LIMIT 1 CREATE (a)-[:HACKED]->(b)',
    refused: 'READ_ONLY',
  },
  { name: 'MERGE', query: "MERGE (n:Entity {id: 'challenge:hallucination'}) ON MATCH SET n.name_en = 'x'", refused: 'READ_ONLY' },
  { name: 'SET a property', query: "MATCH (n:Entity) SET n.name_en = 'defaced'", refused: 'READ_ONLY' },
  { name: 'SET a label', query: 'MATCH (n:Entity) SET n:Hacked', refused: 'READ_ONLY' },
  { name: 'SET += map', query: "MATCH (n:Entity) SET n += {evidence: 'none'}", refused: 'READ_ONLY' },
  { name: 'DELETE relationships', query: 'MATCH ()-[r]->() DELETE r', refused: 'READ_ONLY' },
  { name: 'DETACH DELETE everything', query: 'MATCH (n) DETACH DELETE n', refused: 'READ_ONLY' },
  { name: 'REMOVE a property', query: 'MATCH (n:Entity) REMOVE n.name_en', refused: 'READ_ONLY' },
  { name: 'REMOVE a label', query: 'MATCH (n:Entity) REMOVE n:Entity', refused: 'READ_ONLY' },
  {
    name: 'FOREACH with a write',
    query: "MATCH (n:Entity) WITH collect(n) AS ns FOREACH (x IN ns | SET x.name_en = 'x')",
    refused: 'READ_ONLY',
  },
  { name: 'FOREACH CREATE', query: 'FOREACH (i IN range(1, 10) | CREATE (:Hacked {i: i}))', refused: 'READ_ONLY' },
  // Hidden keywords
  { name: 'mixed case', query: 'mAtCh (n) DeTaCh DeLeTe n', refused: 'READ_ONLY' },
  { name: 'block comment before the write', query: 'MATCH (n) /* just reading */ DETACH /* really */ DELETE n', refused: 'READ_ONLY' },
  { name: 'write on the line after a comment', query: 'MATCH (n:Entity) // RETURN n\nDETACH DELETE n', refused: 'READ_ONLY' },
  { name: 'write after a line comment', query: "// RETURN 1\nMATCH (n:Entity) SET n.x = 0 RETURN 'ok'", refused: 'READ_ONLY' },
  { name: 'second statement after ;', query: 'RETURN 1; MATCH (n) DETACH DELETE n', refused: 'CYPHER_ERROR' },
  { name: 'UNION with a write branch', query: 'RETURN 1 AS x UNION CREATE (h:Hacked) RETURN 2 AS x', refused: 'READ_ONLY' },
  { name: 'EXPLAIN prefix', query: 'EXPLAIN MATCH (n) DETACH DELETE n', refused: 'READ_ONLY' },
  { name: 'PROFILE prefix', query: 'PROFILE MATCH (n) DETACH DELETE n', refused: 'CYPHER_ERROR' },
  { name: 'CYPHER version prefix', query: 'CYPHER 5 MATCH (n) DETACH DELETE n', refused: 'READ_ONLY' },
  // Subqueries
  { name: 'CALL { } with a write', query: 'CALL { CREATE (h:Hacked) RETURN h } RETURN h', refused: 'READ_ONLY' },
  {
    name: 'correlated CALL (n) { DETACH DELETE }',
    query: 'MATCH (n:Entity) CALL (n) { DETACH DELETE n } RETURN count(*)',
    refused: 'READ_ONLY',
  },
  { name: 'CALL { } IN TRANSACTIONS', query: 'MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10 ROWS', refused: 'READ_ONLY' },
  {
    name: 'EXISTS { } around a read, then a write',
    query: 'MATCH (n) WHERE EXISTS { MATCH (n)--() } SET n.flag = true',
    refused: 'READ_ONLY',
  },
  // Files and the outside world
  { name: 'LOAD CSV of a server file', query: "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", refused: 'READ_ONLY' },
  {
    name: 'LOAD CSV from a URL with a write',
    query: "LOAD CSV FROM 'http://127.0.0.1:1/x.csv' AS line CREATE (:Hacked {l: line[0]})",
    refused: 'READ_ONLY',
  },
  // Schema
  { name: 'CREATE INDEX', query: 'CREATE INDEX hacked_index IF NOT EXISTS FOR (n:Entity) ON (n.name_en)', refused: 'READ_ONLY' },
  {
    name: 'CREATE CONSTRAINT',
    query: 'CREATE CONSTRAINT hacked_constraint FOR (n:Entity) REQUIRE n.name_en IS UNIQUE',
    refused: 'READ_ONLY',
  },
  { name: 'DROP INDEX', query: 'DROP INDEX entity_names_scoped', refused: 'READ_ONLY' },
  { name: 'DROP CONSTRAINT', query: 'DROP CONSTRAINT entity_id', refused: 'READ_ONLY' },
  {
    name: 'CREATE FULLTEXT INDEX',
    query: 'CREATE FULLTEXT INDEX hacked_ft FOR (n:Entity) ON EACH [n.description_en]',
    refused: 'READ_ONLY',
  },
  // Administration
  { name: 'CREATE DATABASE', query: 'CREATE DATABASE hacked', refused: 'CYPHER_ERROR' },
  { name: 'DROP DATABASE', query: 'DROP DATABASE neo4j', refused: 'CYPHER_ERROR' },
  { name: 'STOP DATABASE', query: 'STOP DATABASE neo4j', refused: 'CYPHER_ERROR' },
  { name: 'ALTER USER', query: "ALTER USER neo4j SET PASSWORD 'hacked-password'", refused: 'READ_ONLY' },
  { name: 'CREATE USER', query: "CREATE USER intruder SET PASSWORD 'intruder-password'", refused: 'READ_ONLY' },
  { name: 'SHOW USERS', query: 'SHOW USERS', refused: 'READ_ONLY' },
  { name: 'USE system', query: 'USE system SHOW USERS', refused: 'CYPHER_ERROR' },
  { name: 'SHOW TRANSACTIONS', query: 'SHOW TRANSACTIONS', refused: 'READ_ONLY' },
  { name: 'TERMINATE TRANSACTIONS', query: "TERMINATE TRANSACTIONS 'neo4j-transaction-1'", refused: 'READ_ONLY' },
  { name: 'SHOW SETTINGS', query: 'SHOW SETTINGS', refused: 'READ_ONLY' },
  // Procedures
  { name: 'db.clearQueryCaches', query: 'CALL db.clearQueryCaches()', refused: 'READ_ONLY' },
  { name: 'db.prepareForReplanning (clears caches, typed as a read)', query: 'CALL db.prepareForReplanning()', refused: 'READ_ONLY' },
  { name: 'db.createLabel', query: "CALL db.createLabel('Hacked')", refused: 'READ_ONLY' },
  { name: 'db.createProperty', query: "CALL db.createProperty('hacked')", refused: 'READ_ONLY' },
  { name: 'db.createRelationshipType', query: "CALL db.createRelationshipType('HACKED')", refused: 'READ_ONLY' },
  {
    name: 'db.create.setNodeVectorProperty',
    query: "MATCH (n:Entity) CALL db.create.setNodeVectorProperty(n, 'v', [1.0, 2.0])",
    refused: 'READ_ONLY',
  },
  {
    name: 'db.index.vector.createNodeIndex',
    query: "CALL db.index.vector.createNodeIndex('hacked_vec', 'Entity', 'v', 2, 'cosine')",
    refused: 'READ_ONLY',
  },
  { name: 'db.stats.collect (starts a query collector, typed as a read)', query: "CALL db.stats.collect('QUERIES')", refused: 'READ_ONLY' },
  { name: 'db.stats.clear', query: "CALL db.stats.clear('QUERIES')", refused: 'READ_ONLY' },
  { name: 'db.resampleOutdatedIndexes', query: 'CALL db.resampleOutdatedIndexes()', refused: 'READ_ONLY' },
  { name: 'dbms.killConnection', query: "CALL dbms.killConnection('bolt-1')", refused: 'READ_ONLY' },
  { name: 'dbms.listConfig', query: 'CALL dbms.listConfig()', refused: 'READ_ONLY' },
  { name: 'tx.setMetaData', query: "CALL tx.setMetaData({who: 'intruder'})", refused: 'READ_ONLY' },
  {
    name: 'procedure call hidden in a subquery',
    query: 'MATCH (n:Entity) WITH n LIMIT 1 CALL (n) { CALL db.prepareForReplanning() } RETURN n',
    refused: 'READ_ONLY',
  },
  { name: 'unknown procedure', query: "CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')", refused: 'CYPHER_ERROR' },
];

describe('POST /api/cypher refuses writes, schema changes and administration', () => {
  let srv: TestServer;
  let before: DbFingerprint;
  const results: { name: string; status: number; code: string | undefined }[] = [];

  beforeAll(async () => {
    srv = await startTestServer({ config: { RATE_LIMIT_PER_MINUTE: 100_000 } });
    before = await fingerprint(srv.app.db);
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('has at least 30 attempts, every one with a distinct name', () => {
    expect(ATTEMPTS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(ATTEMPTS.map((a) => a.name)).size).toBe(ATTEMPTS.length);
  });

  it.each(ATTEMPTS)('refuses: $name', async (attempt) => {
    const r = await postJson(srv.baseUrl, '/api/cypher', { query: attempt.query, params: attempt.params ?? {} });
    results.push({ name: attempt.name, status: r.status, code: errorCode(r) });
    expect(r.status, r.text).toBe(400);
    expect(errorCode(r), r.text).toBe(attempt.refused);
    const message = (r.json as { error: { message: string } }).error.message;
    expect(message).toMatch(/^cypher: /);
    expect(r.text).not.toMatch(/\bat .+\.(ts|js):\d+/); // no stack trace
  });

  it('runs injection payloads as data, never as syntax', async () => {
    const payloads = ["'}) DETACH DELETE n //", '"}) MATCH (m) DETACH DELETE m //', '\\u0027}) DETACH DELETE n //', '` DETACH DELETE n //'];
    for (const id of payloads) {
      const r = await postJson(srv.baseUrl, '/api/cypher', { query: 'MATCH (n:Entity {id: $id}) RETURN n', params: { id } });
      expect(r.status, r.text).toBe(200);
      expect((r.json as { rows: unknown[] }).rows).toEqual([]);
      const t = await postJson(srv.baseUrl, '/api/templates/claims-about', { params: { id } });
      expect(t.status, t.text).toBe(200);
    }
  });

  it('still answers a plain read and the read-only procedures analysts use', async () => {
    for (const query of [
      'MATCH (n:Entity) RETURN n.id LIMIT 3',
      'CALL db.labels() YIELD label RETURN label',
      'CALL db.schema.visualization()',
      "CALL db.index.fulltext.queryNodes('entity_names_scoped', 'RAG') YIELD node, score RETURN node.id, score LIMIT 3",
      'SHOW INDEXES YIELD name RETURN name',
    ]) {
      const r = await postJson(srv.baseUrl, '/api/cypher', { query });
      expect(r.status, `${query}: ${r.text}`).toBe(200);
    }
  });

  it('refuses a write even past the check: the READ transaction is a second wall', async () => {
    for (const query of ["CREATE (:Hacked {id: 'second-wall'})", 'MATCH (n) DETACH DELETE n', "MATCH (n:Entity) SET n.name_en = 'x'"]) {
      await expect(srv.app.services.console.run(query, {}, { skipCheck: true }), query).rejects.toMatchObject({
        status: 400,
        code: 'READ_ONLY',
      });
    }
  });

  it('leaves the database exactly as it was', async () => {
    const after = await fingerprint(srv.app.db);
    expect(after).toEqual(before);
    console.log(
      `[console-readonly] ${results.length} attempts refused (${results.filter((r) => r.code === 'READ_ONLY').length} READ_ONLY, ${results.filter((r) => r.code === 'CYPHER_ERROR').length} CYPHER_ERROR); database unchanged: ${after.nodes} nodes, ${after.relationships} relationships, digest ${after.digest.slice(0, 12)}`,
    );
  });
});
