/**
 * graph/analytics/centrality — how central each node is, five ways.
 *
 * - degree: how many distinct nodes a node is linked to (optionally divided by n − 1);
 * - weightedDegree: the sum of the weights of its edges (on the analytics
 *   graph: how many relationships it takes part in);
 * - pagerank: the stationary probability of a random walk that follows edges
 *   in proportion to their weight and jumps anywhere with probability 1 − alpha;
 * - betweenness: the share of shortest paths between other nodes that pass
 *   through it (Brandes; hop distance; normalised by (n − 1)(n − 2) by default);
 * - closeness: the inverse of its mean hop distance to the nodes it can reach
 *   (Wasserman–Faust correction by default, so a disconnected graph still ranks sensibly).
 *
 * Framework-free: graphology and graphology-metrics only, so the browser can
 * run them on the graph it shows.
 */
import type { AbstractGraph } from 'graphology-types';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness';
import closenessCentrality from 'graphology-metrics/centrality/closeness';
import pagerankCentrality from 'graphology-metrics/centrality/pagerank';
import { type Metric, type MetricOptions, type NodeMapping, defineMetric } from './metric';
import { CENTRALITY_METRICS, type CentralityMetric } from './contracts';

export interface DegreeOptions extends MetricOptions {
  /** Divide by n − 1, so 1 means linked to every other node. */
  normalized: boolean;
}

export interface WeightedDegreeOptions extends MetricOptions {
  /** Edge attribute holding the weight; a missing or non-numeric weight counts 1. */
  weightAttribute: string;
}

export interface PagerankOptions extends MetricOptions {
  alpha: number;
  maxIterations: number;
  tolerance: number;
  /** Follow edges in proportion to `weightAttribute` (false: every edge alike). */
  weighted: boolean;
  weightAttribute: string;
}

export interface BetweennessOptions extends MetricOptions {
  normalized: boolean;
}

export interface ClosenessOptions extends MetricOptions {
  wassermanFaust: boolean;
}

function edgeWeight(attrs: Record<string, unknown>, attribute: string): number {
  const w = attrs[attribute];
  return typeof w === 'number' && Number.isFinite(w) ? w : 1;
}

/** Number of distinct neighbours (in any direction), optionally normalised. */
export const degree: Metric<DegreeOptions> = defineMetric<DegreeOptions>({ attribute: 'degree', normalized: false }, (graph, o) => {
  const out: NodeMapping = {};
  const scale = o.normalized ? (graph.order > 1 ? 1 / (graph.order - 1) : 0) : 1;
  graph.forEachNode((node) => {
    out[node] = graph.neighbors(node).filter((m) => m !== node).length * scale;
  });
  return out;
});

/** Sum of the weights of a node's edges (each edge once, whatever its direction). */
export const weightedDegree: Metric<WeightedDegreeOptions> = defineMetric<WeightedDegreeOptions>(
  { attribute: 'weightedDegree', weightAttribute: 'weight' },
  (graph, o) => {
    const out: NodeMapping = {};
    graph.forEachNode((node) => {
      let sum = 0;
      graph.forEachEdge(node, (_edge, attrs) => {
        sum += edgeWeight(attrs, o.weightAttribute);
      });
      out[node] = sum;
    });
    return out;
  },
);

export const pagerank: Metric<PagerankOptions> = defineMetric<PagerankOptions>(
  { attribute: 'pagerank', alpha: 0.85, maxIterations: 200, tolerance: 1e-9, weighted: true, weightAttribute: 'weight' },
  (graph, o) => {
    if (graph.order === 0) return {};
    return pagerankCentrality(graph, {
      alpha: o.alpha,
      maxIterations: o.maxIterations,
      tolerance: o.tolerance,
      getEdgeWeight: o.weighted ? (_edge, attrs) => edgeWeight(attrs, o.weightAttribute) : null,
    });
  },
);

export const betweenness: Metric<BetweennessOptions> = defineMetric<BetweennessOptions>(
  { attribute: 'betweenness', normalized: true },
  (graph, o) => {
    if (graph.order === 0) return {};
    const values = betweennessCentrality(graph, { normalized: o.normalized, getEdgeWeight: null });
    // With fewer than three nodes no node lies between two others.
    if (graph.order < 3) for (const k of Object.keys(values)) values[k] = 0;
    return values;
  },
);

export const closeness: Metric<ClosenessOptions> = defineMetric<ClosenessOptions>(
  { attribute: 'closeness', wassermanFaust: true },
  (graph, o) => {
    if (graph.order === 0) return {};
    return closenessCentrality(graph as Parameters<typeof closenessCentrality>[0], { wassermanFaust: o.wassermanFaust });
  },
);

export const centralityMetrics: {
  degree: typeof degree;
  weightedDegree: typeof weightedDegree;
  pagerank: typeof pagerank;
  betweenness: typeof betweenness;
  closeness: typeof closeness;
} = { degree, weightedDegree, pagerank, betweenness, closeness };

/** Computes one metric by name with its defaults. */
export function centrality(graph: AbstractGraph, metric: CentralityMetric): NodeMapping {
  return centralityMetrics[metric](graph);
}

export function isCentralityMetric(value: string): value is CentralityMetric {
  return (CENTRALITY_METRICS as readonly string[]).includes(value);
}
