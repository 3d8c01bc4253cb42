/**
 * The server builds at most HEAVY_CONCURRENCY large answers (graph views,
 * exports, analytics, reports) at once; the rest wait their turn and are
 * answered in full. /api/health reports how many are running and waiting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthDTO, SubgraphDTO } from '../../graph/contracts';
import { api, startTestServer, type TestServer } from '../helpers/server';

describe('large answers, one at a time', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ config: { HEAVY_CONCURRENCY: 1, RATE_LIMIT_PER_MINUTE: 100_000 } });
  });
  afterAll(async () => {
    await srv.close();
  });

  it('queues graph views, exports and analytics behind one another, answers them all, and says so on /api/health', async () => {
    const seen: NonNullable<HealthDTO['heavy']>[] = [];
    let polling = true;
    const poll = (async () => {
      while (polling) seen.push((await api<HealthDTO>(srv.baseUrl, '/api/health')).body.heavy!);
    })();
    const paths = ['/api/graph?limit=20000', '/api/export?format=graphml', '/api/analytics/centrality?metric=betweenness'];
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        fetch(`${srv.baseUrl}${paths[i % paths.length]}`).then(async (r) => ({ status: r.status, text: await r.text() })),
      ),
    );
    polling = false;
    await poll;
    for (const a of answers) expect(a.status, a.text.slice(0, 200)).toBe(200);
    // Complete answers, not cut short by the queue.
    const views = answers.filter((_, i) => i % paths.length === 0).map((a) => JSON.parse(a.text) as SubgraphDTO);
    expect(new Set(views.map((v) => v.nodes.length)).size).toBe(1);
    expect(views[0]!.nodes.length).toBeGreaterThan(100);
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.every((s) => s.limit === 1 && s.running <= 1)).toBe(true);
    expect(Math.max(...seen.map((s) => s.running))).toBe(1);
    expect(Math.max(...seen.map((s) => s.waiting))).toBeGreaterThan(0);
    expect((await api<HealthDTO>(srv.baseUrl, '/api/health')).body.heavy).toEqual({ running: 0, waiting: 0, limit: 1 });
  });
});
