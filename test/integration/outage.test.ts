/**
 * Database outages, on a Neo4j instance of this test's own (never the shared
 * test instance): the API starts while Neo4j is down and says so; it serves
 * as soon as Neo4j is up; when Neo4j stops mid-traffic every request gets a
 * 503 with Retry-After and a clear message within the time limit (no hang),
 * /api/health reports the outage, and the API recovers by itself when Neo4j
 * is back. Writes caught by the outage leave nothing half-written.
 *
 * Every request is counted: answered, failed cleanly (503 + Retry-After +
 * a message saying to retry), or failed badly (anything else — must be 0).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInstance, stopInstance } from '../../scripts/neo4j/local';
import { Database, toPlain } from '../../server/db/database';
import { DatabaseUnavailableError, TransientDatabaseError } from '../../server/errors';
import { seedDatabase } from '../../server/seed';
import { startTestServer, type TestServer } from '../helpers/server';
import { type Answer, errorCode, request, sleep } from './reliability-helpers';

const INSTANCE = {
  name: process.env.NEO4J_OUTAGE_INSTANCE ?? 'outage',
  boltPort: Number(process.env.NEO4J_OUTAGE_BOLT_PORT ?? 7693),
  password: 'local-outage-password',
};
const URI = `bolt://127.0.0.1:${INSTANCE.boltPort}`;
const API_KEY = 'outage-test-key-0a1b2c3d4e5f6a7b';
const QUERY_TIMEOUT_MS = 5000;
/**
 * No hang: every answer within three query timeouts. Each query has its own timeout (which Neo4j enforces
 * within ~2 s), and an endpoint that runs several queries can meet a struggling server in more than one.
 */
const FAIL_WITHIN_MS = 3 * QUERY_TIMEOUT_MS;
/** The API must be serving again within this many seconds of Neo4j answering. */
const RECOVER_WITHIN_S = 10;

type Verdict = 'answered' | 'clean' | 'bad';

interface Tally {
  answered: number;
  clean: number;
  bad: number;
  badExamples: string[];
  slowestCleanMs: number;
  slowestMs: number;
  /** The Neo4j error codes behind the failures. */
  codes: string[];
  /** Time of the first 200 answered at or after `since`. */
  firstAnsweredAfter: (since: number) => number | null;
}

function judge(a: Answer | Error): Verdict {
  if (a instanceof Error) return 'bad';
  if (a.status === 200 || a.status === 201) return 'answered';
  // A query that a cold, just-restarted database could not finish in time: bounded, and says so.
  if (a.status === 504 && errorCode(a) === 'TIMEOUT' && a.ms < FAIL_WITHIN_MS) return 'clean';
  const retryAfter = Number(a.headers.get('retry-after'));
  const message = (a.json as { error?: { message?: string } } | undefined)?.error?.message ?? '';
  if (
    a.status === 503 &&
    retryAfter > 0 &&
    ['DATABASE_UNAVAILABLE', 'DATABASE_BUSY', 'SERVER_BUSY'].includes(errorCode(a) ?? '') &&
    /retry/i.test(message) &&
    a.ms < FAIL_WITHIN_MS
  ) {
    return 'clean';
  }
  return 'bad';
}

const READS: { path: string; init?: RequestInit }[] = [
  { path: '/api/search?q=RAG' },
  { path: '/api/nodes/challenge:hallucination' },
  { path: '/api/nodes/technology:rag/neighbors?depth=2' },
  { path: '/api/graph?limit=50' },
  { path: '/api/paths?from=challenge:hallucination&to=technology:rag' },
  { path: '/api/schema' },
  { path: '/api/export?format=json&limit=20' },
  {
    path: '/api/cypher',
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'MATCH (n:Entity) RETURN n.id LIMIT 5' }),
    },
  },
  {
    path: '/api/templates/most-connected',
    init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ params: { limit: 3 } }) },
  },
];

