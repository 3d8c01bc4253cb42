/**
 * Stored per-type degrees: every writer of schema relationships (seed,
 * imports) leaves each entity's `degrees` equal to its live relationship
 * counts; the seed fills in entities written without them; the graph view,
 * which ranks by them, returns what counting every candidate's relationships
 * would (same nodes, same degrees, same order) for any kind/type filter; node
 * details and neighbourhoods report the live degree.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeDetailsDTO, SubgraphDTO } from '../../graph/contracts';
import { NODE_KINDS, REL_TYPES, type RelType } from '../../graph/model';
import { CURATED_NS, degreeIndexes } from '../../graph/records';
import { loadCypherRegistry } from '../../server/db/cypher';
import { seedDatabase } from '../../server/seed';
import { api, startTestServer, type TestServer } from '../helpers/server';

const KEY = 'degrees-test-key-0123456789';
const GRAPH_FLOOR = loadCypherRegistry()['graph-floor'];
const IMPORT = 'degrees-test';
let srv: TestServer;

/** Stored and live per-type degrees of every entity in `ns`. */
async function degreesOf(ns: string): Promise<{ id: string; stored: number[] | null; total: number | null; live: number[] }[]> {
  return srv.app.db.read(
    async (tx) => {
      const r = await tx.run(
        `MATCH (n:Entity {ns: $ns})
         RETURN n.id AS id, n.degrees AS stored, n.degree AS total, [t IN $types | COUNT { (n)-[r]-() WHERE type(r) = t }] AS live
         ORDER BY id`,
        { ns, types: REL_TYPES },
      );
      return r.records.map((x) => ({
        id: x.get('id') as string,
        stored: (x.get('stored') as unknown[] | null)?.map(Number) ?? null,
        total: x.get('total') === null ? null : Number(x.get('total')),
        live: (x.get('live') as unknown[]).map(Number),
      }));
    },
    { owner: 'test' },
  );
}

/** What the graph view answered before degrees were stored: every candidate's relationships counted. */
async function countedView(kinds: string[] | null, types: RelType[], limit: number): Promise<string[]> {
  return srv.app.db.read(
    async (tx) => {
      const r = await tx.run(
        `MATCH (n:Entity)
         WHERE n.ns IN $ns AND ($kinds IS NULL OR n.kind IN $kinds)
         WITH n, COUNT { (n)-[r]-() WHERE type(r) IN $types } AS degree
         ORDER BY degree DESC, n.id
         LIMIT $limit
         RETURN n.id + ' ' + toString(degree) AS row`,
        { ns: [CURATED_NS], kinds, types, limit },
      );
      return r.records.map((x) => x.get('row') as string);
    },
    { owner: 'test' },
  );
}

/** The graph view's floor for a filter (cypher/graph-floor.cypher): above 0, only nodes whose total reaches it are read. */
async function floorOf(kinds: string[] | null, types: RelType[], limit: number): Promise<number> {
  return srv.app.db.read(
    async (tx) => {
      const r = await tx.run(GRAPH_FLOOR, { ns: [CURATED_NS], kinds: kinds ?? NODE_KINDS, typeIndexes: degreeIndexes(types), limit });
      return Number(r.records[0]!.get('floor'));
    },
    { owner: 'test' },
  );
}

function expectExact(rows: { id: string; stored: number[] | null; total: number | null; live: number[] }[]) {
  const wrong = rows.filter((r) => JSON.stringify(r.stored) !== JSON.stringify(r.live) || r.total !== r.live.reduce((a, b) => a + b, 0));
  expect(wrong.slice(0, 5), `${wrong.length} of ${rows.length} entities have stale degrees`).toEqual([]);
}

beforeAll(async () => {
  srv = await startTestServer({ config: { API_KEY: KEY } });
  await api(srv.baseUrl, `/api/imports/${IMPORT}`, { method: 'DELETE', headers: { 'x-api-key': KEY } });
});
afterAll(async () => {
  await api(srv.baseUrl, `/api/imports/${IMPORT}`, { method: 'DELETE', headers: { 'x-api-key': KEY } });
  await srv.close();
});

