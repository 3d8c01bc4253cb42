/**
 * bench/report retainedAfterGcMiB — what the memory rounds' no-growth rule reads: resident memory after GC
 * less the V8 heap's committed but empty space, so V8's sizing of its young generation does not read as a
 * leak and a leak still does.
 */
import { describe, expect, it } from 'vitest';
import { type MemoryRound, retainedAfterGcMiB } from '../../bench/report';

const round = (rssAfterGcMiB: number, heapTotalAfterGcMiB: number | undefined, heapUsedAfterGcMiB: number): MemoryRound => ({
  round: 1,
  rssMiB: rssAfterGcMiB + 100,
  rssAfterGcMiB,
  heapUsedAfterGcMiB,
  ...(heapTotalAfterGcMiB === undefined ? {} : { heapTotalAfterGcMiB }),
  requests: 1000,
});

describe('retained memory after GC', () => {
  it('does not move when only V8 uncommits its young generation (two rounds of one 100k run)', () => {
    const first = round(148.4, 66.7, 29.3);
    const third = round(117.3, 35.2, 29.2);
    expect(third.rssAfterGcMiB - first.rssAfterGcMiB).toBeCloseTo(-31.1, 1);
    expect(Math.abs(retainedAfterGcMiB(third) - retainedAfterGcMiB(first))).toBeLessThan(1);
  });

  it('grows with live objects, which a leak adds', () => {
    const first = round(118, 36, 28);
    const leaked = round(140, 58, 50);
    expect(retainedAfterGcMiB(leaked) - retainedAfterGcMiB(first)).toBeCloseTo(22, 1);
  });

  it('grows with memory outside the V8 heap (a native leak)', () => {
    expect(retainedAfterGcMiB(round(150, 36, 28)) - retainedAfterGcMiB(round(118, 36, 28))).toBeCloseTo(32, 1);
  });

  it('is RSS after GC for reports written before the heap total was recorded', () => {
    expect(retainedAfterGcMiB(round(126.1, undefined, 28.3))).toBe(126.1);
  });
});
