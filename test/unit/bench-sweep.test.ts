/**
 * bench/load sweepPlan — the batch-size sweep fits the step it runs at: a partial run's smaller step shares
 * its relationships among the candidates instead of timing empty ones (a `--sizes 10k` full-mode run once
 * reported three candidates at 0 relationships and a shipping floor of 0/s).
 */
import { describe, expect, it } from 'vitest';
import { sweepPlan } from '../../bench/load';

const FULL = [1000, 2500, 5000, 10000, 20000];

describe('batch-size sweep plan', () => {
  it('keeps every candidate and its 40,000 rows at the full run’s 100k step (450,000 new relationships)', () => {
    expect(sweepPlan(450_000, FULL, 40_000)).toEqual({ sizes: FULL, rowsEach: 40_000 });
  });

  it('shares a 10k step among the candidates and drops the one larger than its share', () => {
    const plan = sweepPlan(50_000, FULL, 40_000);
    expect(plan).toEqual({ sizes: [1000, 2500, 5000, 10000], rowsEach: 10_000 });
    // What the sweep writes fits the step, with rows left for the shipping slice.
    expect(plan.sizes.length * plan.rowsEach).toBeLessThan(50_000);
  });

  it('keeps the smallest candidate when none fits its share', () => {
    expect(sweepPlan(1_500, [2500, 1000], 2_000)).toEqual({ sizes: [1000], rowsEach: 750 });
  });
});
