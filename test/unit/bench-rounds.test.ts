/**
 * bench/api/rounds — interleaved rounds: the sides' order turns ABBA, the raw sides answer the API's
 * latest timed range, and each side's slices pool into one figure.
 */
import { describe, expect, it } from 'vitest';
import type { RequestRange, RunWindow, Side, TimedRun } from '../../bench/api/load';
import { measureSides, pool, sideOrder } from '../../bench/api/rounds';

function slice(side: Side, latencies: number[], extra: Partial<TimedRun> = {}): TimedRun {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    side,
    workload: 'w',
    concurrency: 4,
    seconds: 1,
    count: latencies.length,
    rps: latencies.length,
    mean: 0,
    p50: sorted[Math.floor(sorted.length / 2)]!,
    p95: sorted[sorted.length - 1]!,
    p99: sorted[sorted.length - 1]!,
    max: sorted[sorted.length - 1]!,
    errors: 0,
    emptyShare: 0,
    loadAvg1: 1,
    latencies,
    ...extra,
  };
}

describe('bench rounds', () => {
  it('turns the order ABBA, so each side sits at the same mean position', () => {
    expect(sideOrder(0)).toEqual(['api', 'raw-seq', 'raw-one']);
    expect(sideOrder(1)).toEqual(['raw-one', 'raw-seq', 'api']);
    expect(sideOrder(2)).toEqual(['raw-one', 'raw-seq', 'api']);
    expect(sideOrder(3)).toEqual(['api', 'raw-seq', 'raw-one']);
    const position = (side: Side) => [0, 1, 2, 3].reduce((a, r) => a + sideOrder(r).indexOf(side), 0);
    expect(position('api')).toBe(position('raw-seq'));
    expect(position('raw-one')).toBe(position('raw-seq'));
  });

  it('runs every side in every round on a slice of the window, raw sides on the API’s latest range', async () => {
    const calls: string[] = [];
    const windows: RunWindow[] = [];
    const rawRanges: (RequestRange | undefined)[] = [];
    let apiRound = 0;
    const out = await measureSides(
      {
        api: async (win) => {
          windows.push(win);
          calls.push('api');
          apiRound++;
          // Each API slice times a different range, so the test sees which one the raw sides got.
          return slice('api', [10 * apiRound, 10 * apiRound + 1], { requests: { from: apiRound * 100, to: apiRound * 100 + 2 } });
        },
        raw: async (side, win, requests) => {
          windows.push(win);
          calls.push(side);
          rawRanges.push(requests);
          return slice(side, [1, 2, 3]);
        },
      },
      { seconds: 6, rampSeconds: 1 },
      4,
    );
    expect(calls).toEqual([
      ...['api', 'raw-seq', 'raw-one'],
      ...['raw-one', 'raw-seq', 'api'],
      ...['raw-one', 'raw-seq', 'api'],
      ...['api', 'raw-seq', 'raw-one'],
    ]);
    expect(windows.every((w) => w.seconds === 1.5 && w.rampSeconds === 1)).toBe(true);
    // Round 0 after API slice 1; rounds 1 and 2 before their own API slice, so on the one before; round 3 after slice 4.
    expect(rawRanges.map((r) => r?.from)).toEqual([100, 100, 100, 100, 200, 200, 400, 400]);
    expect(out.map((r) => r.side)).toEqual(['api', 'raw-seq', 'raw-one']);
    expect(out.every((r) => r.rounds === 4)).toBe(true);
    const api = out[0]!;
    expect(api.count).toBe(8);
    expect(api.seconds).toBe(4);
    expect(api.max).toBe(41);
    expect(api.requests).toEqual({ from: 100, to: 402 });
    expect(api.ranges!.map((r) => r.from)).toEqual([100, 200, 300, 400]);
    expect('latencies' in api).toBe(false);
    expect(out[1]!.count).toBe(12);
  });

  it('pools percentiles over every latency and weights CPU per request by requests', () => {
    // Alone, neither slice's p50 is the pooled one: 20 fast requests and 80 slow.
    const fast = slice(
      'api',
      Array.from({ length: 20 }, () => 1),
      {
        cpuMsPerRequest: { neo4j: 1, server: 2, client: 0.5 },
        emptyShare: 0.5,
        errors: 1,
        errorSample: '503 busy',
      },
    );
    const slow = slice(
      'api',
      Array.from({ length: 80 }, (_, i) => 10 + i),
      {
        cpuMsPerRequest: { neo4j: 6, server: 4, client: 1 },
        boundedBy: 'count',
      },
    );
    const p = pool([fast, slow]);
    expect(p.count).toBe(100);
    expect(p.p50).toBe(39);
    expect(p.max).toBe(89);
    expect(p.rps).toBe(50);
    expect(p.cpuMsPerRequest).toEqual({ neo4j: 5, server: 3.6, client: 0.9 });
    expect(p.emptyShare).toBe(0.1);
    expect(p.errors).toBe(1);
    expect(p.errorSample).toBe('503 busy');
    // A slice that counted the untimed answers in its span pools its rate from those.
    const counted = pool([slice('raw-seq', [1, 1, 1, 1]), slice('raw-seq', [1, 1], { answered: 5 })]);
    expect(counted.rps).toBe(4.5);
    expect(counted.answered).toBe(9);
    expect(pool([slice('raw-seq', [1]), slice('raw-seq', [1])]).answered).toBeUndefined();
    expect(p.boundedBy).toBe('count');
    // CPU per request pools as total over total: a slice whose window covered more requests than it timed
    // (an API slice that finished what autocannon left in flight) weighs by those.
    const covered = pool([
      slice('api', [1, 1], { cpuRequests: 6, cpuMsPerRequest: { neo4j: 1, server: 1, client: 1 } }),
      slice('api', [1, 1], { cpuRequests: 2, cpuMsPerRequest: { neo4j: 5, server: 1, client: 1 } }),
    ]);
    expect(covered.cpuMsPerRequest!.neo4j).toBe(2);
    expect(covered.cpuRequests).toBe(8);
    expect(covered.count).toBe(4);
    // A raw side has no server figure.
    const raw = pool([
      slice('raw-seq', [1], { cpuMsPerRequest: { neo4j: 1, server: null, client: 1 } }),
      slice('raw-seq', [2], { cpuMsPerRequest: { neo4j: 3, server: null, client: 1 } }),
    ]);
    expect(raw.cpuMsPerRequest).toEqual({ neo4j: 2, server: null, client: 1 });
  });
});
