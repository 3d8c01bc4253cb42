/**
 * bench/api/warmup passDrift — when Neo4j counts as warm: the geometric mean over the workloads of one pass's
 * CPU per request over the last pass's, so one noisy workload does not keep the warm-up going and a drop
 * across all of them does.
 */
import { describe, expect, it } from 'vitest';
import { passDrift } from '../../bench/api/warmup';

describe('Neo4j warm-up drift', () => {
  it('reads the drop of a JVM still compiling (search at 10k: 37.7 → 11.5 ms, the rest halving)', () => {
    const drift = passDrift(
      { search: 37.65, 'neighbors-d1': 6, 'graph-filtered': 80 },
      { search: 11.48, 'neighbors-d1': 3, 'graph-filtered': 40 },
    );
    expect(drift).toBeCloseTo(Math.cbrt((11.48 / 37.65) * 0.5 * 0.5), 6);
    expect(Math.abs(drift - 1)).toBeGreaterThan(0.1);
  });

  it('is within 10% for warm passes that only spread (one workload +12%, another −9%)', () => {
    const drift = passDrift(
      { search: 3.34, 'neighbors-d1': 2.3, 'graph-filtered': 44 },
      { search: 3.74, 'neighbors-d1': 2.1, 'graph-filtered': 44.5 },
    );
    expect(Math.abs(drift - 1)).toBeLessThanOrEqual(0.1);
  });

  it('ignores workloads one of the passes did not measure', () => {
    expect(passDrift({ search: 4 }, { search: 4, paths: 9 })).toBe(1);
    expect(passDrift({}, { search: 4 })).toBe(1);
  });
});
