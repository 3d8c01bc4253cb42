/**
 * graph/analytics/random — a small seeded pseudo-random generator.
 *
 * Louvain visits nodes in a random order; with the same seed it visits them
 * in the same order, so the same graph always gets the same communities.
 */

/** mulberry32: a 32-bit generator with a full period, returning numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
