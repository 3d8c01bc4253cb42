/**
 * bench/lib/stats — percentiles and summaries of latency samples.
 */

export interface LatencySummary {
  /** Completed requests (or statement sequences). */
  count: number;
  /** Answers per second over the measured span (every answer in it, timed or not, where the run counts them). */
  rps: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** The q-quantile (0..1) of sorted values, by nearest rank. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

/**
 * Count, rate and percentiles of `samples`. The rate is `answered` over `seconds`: the samples themselves,
 * unless the run's span also held answers it did not time (see bench/api/load RunResult.answered).
 */
export function summarize(samples: number[], seconds: number, answered = samples.length): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  const sum = samples.reduce((a, b) => a + b, 0);
  return {
    count: samples.length,
    rps: round(answered / seconds, 1),
    mean: round(samples.length ? sum / samples.length : NaN),
    p50: round(quantile(sorted, 0.5)),
    p95: round(quantile(sorted, 0.95)),
    p99: round(quantile(sorted, 0.99)),
    max: round(sorted.length ? sorted[sorted.length - 1]! : NaN),
  };
}

export function median(values: number[]): number {
  return quantile(Float64Array.from(values).sort(), 0.5);
}

export function round(v: number, digits = 2): number {
  if (!Number.isFinite(v)) return v;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
