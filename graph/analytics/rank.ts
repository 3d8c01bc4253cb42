/**
 * graph/analytics/rank — a metric's mapping as a ranked table.
 *
 * Highest value first; equal values share a rank (1, 2, 2, 4) and are listed
 * by id, so the table is the same on every run.
 */
import type { NodeMapping } from './metric';

export interface Ranked {
  id: string;
  value: number;
  rank: number;
}

/** Values closer than this (relative) are a tie: floating-point noise must not reorder the table. */
const TIE = 1e-12;

function tied(a: number, b: number): boolean {
  return Math.abs(a - b) <= TIE * Math.max(1, Math.abs(a), Math.abs(b));
}

export function rank(values: NodeMapping, options: { limit?: number; include?: (id: string) => boolean } = {}): Ranked[] {
  const rows = Object.entries(values)
    .filter(([id]) => (options.include ? options.include(id) : true))
    .map(([id, value]) => ({ id, value }))
    .sort((a, b) => (tied(a.value, b.value) ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : b.value - a.value));
  const out: Ranked[] = [];
  rows.forEach((row, i) => {
    const prev = out[i - 1];
    out.push({ ...row, rank: prev && tied(prev.value, row.value) ? prev.rank : i + 1 });
  });
  return options.limit !== undefined ? out.slice(0, options.limit) : out;
}
