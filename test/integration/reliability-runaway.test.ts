/**
 * Runaway reads through the console: a cartesian product and an unbounded
 * variable-length match are stopped by the query timeout with 504 while the
 * server keeps answering everyone else; long results come back truncated at
 * the row cap; one enormous value cannot freeze the server or grow its
 * memory without bound; Neo4j is left with no runaway transaction.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CypherResultDTO } from '../../graph/contracts';
import { toPlain } from '../../server/db/database';
import { startTestServer, type TestServer } from '../helpers/server';
import { type Answer, errorCode, postJson, request, sleep } from './reliability-helpers';

const QUERY_TIMEOUT_MS = 2000;
const ROW_CAP = 1000;
/** Timeout, plus the driver's commit/cleanup, plus a margin for a loaded two-core CI machine. */
const ANSWER_WITHIN_MS = QUERY_TIMEOUT_MS + 4000;

const CARTESIAN = 'MATCH (a), (b), (c), (d) WHERE a.id < b.id AND c.id <> d.id RETURN count(*) AS n';
const UNBOUNDED = 'MATCH p = (a)-[*]-(b) RETURN count(p) AS n';

/** Light requests sent while the runaways run: everyone else must still be served. */
const PROBE_PATHS = ['/api/health', '/api/search?q=RAG', '/api/nodes/challenge:hallucination', '/api/templates'];

interface Probe {
  answered: number;
  failed: number;
  /** What the failed requests got, for the assertion message. */
  failures: string[];
  worstMs: number;
}

