/**
 * graph/analytics/similarity — what two nodes have in common.
 *
 * Neighbourhoods are sets of distinct nodes in any direction (a node is not
 * its own neighbour). Jaccard: shared / all neighbours. Adamic–Adar: the sum
 * over shared neighbours z of 1 / ln(degree(z)) — a shared neighbour counts
 * more when it has few other links (two technologies that both mitigate a
 * niche challenge are more alike than two that both touch a hub).
 */
import type { AbstractGraph } from 'graphology-types';

export function neighbourSet(graph: AbstractGraph, node: string): Set<string> {
  if (!graph.hasNode(node)) return new Set();
  return new Set(graph.neighbors(node).filter((m) => m !== node));
}

function sharedOf(na: Set<string>, nb: Set<string>, a: string, b: string): string[] {
  return [...na].filter((z) => nb.has(z) && z !== a && z !== b).sort();
}

function jaccardOf(na: Set<string>, nb: Set<string>): number {
  const union = new Set([...na, ...nb]);
  if (union.size === 0) return 0;
  let shared = 0;
  for (const z of na) if (nb.has(z)) shared++;
  return shared / union.size;
}

function adamicAdarOf(graph: AbstractGraph, shared: readonly string[]): number {
  let sum = 0;
  for (const z of shared) {
    const d = neighbourSet(graph, z).size;
    if (d > 1) sum += 1 / Math.log(d);
  }
  return sum;
}

/** Neighbours of both `a` and `b`, sorted by id. */
export function sharedNeighbours(graph: AbstractGraph, a: string, b: string): string[] {
  return sharedOf(neighbourSet(graph, a), neighbourSet(graph, b), a, b);
}

export function jaccard(graph: AbstractGraph, a: string, b: string): number {
  return jaccardOf(neighbourSet(graph, a), neighbourSet(graph, b));
}

export function adamicAdar(graph: AbstractGraph, a: string, b: string): number {
  return adamicAdarOf(graph, sharedNeighbours(graph, a, b));
}

export interface Similarity {
  shared: string[];
  onlyA: string[];
  onlyB: string[];
  jaccard: number;
  adamicAdar: number;
  adjacent: boolean;
}

/** Everything `compare` reports in one pass. */
export function similarity(graph: AbstractGraph, a: string, b: string): Similarity {
  // Each neighbourhood is read once for all five answers.
  const na = neighbourSet(graph, a);
  const nb = neighbourSet(graph, b);
  const shared = sharedOf(na, nb, a, b);
  return {
    shared,
    onlyA: [...na].filter((z) => !nb.has(z) && z !== b).sort(),
    onlyB: [...nb].filter((z) => !na.has(z) && z !== a).sort(),
    jaccard: jaccardOf(na, nb),
    adamicAdar: adamicAdarOf(graph, shared),
    adjacent: na.has(b),
  };
}
