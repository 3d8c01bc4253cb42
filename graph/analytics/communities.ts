/**
 * graph/analytics/communities — Louvain communities, deterministic.
 *
 * `communities(graph, options)` maps each node to a community number;
 * `communities.detailed` adds the count and the modularity; `assign` writes
 * the number as a node attribute. Louvain moves nodes in a random order, so
 * the generator is seeded: the same graph and seed give the same answer.
 * Communities are renumbered by size (largest first, ties by their smallest
 * member id), so number 0 is always the largest.
 */
import louvain from 'graphology-communities-louvain';
import modularityOf from 'graphology-metrics/graph/modularity';
import type { AbstractGraph } from 'graphology-types';
import { type Metric, type MetricOptions, type NodeMapping, defineMetric, mergeOptions } from './metric';
import { seededRandom } from './random';

export interface CommunityOptions extends MetricOptions {
  /** Higher values give more, smaller communities. */
  resolution: number;
  /** Seed of the random order in which Louvain visits nodes. */
  seed: number;
  weighted: boolean;
  weightAttribute: string;
}

export interface CommunityResult {
  communities: NodeMapping;
  count: number;
  modularity: number;
}

export const COMMUNITY_DEFAULTS: CommunityOptions = {
  attribute: 'community',
  resolution: 1,
  seed: 42,
  weighted: true,
  weightAttribute: 'weight',
};

/** Renumbers a partition: largest community 0, ties broken by the smallest member id. */
export function renumber(partition: Record<string, number | string>): NodeMapping {
  const groups = new Map<string, string[]>();
  for (const [node, c] of Object.entries(partition)) {
    const key = String(c);
    const members = groups.get(key);
    if (members) members.push(node);
    else groups.set(key, [node]);
  }
  const ordered = [...groups.values()]
    .map((members) => members.sort())
    .sort((a, b) => b.length - a.length || (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
  const out: NodeMapping = {};
  ordered.forEach((members, index) => {
    for (const m of members) out[m] = index;
  });
  return out;
}

function weightOf(o: CommunityOptions) {
  return o.weighted
    ? (_edge: string, attrs: Record<string, unknown>) => {
        const w = attrs[o.weightAttribute];
        return typeof w === 'number' && Number.isFinite(w) ? w : 1;
      }
    : null;
}

function detect(graph: AbstractGraph, o: CommunityOptions): CommunityResult {
  if (graph.order === 0) return { communities: {}, count: 0, modularity: 0 };
  if (graph.size === 0) {
    // Louvain needs edges; without any, every node is a community of its own.
    const partition: Record<string, number> = {};
    let next = 0;
    graph.forEachNode((node, _attrs) => {
      partition[node] = next++;
    });
    return { communities: renumber(partition), count: graph.order, modularity: 0 };
  }
  const detailed = louvain.detailed(graph, {
    resolution: o.resolution,
    rng: seededRandom(o.seed),
    getEdgeWeight: weightOf(o),
  });
  const communities = renumber(detailed.communities);
  return { communities, count: new Set(Object.values(communities)).size, modularity: detailed.modularity };
}

interface Communities extends Metric<CommunityOptions> {
  detailed(graph: AbstractGraph, options?: Partial<CommunityOptions>): CommunityResult;
}

const base = defineMetric<CommunityOptions>(COMMUNITY_DEFAULTS, (graph, o) => detect(graph, o).communities);

export const communities: Communities = Object.assign(base, {
  detailed: (graph: AbstractGraph, options?: Partial<CommunityOptions>) => detect(graph, mergeOptions(COMMUNITY_DEFAULTS, options)),
});

/** Modularity of a given partition (e.g. to check a result, or to score kinds as communities). */
export function modularity(
  graph: AbstractGraph,
  partition: Record<string, number | string>,
  options: { resolution?: number; weighted?: boolean; weightAttribute?: string } = {},
): number {
  if (graph.size === 0) return 0;
  const o = mergeOptions(COMMUNITY_DEFAULTS, options);
  return modularityOf(graph, {
    getNodeCommunity: (node: string) => partition[node] ?? -1,
    getEdgeWeight: weightOf(o),
    resolution: o.resolution,
  });
}