/** Sends light requests one after another until stopped; records the slowest answer. */
function probe(baseUrl: string): { stop: () => Promise<Probe> } {
  const result: Probe = { answered: 0, failed: 0, failures: [], worstMs: 0 };
  let running = true;
  const paths = PROBE_PATHS;
  const loop = (async () => {
    for (let i = 0; running; i++) {
      try {
        const path = paths[i % paths.length]!;
        const r = await request(baseUrl, path, { timeoutMs: 20_000 });
        if (r.status === 200) result.answered++;
        else {
          result.failed++;
          result.failures.push(`${path}: ${r.status} ${r.text.slice(0, 300)}`);
        }
        result.worstMs = Math.max(result.worstMs, r.ms);
      } catch (e) {
        result.failed++;
        result.failures.push(String(e));
      }
      await sleep(50);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return result;
    },
  };
}

describe('runaway reads', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ config: { QUERY_TIMEOUT_MS, CYPHER_ROW_CAP: ROW_CAP, RATE_LIMIT_PER_MINUTE: 100_000 } });
    // The console's worker thread loads on first use (npm start loads it at boot); measure the steady state.
    expect((await postJson(srv.baseUrl, '/api/cypher', { query: 'RETURN 1' }, {}, 60_000)).status).toBe(200);
    // And the probes' own requests once each: a just-started Neo4j plans and caches them on first use.
    for (const path of PROBE_PATHS) expect((await request(srv.baseUrl, path, { timeoutMs: 60_000 })).status).toBe(200);
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('stops a cartesian product and an unbounded variable-length match with 504, and everyone else is still served', async () => {
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const p = probe(srv.baseUrl);
    await sleep(200);
    const started = performance.now();
    const runaways = await Promise.all([
      postJson(srv.baseUrl, '/api/cypher', { query: CARTESIAN }, {}, 30_000),
      postJson(srv.baseUrl, '/api/cypher', { query: UNBOUNDED }, {}, 30_000),
      postJson(srv.baseUrl, '/api/cypher', { query: CARTESIAN.replace('count(*)', 'count(*) + 1') }, {}, 30_000),
    ]);
    const elapsed = performance.now() - started;
    const probes = await p.stop();
    loop.disable();
    for (const r of runaways) {
      expect(r.status, r.text).toBe(504);
      expect(errorCode(r)).toBe('TIMEOUT');
      expect((r.json as { error: { message: string } }).error.message).toMatch(/time limit/);
      expect(r.ms).toBeLessThan(ANSWER_WITHIN_MS);
    }
    expect(probes.failed, probes.failures.join('\n')).toBe(0);
    expect(probes.answered).toBeGreaterThan(5);
    expect(probes.worstMs).toBeLessThan(1500);
    expect(loop.max / 1e6).toBeLessThan(1000);
    console.log(
      `[runaway] 3 runaways answered 504 after ${runaways.map((r) => Math.round(r.ms)).join('/')} ms (timeout ${QUERY_TIMEOUT_MS} ms, all within ${Math.round(elapsed)} ms); meanwhile ${probes.answered} other requests answered, slowest ${Math.round(probes.worstMs)} ms, ${probes.failed} failed; longest event-loop stall ${Math.round(loop.max / 1e6)} ms`,
    );
  });

  it('leaves no runaway transaction behind in Neo4j', async () => {
    await sleep(500);
    const queries = await srv.app.db.autoCommit(
      async (run) =>
        (await run('SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery')).records.map((r) => String(r.get('currentQuery'))),
      { owner: 'test' },
    );
    expect(queries.filter((q) => q.includes('(a), (b), (c), (d)') || q.includes('(a)-[*]-(b)'))).toEqual([]);
  });

  it('answers a query an operator terminates with 503 DATABASE_BUSY and Retry-After, not a 500', async () => {
    // A server of its own with a long time limit, so the termination, not the timeout, ends the query
    // however slowly a loaded machine finds it in the transaction list.
    const patient = await startTestServer({ config: { QUERY_TIMEOUT_MS: 60_000, RATE_LIMIT_PER_MINUTE: 100_000 } });
    const marker = 'count(*) - 1';
    const running = async () =>
      patient.app.db.autoCommit(
        async (run) =>
          (
            await run(
              // Not the console's own EXPLAIN of the same text, which runs first: ending that one (already
              // finished) would leave the query itself to run into the 60 s limit.
              'SHOW TRANSACTIONS YIELD transactionId, currentQuery WHERE currentQuery CONTAINS $marker AND NOT currentQuery STARTS WITH "SHOW" AND NOT currentQuery STARTS WITH "EXPLAIN" RETURN transactionId',
              { marker },
            )
          ).records.map((r) => String(r.get('transactionId'))),
        { owner: 'test' },
      );
    try {
      const pending = postJson(patient.baseUrl, '/api/cypher', { query: CARTESIAN.replace('count(*)', marker) }, {}, 90_000);
      // Find it in Neo4j's transaction list, then end it from another session as an operator would.
      let ids: string[] = [];
      for (let i = 0; i < 200 && ids.length === 0; i++) {
        await sleep(100);
        ids = await running();
      }
      expect(ids, 'the runaway query should be visible in SHOW TRANSACTIONS').toHaveLength(1);
      await patient.app.db.autoCommit((run) => run('TERMINATE TRANSACTIONS $ids', { ids }), { owner: 'test' });
      const r = await pending;
      expect(r.status, r.text).toBe(503);
      expect(errorCode(r)).toBe('DATABASE_BUSY');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((r.json as { error: { message: string } }).error.message).toMatch(/ended the query.*retry/);
      expect(r.ms).toBeLessThan(45_000);
      console.log(
        `[runaway] a terminated transaction answered 503 ${(r.json as { error: { details: { neo4jCode: string } } }).error.details.neo4jCode} in ${Math.round(r.ms)} ms`,
      );
    } finally {
      const left = await running().catch(() => []);
      if (left.length > 0) await patient.app.db.autoCommit((run) => run('TERMINATE TRANSACTIONS $ids', { ids: left }), { owner: 'test' });
      await patient.close();
    }
  }, 120_000);

  it('truncates long results at the row cap with truncated:true, quickly, in bounded memory', async () => {
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
    const times: number[] = [];
    try {
      for (let i = 0; i < 5; i++) {
        const r = await postJson(srv.baseUrl, '/api/cypher', {
          query: "UNWIND range(1, 10000000) AS i RETURN i, 'padding padding padding padding padding' AS pad",
        });
        expect(r.status, r.text.slice(0, 300)).toBe(200);
        const body = r.json as { rows: unknown[][]; truncated: boolean };
        expect(body.truncated).toBe(true);
        expect(body.rows).toHaveLength(ROW_CAP);
        times.push(r.ms);
      }
      const nodes = await postJson(srv.baseUrl, '/api/cypher', { query: 'MATCH (a:Entity), (b:Entity) RETURN a, b' });
      expect(nodes.status).toBe(200);
      expect((nodes.json as { truncated: boolean; rows: unknown[] }).truncated).toBe(true);
      expect((nodes.json as { rows: unknown[] }).rows).toHaveLength(ROW_CAP);
    } finally {
      clearInterval(sampler);
    }
    const growthMb = (peak - baseline) / 1e6;
    expect(Math.max(...times)).toBeLessThan(ANSWER_WITHIN_MS);
    expect(growthMb).toBeLessThan(150);
    console.log(
      `[runaway] 10 000 000-row results truncated at ${ROW_CAP} rows in ${times.map((t) => Math.round(t)).join('/')} ms; resident memory grew at most ${growthMb.toFixed(0)} MB`,
    );
  });

  it('keeps answering others, and bounds time and memory, when one value is enormous', async () => {
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
    // The server runs in this thread: a stalled event loop is a server that answers nobody.
    const enormous = [
      { length: 3_000_000, query: 'RETURN range(1, 3000000) AS r' },
      { length: 1_000_000, query: "RETURN [x IN range(1, 1000000) | 'abcdefgh'] AS r" },
    ];
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const p = probe(srv.baseUrl);
    let answers: Answer[] = [];
    try {
      await sleep(200);
      // One row each, millions of elements: the row cap does not bound these.
      answers = await Promise.all(enormous.map(({ query }) => postJson(srv.baseUrl, '/api/cypher', { query }, {}, 60_000)));
    } finally {
      clearInterval(sampler);
      loop.disable();
    }
    const probes = await p.stop();
    const growthMb = (peak - baseline) / 1e6;
    const stallMs = loop.max / 1e6;
    console.log(
      `[runaway] enormous single values answered ${answers.map((a) => `${a.status}${errorCode(a) ? ` ${errorCode(a)}` : ''} in ${Math.round(a.ms)} ms`).join(', ')}; meanwhile ${probes.answered} other requests answered, slowest ${Math.round(probes.worstMs)} ms, longest event-loop stall ${Math.round(stallMs)} ms; resident memory grew at most ${growthMb.toFixed(0)} MB`,
    );
    expect(stallMs).toBeLessThan(1000);
    // Each value either comes back whole (the string list fits the 16 MB cap when the machine decodes it
    // before the deadline), or the answer says why not: 422 too large, 504 out of time, or truncated.
    answers.forEach((a, i) => {
      expect([200, 422, 504], a.text.slice(0, 300)).toContain(a.status);
      if (a.status === 200) {
        const body = a.json as CypherResultDTO;
        if (!body.truncated) expect((body.rows[0]![0] as unknown[]).length).toBe(enormous[i]!.length);
      }
      expect(a.ms).toBeLessThan(ANSWER_WITHIN_MS + 2000);
    });
    expect(probes.failed, probes.failures.join('\n')).toBe(0);
    expect(probes.worstMs).toBeLessThan(1500);
    expect(growthMb).toBeLessThan(600);
    // The console still works afterwards.
    const after = await postJson(srv.baseUrl, '/api/cypher', { query: 'RETURN 41 + 1 AS answer' });
    expect(after.status).toBe(200);
    expect(toPlain((after.json as { rows: unknown[][] }).rows[0]![0])).toBe(42);
  });
});
