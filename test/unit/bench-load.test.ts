/**
 * bench/api/load — the untimed ramp at the start of a run: requests started in it are answered but
 * left out of the figures, on the API side (autocannon) and the driver-loop side alike.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runApi, runRaw } from '../../bench/api/load';
import type { RawDb, Workload } from '../../bench/api/workloads';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Requests that start in the first `slowForMs` of the run take `slowMs`; later ones take `fastMs`. */
function workload(slowForMs: number, slowMs: number, fastMs: number): Workload & { begin(): void } {
  let t0 = 0;
  const delay = () => (performance.now() - t0 < slowForMs ? slowMs : fastMs);
  return {
    begin: () => void (t0 = performance.now()),
    name: 'test',
    request: 'GET /x',
    sequence: 'one',
    single: 'search-fulltext',
    path: (k) => `/x?k=${k}`,
    rawSeq: async () => {
      await sleep(delay());
      return { empty: false };
    },
    rawOne: async () => {
      await sleep(delay());
      return { empty: false };
    },
    // The HTTP server below reads the same clock.
    delay,
  } as Workload & { begin(): void; delay(): number };
}

describe('bench load ramp', () => {
  let server: Server;
  let base = '';
  let current: ReturnType<typeof workload> & { delay?: () => number };
  beforeAll(async () => {
    server = createServer((_req, res) => {
      setTimeout(() => res.end('{}'), current.delay!());
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('leaves requests started in the ramp out of the driver loop figures and opens the timed window once', async () => {
    const w = workload(300, 250, 5);
    let opened = 0;
    let openedAt = 0;
    w.begin();
    const r = await runRaw({} as RawDb, w, 'raw-seq', 4, {
      seconds: 0.6,
      rampSeconds: 0.4,
      onTimed: () => {
        opened++;
        openedAt = performance.now();
      },
    });
    expect(opened).toBe(1);
    expect(openedAt).toBeGreaterThan(0);
    expect(r.rampSeconds).toBe(0.4);
    // Every timed request started after the slow start; the slow ones (250 ms) are not in the figures.
    expect(r.max).toBeLessThan(100);
    expect(r.count).toBeGreaterThan(4 * 20);
    expect(r.seconds).toBeGreaterThan(0.55);
    expect(r.seconds).toBeLessThan(1);

    // Without a ramp the same slow start is in the figures.
    w.begin();
    const all = await runRaw({} as RawDb, w, 'raw-seq', 4, { seconds: 0.6 });
    expect(all.max).toBeGreaterThanOrEqual(250);
    expect(all.rampSeconds).toBeUndefined();
  });

  it('answers exactly the requests the API side timed, the ramp untimed', async () => {
    const seen: number[] = [];
    // Request k costs k % 7 ms, but the ones before `from` are slow: none of them may reach the figures.
    const w = {
      ...workload(0, 0, 0),
      rawSeq: async (_db: RawDb, k: number) => {
        seen.push(k);
        await sleep(k < 40 ? 150 : k % 7);
        return { empty: k % 2 === 0 };
      },
    } as Workload;
    let opened = 0;
    const r = await runRaw({} as RawDb, w, 'raw-seq', 4, { seconds: 60, rampSeconds: 1, onTimed: () => opened++ }, { from: 40, to: 140 });
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 140 }, (_, i) => i));
    expect(r.count).toBe(100);
    expect(r.requests).toEqual({ from: 40, to: 140 });
    expect(r.max).toBeLessThan(100);
    expect(opened).toBe(1);
    // Far shorter than the 60 s window: the count bounds the run.
    expect(r.seconds).toBeLessThan(5);
  });

  it('leaves requests started in the ramp out of the API figures', async () => {
    current = workload(300, 250, 5);
    current.begin();
    let opened = 0;
    const r = await runApi(base, current, 4, { seconds: 1, rampSeconds: 0.5, onTimed: () => opened++ });
    expect(opened).toBe(1);
    expect(r.rampSeconds).toBe(0.5);
    expect(r.errors).toBe(0);
    expect(r.max).toBeLessThan(100);
    expect(r.count).toBeGreaterThan(4 * 20);
    // The timed requests are numbered after the ramp's, one per timed answer.
    expect(r.requests!.from).toBeGreaterThan(0);
    expect(r.requests!.to - r.requests!.from).toBe(r.count);

    current = workload(300, 250, 5);
    current.begin();
    const all = await runApi(base, current, 4, { seconds: 1 });
    expect(all.max).toBeGreaterThanOrEqual(250);
  });

  it('reports the requests it left in flight, so the CPU of their finished work has a count', async () => {
    // Every connection always has one request out: when the time is up, all four are in flight.
    current = workload(0, 0, 100);
    current.begin();
    const r = await runApi(base, current, 4, { seconds: 0.55 });
    expect(r.boundedBy).toBeUndefined();
    expect(r.count).toBeGreaterThanOrEqual(8);
    expect(r.cpuRequests! - r.count).toBe(4);
  });

  it('times all but the first burst when an endpoint slower than the window runs again for a count', async () => {
    // Slower than the 0.3 s window at first (nothing timed), then fast: the count-bounded run ends well within a
    // 0.5 s ramp, so a ramp by the clock would time nothing.
    current = workload(800, 600, 5);
    current.begin();
    let opened = 0;
    const r = await runApi(base, current, 4, { seconds: 0.3, rampSeconds: 0.5, onTimed: () => opened++ });
    expect(r.boundedBy).toBe('count');
    expect(r.errors).toBe(0);
    // 3 × 4 requests, the first 4 (one per connection) untimed.
    expect(r.count).toBe(8);
    expect(r.requests).toEqual({ from: 4, to: 12 });
    expect(r.latencies).toHaveLength(8);
    expect(r.max).toBeLessThan(100);
    expect(opened).toBeGreaterThanOrEqual(1);
  });
});
