/**
 * Foundation: the real Neo4j answers, parameterized queries round-trip, the
 * registry refuses a missing statement, and /api/health reports the version.
 */
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCypherRegistry, STATEMENTS } from '../../server/db/cypher';
import { Database } from '../../server/db/database';
import { loadConfig } from '../../server/config';
import { AppError } from '../../server/errors';
import { api, startTestServer, type TestServer } from '../helpers/server';

describe('Neo4j connection', () => {
  const db = new Database(loadConfig());
  afterAll(() => db.close());

  it('runs a parameterized write and read, then cleans up', async () => {
    const marker = `foundation-${Date.now()}`;
    await db.write((tx) => tx.run('CREATE (:FoundationProbe {marker: $marker, n: $n})', { marker, n: 41 }), { owner: 'test' });
    const rows = await db.read(
      async (tx) => (await tx.run('MATCH (p:FoundationProbe {marker: $marker}) RETURN p.n + 1 AS answer', { marker })).records,
      { owner: 'test' },
    );
    expect(rows).toHaveLength(1);
    expect(neo4j.integer.toNumber(rows[0]!.get('answer'))).toBe(42);
    await db.write((tx) => tx.run('MATCH (p:FoundationProbe {marker: $marker}) DELETE p', { marker }), { owner: 'test' });
    const left = await db.read(async (tx) => (await tx.run('MATCH (p:FoundationProbe) RETURN count(p) AS c')).records[0]!.get('c'), {
      owner: 'test',
    });
    expect(neo4j.integer.toNumber(left)).toBe(0);
  });

  it('holds every constraint and index of cypher/schema.cypher after the seed, online, research layer included', async () => {
    const rows = await db.read(
      async (tx) =>
        (await tx.run('SHOW INDEXES YIELD name, state, owningConstraint RETURN name, state, owningConstraint')).records.map((r) => ({
          name: r.get('name') as string,
          state: r.get('state') as string,
        })),
      { owner: 'test' },
    );
    const names = new Set(rows.map((r) => r.name));
    // Each constraint owns an index of the same name.
    for (const name of [
      'entity_id',
      'passage_id',
      'entity_ns',
      'entity_kind',
      'entity_ns_kind',
      'passage_document',
      'passage_ns',
      'entity_names_scoped',
      'entity_search_text',
      'note_id',
      'saved_view_id',
      'saved_view_name',
      'note_target',
      'co_occurs_ns',
      'mentions_ns',
      'seed_state_ns',
    ]) {
      expect(names, name).toContain(name);
    }
    expect(rows.filter((r) => r.state !== 'ONLINE')).toEqual([]);
  });

  it('runs statements without a driver stack capture, yet a failed one still names its owner and keeps the limit', async () => {
    const limit = Error.stackTraceLimit;
    const ok = await db.read(
      async (tx) => {
        const pending = tx.run('RETURN 1 AS one');
        // Restored as soon as run() returns: no other code runs with the lowered limit.
        expect(Error.stackTraceLimit).toBe(limit);
        return (await pending).records[0]!.get('one');
      },
      { owner: 'test' },
    );
    expect(neo4j.integer.toNumber(ok)).toBe(1);
    const failed = await db.read((tx) => tx.run('RETURN 1 +'), { owner: 'foundation probe' }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(AppError);
    expect((failed as AppError).status).toBe(400);
    expect((failed as AppError).message).toContain('foundation probe');
    expect((failed as AppError).stack).toMatch(/\n\s+at /);
    expect(Error.stackTraceLimit).toBe(limit);
  });

  it('reports Neo4j 5.26', async () => {
    const info = await db.info();
    expect(info.version).toMatch(/^5\.26\./);
  });
});

describe('Cypher registry', () => {
  it('loads every statement the code names', () => {
    const registry = loadCypherRegistry();
    for (const name of STATEMENTS) expect(registry[name].length).toBeGreaterThan(5);
  });

  it('refuses to start when a statement file is missing, naming it', () => {
    expect(() => loadCypherRegistry(undefined, [...STATEMENTS, 'no-such-statement'])).toThrow(/cypher\/no-such-statement\.cypher/);
  });
});

describe('GET /api/health', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer();
  });
  afterAll(() => srv.close());

  it('answers 200 with the connected Neo4j version', async () => {
    const r = await api<{ status: string; neo4j: { connected: boolean; version: string } }>(srv.baseUrl, '/api/health');
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('ok');
    expect(r.body.neo4j.connected).toBe(true);
    expect(r.body.neo4j.version).toMatch(/^5\.26\.\d+$/);
  });

  it('answers 503 with the reason when Neo4j is unreachable', async () => {
    const down = await startTestServer({ config: { NEO4J_URI: 'bolt://127.0.0.1:1' } });
    try {
      const r = await api<{ status: string; neo4j: { connected: boolean; error: string } }>(down.baseUrl, '/api/health');
      expect(r.status).toBe(503);
      expect(r.headers.get('retry-after')).toBe('5');
      expect(r.body.neo4j.connected).toBe(false);
      expect(r.body.neo4j.error).toMatch(/^Neo4j is unreachable \(\w+\) — check that Neo4j is running where NEO4J_URI points/);
    } finally {
      await down.close();
    }
  });
});