/** `workers` loops sending the read mix until stopped; every answer is judged and timed. */
function traffic(baseUrl: string, workers: number) {
  const log: { at: number; verdict: Verdict; what: string; ms: number }[] = [];
  const codes = new Set<string>();
  let running = true;
  const loops = Array.from({ length: workers }, async (_, w) => {
    for (let i = w; running; i++) {
      const r = READS[i % READS.length]!;
      let a: Answer | Error;
      try {
        a = await request(baseUrl, r.path, { ...r.init, timeoutMs: 20_000 });
      } catch (err) {
        a = err as Error;
      }
      const verdict = judge(a);
      const what =
        a instanceof Error ? `${r.path}: ${a.message}` : `${r.path}: ${a.status} ${a.text.slice(0, 200)} (${Math.round(a.ms)} ms)`;
      log.push({ at: Date.now(), verdict, what, ms: a instanceof Error ? Infinity : a.ms });
      const code =
        a instanceof Error
          ? undefined
          : (a.json as { error?: { details?: { neo4jCode?: string } } } | undefined)?.error?.details?.neo4jCode;
      if (code) codes.add(code);
      await sleep(verdict === 'answered' ? 20 : 100);
    }
  });
  return {
    log,
    stop: async (): Promise<Tally> => {
      running = false;
      await Promise.all(loops);
      const of = (v: Verdict) => log.filter((e) => e.verdict === v);
      return {
        answered: of('answered').length,
        clean: of('clean').length,
        bad: of('bad').length,
        badExamples: of('bad')
          .slice(0, 5)
          .map((e) => e.what),
        slowestCleanMs: Math.max(0, ...of('clean').map((e) => e.ms)),
        slowestMs: Math.max(0, ...log.map((e) => e.ms)),
        codes: [...codes].sort(),
        firstAnsweredAfter: (since) => log.find((e) => e.at >= since && e.verdict === 'answered')?.at ?? null,
      };
    },
  };
}

/** A GEXF file of `n` nodes in a chain, for an import that an outage may interrupt. */
function chainGexf(n: number): string {
  const nodes = Array.from({ length: n }, (_, i) => `<node id="n${i}" label="Node ${i}"/>`).join('');
  const edges = Array.from({ length: n - 1 }, (_, i) => `<edge id="e${i}" source="n${i}" target="n${i + 1}"/>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><gexf xmlns="http://gexf.net/1.3" version="1.3"><graph defaultedgetype="directed"><nodes>${nodes}</nodes><edges>${edges}</edges></graph></gexf>`;
}

function outcome(a: Answer | Error): string {
  if (a instanceof Error) return a.message;
  const code = (a.json as { error?: { details?: { neo4jCode?: string } } } | undefined)?.error?.details?.neo4jCode;
  return `${a.status}${code ? ` (${code})` : ''} in ${Math.round(a.ms)} ms`;
}

async function waitFor<T>(what: string, fn: () => Promise<T | null>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => null);
    if (v !== null) return v;
    if (Date.now() > deadline) throw new Error(`outage test: ${what} did not happen within ${timeoutMs} ms`);
    await sleep(250);
  }
}