describe('stored degrees', () => {
  it('match the live counts per type on every curated entity after the seed', async () => {
    const rows = await degreesOf(CURATED_NS);
    expect(rows.length).toBeGreaterThan(100);
    expectExact(rows);
    // Not all zeros: the hubs of the article are there.
    expect(Math.max(...rows.map((r) => r.live.reduce((a, b) => a + b, 0)))).toBeGreaterThan(10);
  });

  it('rank the graph view exactly as counting each candidate did, for any filter', async () => {
    const filters: { kinds: string[] | null; types: RelType[]; limit: number }[] = [
      { kinds: null, types: [...REL_TYPES], limit: 40 },
      { kinds: ['Technology', 'Challenge'], types: ['MITIGATES', 'ADDRESSES'], limit: 25 },
      { kinds: ['Organization'], types: ['DEVELOPS', 'REPORTS'], limit: 10 },
      { kinds: ['Challenge'], types: ['AFFECTS'], limit: 500 },
      // Cut inside a run of equal degrees: the nodes tied with the last one must come by id, none missing.
      { kinds: null, types: [...REL_TYPES], limit: 97 },
      { kinds: ['Technology', 'Outlook'], types: ['ENABLES'], limit: 7 },
    ];
    // Both ways of reading the view are exercised: a floor above 0 (index seek from the floor) and 0 (every candidate).
    const floors = await Promise.all(filters.map((f) => floorOf(f.kinds, f.types, f.limit)));
    expect(floors.filter((x) => x > 0).length, JSON.stringify(floors)).toBeGreaterThanOrEqual(3);
    expect(floors.filter((x) => x === 0).length, JSON.stringify(floors)).toBeGreaterThanOrEqual(1);
    for (const f of filters) {
      const q = new URLSearchParams({ types: f.types.join(','), limit: String(f.limit) });
      if (f.kinds) q.set('kinds', f.kinds.join(','));
      const r = await api<SubgraphDTO>(srv.baseUrl, `/api/graph?${q}`);
      expect(r.status).toBe(200);
      const got = r.body.nodes.map((n) => `${n.id} ${n.degree}`);
      expect(got.length, JSON.stringify(f)).toBeGreaterThan(0);
      expect(got, JSON.stringify(f)).toEqual(await countedView(f.kinds, f.types, f.limit));
    }
  });

  it('give node details and neighbourhoods the live degree of every node they return', async () => {
    const live = new Map((await degreesOf(CURATED_NS)).map((r) => [r.id, r.live.reduce((a, b) => a + b, 0)]));
    const hubs = [...live.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
    for (const [id, degree] of hubs) {
      const details = await api<NodeDetailsDTO>(srv.baseUrl, `/api/nodes/${id}`);
      expect(details.body.node.degree, id).toBe(degree);
      const around = await api<SubgraphDTO>(srv.baseUrl, `/api/nodes/${id}/neighbors?depth=1`);
      expect(around.body.nodes.length).toBeGreaterThan(1);
      for (const n of around.body.nodes) expect(n.degree, n.id).toBe(live.get(n.id));
    }
  });

  it('are written by an import, in the same transaction, for the imported namespace', async () => {
    const content = await (await fetch(`${srv.baseUrl}/api/export?format=graphml&kinds=Technology,Challenge,Outlook`)).text();
    const imported = await api<{ nodes: number }>(srv.baseUrl, '/api/imports', {
      json: { name: IMPORT, format: 'graphml', content },
      headers: { 'x-api-key': KEY },
    });
    expect(imported.status).toBe(201);
    const rows = await degreesOf(`import:${IMPORT}`);
    expect(rows).toHaveLength(imported.body.nodes);
    expectExact(rows);
    expect(rows.some((r) => r.live.some((d) => d > 0))).toBe(true);
  });

  it('are filled in by the seed on entities written without them', async () => {
    const ids = (await degreesOf(CURATED_NS)).slice(0, 7).map((r) => r.id);
    // Four lose both; three keep their per-type degrees but lose the total (a store written before the total).
    await srv.app.db.write((tx) => tx.run('MATCH (n:Entity) WHERE n.id IN $ids REMOVE n.degrees, n.degree', { ids: ids.slice(0, 4) }), {
      owner: 'test',
    });
    await srv.app.db.write((tx) => tx.run('MATCH (n:Entity) WHERE n.id IN $ids REMOVE n.degree', { ids: ids.slice(4) }), { owner: 'test' });
    const after = await degreesOf(CURATED_NS);
    expect(after.filter((r) => r.stored === null).map((r) => r.id)).toEqual(ids.slice(0, 4));
    expect(after.filter((r) => r.total === null).map((r) => r.id)).toEqual(ids);
    const summary = await seedDatabase({ db: srv.app.db, ifEmpty: true });
    expect(summary).toMatch(/stored degrees on 7 entities written without them/);
    expectExact(await degreesOf(CURATED_NS));
  });
});
