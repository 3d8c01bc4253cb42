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

  it('shares a 10k step (50,000 relationships as the loader counts it) among four candidates and the slice', () => {
    const plan = sweepPlan(50_000, FULL, 40_000);
    expect(plan).toEqual({ sizes: [1000, 2500, 5000, 10000], rowsEach: 10_000 });
    // The sweep and the shipping slice both fit the step.
    expect((plan.sizes.length + 1) * plan.rowsEach).toBeLessThanOrEqual(50_000);
  });

  it('drops a candidate larger than its share: a step a little short keeps three', () => {
    // Four candidates and the slice would get 9,993 rows each, under the 10,000 candidate.
    const plan = sweepPlan(49_968, FULL, 40_000);
    expect(plan).toEqual({ sizes: [1000, 2500, 5000], rowsEach: 12_492 });
    expect((plan.sizes.length + 1) * plan.rowsEach).toBeLessThanOrEqual(49_968);
  });

  it('leaves the shipping slice its rows when every candidate fits (two candidates on a small step)', () => {
    const plan = sweepPlan(9_000, [1000, 2500], 10_000);
    expect(plan).toEqual({ sizes: [1000, 2500], rowsEach: 3_000 });
    expect((plan.sizes.length + 1) * plan.rowsEach).toBeLessThanOrEqual(9_000);
  });

  it('keeps the candidates in the order given', () => {
    expect(sweepPlan(450_000, [5000, 1000, 2500], 40_000).sizes).toEqual([5000, 1000, 2500]);
  });

  it('keeps the smallest candidate when none fits its share', () => {
    expect(sweepPlan(1_500, [2500, 1000], 2_000)).toEqual({ sizes: [1000], rowsEach: 750 });
  });
});