describe('database outages', () => {
  let srv: TestServer;
  let direct: Database;
  const report: string[] = [];

  beforeAll(async () => {
    // A leftover from an interrupted run would make the first phase meaningless.
    await stopInstance(INSTANCE.name);
    srv = await startTestServer({
      config: {
        NEO4J_URI: URI,
        NEO4J_USER: 'neo4j',
        NEO4J_PASSWORD: INSTANCE.password,
        API_KEY,
        QUERY_TIMEOUT_MS,
        RATE_LIMIT_PER_MINUTE: 1_000_000,
      },
    });
    direct = new Database({ ...srv.app.config });
  }, 120_000);

  afterAll(async () => {
    await srv?.close();
    await direct?.close();
    await stopInstance(INSTANCE.name);
    console.log(`[outage]\n${report.join('\n')}`);
  }, 120_000);

  it('starts while Neo4j is down: health says so, every request gets a prompt 503 with Retry-After', async () => {
    const health = await request(srv.baseUrl, '/api/health');
    expect(health.status).toBe(503);
    expect(health.headers.get('retry-after')).toBe('5');
    expect((health.json as { neo4j: { connected: boolean; error: string } }).neo4j).toMatchObject({ connected: false });
    const answers = await Promise.all(READS.map((r) => request(srv.baseUrl, r.path, { ...r.init, timeoutMs: 20_000 })));
    for (const a of answers) {
      expect(judge(a), `${a.status} ${a.text.slice(0, 200)} ${Math.round(a.ms)} ms`).toBe('clean');
      expect((a.json as { error: { message: string } }).error.message).toMatch(/Neo4j .*unavailable.*retry/i);
    }
    // Once the outage is known, requests do not wait on the dead server again: they fail at once.
    const again = await Promise.all(READS.map((r) => request(srv.baseUrl, r.path, { ...r.init, timeoutMs: 20_000 })));
    for (const a of again) expect(judge(a), a.text).toBe('clean');
    const fastest = Math.max(...again.map((a) => a.ms));
    expect(fastest).toBeLessThan(1000);
    const write = await request(srv.baseUrl, '/api/layout', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
      body: JSON.stringify({ positions: { 'challenge:hallucination': { x: 1, y: 1 } } }),
    });
    expect(judge(write), write.text).toBe('clean');
    report.push(
      `  down at start: health 503; ${answers.length + 1} requests all 503 + Retry-After, slowest ${Math.round(Math.max(...answers.map((a) => a.ms), write.ms))} ms; the next ${again.length} at once (slowest ${Math.round(fastest)} ms)`,
    );
  }, 60_000);

  it('serves once Neo4j is up, without a restart', async () => {
    const started = Date.now();
    await startInstance(INSTANCE);
    const up = Date.now();
    // The instance keeps its store between runs: load the curated graph once, and clear what an earlier run left.
    await seedDatabase({ ifEmpty: true, db: direct });
    await direct.write((tx) => tx.run("MATCH (n) WHERE n:OutageProbe OR n.ns STARTS WITH 'import:outage-' DETACH DELETE n"), {
      owner: 'test',
    });
    const servedAt = await waitFor(
      'the API serving',
      async () => ((await request(srv.baseUrl, '/api/search?q=RAG')).status === 200 ? Date.now() : null),
      30_000,
    );
    // Warm every query of the traffic mix, so that the next phase measures the outage and not a cold start.
    for (const r of READS) {
      await waitFor(`${r.path} answering`, async () => ((await request(srv.baseUrl, r.path, r.init)).status === 200 ? true : null), 60_000);
    }
    expect((await request(srv.baseUrl, '/api/health')).status).toBe(200);
    report.push(
      `  Neo4j started in ${((up - started) / 1000).toFixed(1)} s; the API was serving ${((servedAt - up) / 1000).toFixed(1)} s after Neo4j answered (seeding included)`,
    );
  }, 240_000);

  it('answers 503 + Retry-After through a mid-traffic outage, reports it, and recovers by itself; interrupted writes leave nothing half-written', async () => {
    const positionsBefore = await direct.read(
      async (tx) =>
        (await tx.run('MATCH (n:Entity {ns: "curated"}) RETURN n.id AS id, n.x AS x ORDER BY id')).records.map((r) => [
          r.get('id'),
          r.get('x'),
        ]),
      { owner: 'test' },
    );
    const realIds = positionsBefore.map(([id]) => id as string);
    const xBefore = new Map(positionsBefore.map(([id, x]) => [id as string, toPlain(x)]));
    const stamp = 10_000 + (Date.now() % 100_000) * 10; // this run's layout values: stamp + k
    const t = traffic(srv.baseUrl, 6);
    await sleep(2500);

    // A multi-statement write that the outage catches half-way: 25 nodes written, then Neo4j stops.
    let halfway!: () => void;
    const reachedHalfway = new Promise<void>((r) => (halfway = r));
    let neo4jStopped!: () => void;
    const stopped = new Promise<void>((r) => (neo4jStopped = r));
    const interrupted = direct
      .write(
        async (tx) => {
          for (let i = 0; i < 25; i++) await tx.run('CREATE (:OutageProbe {i: $i})', { i });
          halfway();
          await stopped;
          for (let i = 25; i < 50; i++) await tx.run('CREATE (:OutageProbe {i: $i})', { i });
        },
        { owner: 'outage-probe' },
      )
      .then(
        () => 'committed' as const,
        (err: unknown) => err,
      );
    await reachedHalfway;

    // Writes through the API racing the stop: whole layouts (one x per request) and whole imports.
    const layoutWrites = Array.from({ length: 6 }, (_, k) =>
      sleep(k * 300).then(() =>
        request(srv.baseUrl, '/api/layout', {
          method: 'PUT',
          headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
          body: JSON.stringify({ positions: Object.fromEntries(realIds.map((id) => [id, { x: stamp + k, y: stamp + k }])) }),
          timeoutMs: 30_000,
        }).catch((err: Error) => err),
      ),
    );
    const importWrites = Array.from({ length: 3 }, (_, k) =>
      sleep(k * 700).then(() =>
        request(srv.baseUrl, '/api/imports', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
          body: JSON.stringify({ name: `outage-${k}`, format: 'gexf', content: chainGexf(1500) }),
          timeoutMs: 30_000,
        }).catch((err: Error) => err),
      ),
    );

    await sleep(700); // some layouts and imports are committed or in flight when the stop begins
    const stopAt = Date.now();
    await stopInstance(INSTANCE.name);
    neo4jStopped();
    const stoppedAt = Date.now();
    const probe = await interrupted;

    // During the outage: health reports it, writes are refused cleanly.
    await sleep(1500);
    const health = await request(srv.baseUrl, '/api/health');
    expect(health.status).toBe(503);
    expect((health.json as { neo4j: { connected: boolean } }).neo4j.connected).toBe(false);
    const noteDuringOutage = await request(srv.baseUrl, '/api/notes', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
      body: JSON.stringify({
        target: { kind: 'node', id: 'challenge:hallucination' },
        title: 'outage note',
        body: 'written during an outage',
      }),
    });
    if (noteDuringOutage.status !== 404) expect(judge(noteDuringOutage), noteDuringOutage.text).toBe('clean');
    await sleep(4000);

    const restartAt = Date.now();
    await startInstance(INSTANCE);
    const upAt = Date.now();
    const healthyAt = await waitFor(
      '/api/health reporting Neo4j again',
      async () => ((await request(srv.baseUrl, '/api/health')).status === 200 ? Date.now() : null),
      60_000,
    );
    const servedAt = await waitFor(
      'the first request answered after the restart',
      async () => {
        const a = await request(srv.baseUrl, '/api/search?q=RAG');
        return a.status === 200 ? Date.now() : null;
      },
      60_000,
    );
    await sleep(3000);
    const tally = await t.stop();
    const layouts = await Promise.all(layoutWrites);
    const imports = await Promise.all(importWrites);
    const firstTraffic = tally.firstAnsweredAfter(upAt);
    const recoverS = ((firstTraffic ?? servedAt) - upAt) / 1000;

    report.push(
      `  mid-traffic outage: Neo4j stopped in ${((stoppedAt - stopAt) / 1000).toFixed(1)} s, was down ${((upAt - stoppedAt) / 1000).toFixed(1)} s (restart took ${((upAt - restartAt) / 1000).toFixed(1)} s)`,
      `  requests: ${tally.answered} answered, ${tally.clean} failed cleanly (503 + Retry-After, slowest ${Math.round(tally.slowestCleanMs)} ms), ${tally.bad} failed badly; slowest answer of any kind ${Math.round(tally.slowestMs)} ms; Neo4j codes behind the failures: ${tally.codes.join(', ') || 'none'}`,
      `  recovery: /api/health ok ${((healthyAt - upAt) / 1000).toFixed(1)} s and traffic answered again ${recoverS.toFixed(1)} s after Neo4j was back, same process, no restart`,
      `  interrupted multi-statement write: ${probe === 'committed' ? 'committed' : `${(probe as Error).name} ${(probe as { status?: number }).status ?? ''}`}`,
      `  layout writes racing the stop: ${layouts.map(outcome).join(', ')}`,
      `  imports racing the stop: ${imports.map(outcome).join(', ')}`,
      `  note during the outage: ${noteDuringOutage.status}`,
    );

    // The counts the issue asks for.
    expect(tally.bad, tally.badExamples.join('\n')).toBe(0);
    expect(tally.clean).toBeGreaterThan(0);
    expect(tally.answered).toBeGreaterThan(0);
    expect(tally.slowestMs).toBeLessThan(FAIL_WITHIN_MS);
    expect(firstTraffic, 'traffic was answered again after the restart').not.toBeNull();
    expect(recoverS).toBeLessThan(RECOVER_WITHIN_S);

    // The multi-statement write: all of it, or (here) none of it, and the caller is told to retry.
    if (probe !== 'committed') {
      expect(probe).toSatisfy((e: unknown) => e instanceof DatabaseUnavailableError || e instanceof TransientDatabaseError);
      expect((probe as DatabaseUnavailableError).status).toBe(503);
      expect((probe as DatabaseUnavailableError).retryAfter).toBeGreaterThan(0);
    }
    const probes = await direct.read(
      async (tx) => Number(toPlain((await tx.run('MATCH (p:OutageProbe) RETURN count(p) AS c')).records[0]!.get('c'))),
      {
        owner: 'test',
      },
    );
    expect(probes).toBe(probe === 'committed' ? 50 : 0);

    // Layout writes: each either fully applied or not at all — every node carries the same x.
    for (const l of layouts)
      expect(l instanceof Error ? 'network error' : judge(l), l instanceof Error ? l.message : l.text).not.toBe('bad');
    const xAfter = await direct.read(
      async (tx) =>
        (await tx.run('MATCH (n:Entity {ns: "curated"}) RETURN n.id AS id, n.x AS x')).records.map(
          (r) => [r.get('id') as string, toPlain(r.get('x'))] as const,
        ),
      { owner: 'test' },
    );
    const committedLayouts = layouts.filter((l) => !(l instanceof Error) && l.status === 200).length;
    const xs = [...new Set(xAfter.map(([, x]) => x))];
    const untouched = xAfter.every(([id, x]) => x === xBefore.get(id));
    // A 503 on a write whose connection broke during its commit leaves the outcome open, so "untouched" is only
    // required when nothing was acknowledged; either way there is no mixture.
    if (committedLayouts === 0) expect(untouched || (xs.length === 1 && (xs[0] as number) - stamp < 6)).toBe(true);
    else {
      expect(xs).toHaveLength(1);
      expect((xs[0] as number) - stamp).toBeGreaterThanOrEqual(0);
      expect((xs[0] as number) - stamp).toBeLessThan(6);
    }

    // Imports: a namespace holds all 1500 nodes or does not exist.
    for (const l of imports)
      expect(l instanceof Error ? 'network error' : judge(l), l instanceof Error ? l.message : l.text).not.toBe('bad');
    const namespaces = await direct.read(
      async (tx) =>
        (await tx.run("MATCH (n:Entity) WHERE n.ns STARTS WITH 'import:outage-' RETURN n.ns AS ns, count(n) AS c")).records.map((r) => [
          r.get('ns') as string,
          Number(toPlain(r.get('c'))),
        ]),
      { owner: 'test' },
    );
    for (const [ns, c] of namespaces) expect(c, ns as string).toBe(1500);
    report.push(
      `  after recovery: ${probes} probe nodes; ${committedLayouts} layout writes acknowledged, ${xs.length} distinct x value(s) across ${xAfter.length} nodes (${untouched ? 'untouched' : 'one whole layout'}); import namespaces ${JSON.stringify(namespaces)}`,
    );
  }, 300_000);
});
