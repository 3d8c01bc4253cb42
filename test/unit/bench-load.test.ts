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
    // Each request once; after 139 only the untimed ones that keep the load up while the last timed ones answer.
    const sorted = [...seen].sort((a, b) => a - b);
    expect(sorted.slice(0, 140)).toEqual(Array.from({ length: 140 }, (_, i) => i));
    expect(new Set(seen).size).toBe(seen.length);
    expect(sorted.length - 140).toBeLessThanOrEqual(3 * 4);
    expect(r.count).toBe(100);
    expect(r.requests).toEqual({ from: 40, to: 140 });
    expect(r.max).toBeLessThan(100);
    expect(opened).toBe(1);
    // Far shorter than the 60 s window: the count bounds the run.
    expect(r.seconds).toBeLessThan(5);
  });

  it('keeps the concurrency up until the last timed request has answered', async () => {
    // A request takes 5 ms per request in flight: the loop's last timed requests must not get faster as it ends.
    let inFlight = 0;
    const seenBy = new Map<number, number>();
    const w = {
      ...workload(0, 0, 0),
      rawSeq: async (_db: RawDb, k: number) => {
        inFlight++;
        await sleep(5 * inFlight);
        seenBy.set(k, inFlight);
        inFlight--;
        return { empty: false };
      },
    } as Workload;
    const r = await runRaw({} as RawDb, w, 'raw-seq', 4, { seconds: 60 }, { from: 8, to: 40 });
    expect(r.count).toBe(32);
    // Every timed request ended with all four workers busy (without the untimed ones after 39: 3, 2, 1 at the end).
    for (let k = 8; k < 40; k++) expect(seenBy.get(k), `request ${k}`).toBe(4);
    expect(Math.max(...seenBy.keys())).toBeGreaterThanOrEqual(40);
    // The CPU figures cover the untimed requests that ran after the window opened too.
    expect(r.cpuRequests).toBe(seenBy.size - 8);
    // The window closes with the last timed answer, not with the untimed ones after it.
    expect(r.seconds).toBeLessThan(r.count * 0.02 + 0.5);
  });

  it('gives the rate of a run given the API requests as every answer in its span, the untimed ones still out at its start too', async () => {
    // The first burst ends staggered (15, 30, 45, 60 ms), so three untimed requests are still out when the
    // first timed one starts; the timed count alone over the span read about 40% low.
    const ends: { k: number; at: number }[] = [];
    const w = {
      ...workload(0, 0, 0),
      rawSeq: async (_db: RawDb, k: number) => {
        await sleep(k < 4 ? 15 * (k + 1) : 30);
        ends.push({ k, at: performance.now() });
        return { empty: false };
      },
    } as Workload;
    const r = await runRaw({} as RawDb, w, 'raw-seq', 4, { seconds: 60 }, { from: 4, to: 12 });
    expect(r.count).toBe(8);
    const last = Math.max(...ends.filter((e) => e.k >= 4 && e.k < 12).map((e) => e.at));
    const first = last - r.seconds * 1000;
    const inSpan = ends.filter((e) => e.at > first + 0.5 && e.at <= last).length;
    expect(r.answered, `answers: ${JSON.stringify(ends.map((e) => [e.k, Math.round(e.at - last)]))}`).toBe(inSpan);
    // Requests 1–3 of the first burst answered inside the span.
    expect(r.answered).toBeGreaterThanOrEqual(r.count + 3);
    expect(r.rps).toBeCloseTo(r.answered! / r.seconds, 0);
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

  it('times every request written in the window, the slow ones still out at its end included', async () => {
    // 200 ms a request, a 0.5 s window: four connections write at 0, 0.2 and 0.4 s, so twelve requests are written
    // in the window and the last four answer after it. None of them may be dropped, and none written later timed.
    current = workload(0, 0, 200);
    current.begin();
    const r = await runApi(base, current, 4, { seconds: 0.5 });
    expect(r.boundedBy).toBeUndefined();
    expect(r.count).toBe(12);
    expect(r.requests).toEqual({ from: 0, to: 12 });
    expect(Math.min(...r.latencies)).toBeGreaterThanOrEqual(195);
    // The rate is over the window: the requests written in it per second.
    expect(r.seconds).toBe(0.5);
    // The load went on while the last ones answered: the four written then are counted for the CPU figures.
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

  it('gives the rate of a run for a count as every answer in its span, the first burst still out at its start too', async () => {
    // The first burst answers staggered (30, 60, 90, 120 ms), the rest in 40 ms: when the first timed request is
    // written (on the first answer), three untimed ones are still out and answer inside the span.
    const answeredAt: number[] = [];
    const staggered = createServer((req, res) => {
      const k = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('k'));
      setTimeout(
        () => {
          answeredAt.push(performance.now());
          res.end('{}');
        },
        k < 4 ? 30 * (k + 1) : 40,
      );
    });
    await new Promise<void>((r) => staggered.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(staggered.address() as AddressInfo).port}`;
      const r = await runApi(url, workload(0, 0, 0), 4, { seconds: 0.01, rampSeconds: 0.05 });
      expect(r.boundedBy).toBe('count');
      expect(r.requests).toEqual({ from: 4, to: 12 });
      // The timed 8 and the three of the first burst; the timed count alone over the span read about a third low.
      expect(r.answered).toBeGreaterThanOrEqual(r.count + 3);
      expect(r.answered).toBeLessThanOrEqual(answeredAt.length);
      expect(r.rps).toBeCloseTo(r.answered! / r.seconds, 0);
      expect(r.rps).toBeGreaterThan((r.count / r.seconds) * 1.3);
    } finally {
      await new Promise<void>((r) => staggered.close(() => r()));
    }
  });

  it('keeps the concurrency up in a run for a count too, until the last timed request has answered', async () => {
    // 120–200 ms a request against a 0.1 s window: four requests are written in it, fewer than 2 × 4, so the run
    // goes again for a count. Each request notes how many others were in flight when it ended.
    const arrived = new Set<number>();
    const othersAtEnd = new Map<number, number>();
    let inFlight = 0;
    const counting = createServer((req, res) => {
      const k = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('k'));
      let open = true;
      const done = () => {
        if (open) inFlight--;
        open = false;
        req.socket.off('close', done);
      };
      // A request of the first run that autocannon dropped when it stopped is no longer in flight.
      req.socket.once('close', done);
      inFlight++;
      arrived.add(k);
      setTimeout(
        () => {
          if (!open) return;
          othersAtEnd.set(k, inFlight - 1);
          done();
          res.end('{}');
        },
        120 + ((k * 17) % 81),
      );
    });
    await new Promise<void>((r) => counting.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(counting.address() as AddressInfo).port}`;
      const r = await runApi(url, workload(0, 0, 0), 4, { seconds: 0.1 });
      expect(r.boundedBy).toBe('count');
      expect(r.count).toBe(8);
      expect(r.requests).toEqual({ from: 0, to: 8 });
      // Untimed requests after the eighth kept the load up (with an autocannon amount there were none, and the last
      // timed requests ended with 2, 1 and 0 others in flight).
      expect(Math.max(...arrived)).toBeGreaterThanOrEqual(8);
      const drained = [...Array(8).keys()].filter((k) => othersAtEnd.get(k)! < 2);
      expect(drained, `others in flight as each timed request ended: ${JSON.stringify([...othersAtEnd])}`).toEqual([]);
      expect(r.cpuRequests).toBeGreaterThan(r.count);
    } finally {
      await new Promise<void>((r) => counting.close(() => r()));
    }
  });
});
