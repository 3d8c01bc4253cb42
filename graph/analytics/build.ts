/**
 * graph/analytics/build — the graph the metrics run on.
 *
 * A knowledge graph is directed and may hold several relationships between
 * the same two nodes (an outlook that ADDRESSES and is PART_OF the same
 * challenge). Centrality and communities are about who is connected to
 * whom, so the analytics graph is undirected and simple: one edge per
 * connected pair, whose `weight` is the number of relationships between
 * them (or the weight the caller gives, such as a co-occurrence count) and
 * whose `rels` remember the relationships it stands for.
 *
 * Nodes and edges are added in id order, so every algorithm that depends on
 * insertion order (Louvain) sees the same graph for the same data.
 */
import { UndirectedGraph } from 'graphology';

export interface AnalyticsNodeInput {
  id: string;
  kind?: string;
  name_zh?: string;
  name_en?: string;
  ns?: string;
}

export interface AnalyticsEdgeInput {
  id: string;
  type: string;
  source: string;
  target: string;
  /** Contribution of this relationship to the pair's weight (1 when absent). */
  weight?: number;
}

export interface AnalyticsNodeAttributes {
  kind: string;
  name_zh: string;
  name_en: string;
  ns: string;
  [attribute: string]: unknown;
}

export interface AnalyticsRel {
  id: string;
  type: string;
  source: string;
  target: string;
}

export interface AnalyticsEdgeAttributes {
  weight: number;
  rels: AnalyticsRel[];
  [attribute: string]: unknown;
}

export type AnalyticsGraph = UndirectedGraph<AnalyticsNodeAttributes, AnalyticsEdgeAttributes>;

function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The key of the one edge between two nodes, whatever the direction. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/**
 * Builds the undirected, simple, weighted graph of a subgraph. Edges whose
 * ends are not among the nodes, and self-loops, are left out.
 */
export function buildAnalyticsGraph(sub: { nodes: readonly AnalyticsNodeInput[]; edges: readonly AnalyticsEdgeInput[] }): AnalyticsGraph {
  const graph: AnalyticsGraph = new UndirectedGraph<AnalyticsNodeAttributes, AnalyticsEdgeAttributes>();
  for (const n of [...sub.nodes].sort(byId)) {
    if (graph.hasNode(n.id)) continue;
    graph.addNode(n.id, { kind: n.kind ?? '', name_zh: n.name_zh ?? '', name_en: n.name_en ?? '', ns: n.ns ?? '' });
  }
  const edges = sub.edges
    .filter((e) => e.source !== e.target && graph.hasNode(e.source) && graph.hasNode(e.target))
    .map((e) => ({ e, key: pairKey(e.source, e.target) }))
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : byId(x.e, y.e)));
  for (const { e, key } of edges) {
    const rel: AnalyticsRel = { id: e.id, type: e.type, source: e.source, target: e.target };
    const weight = e.weight ?? 1;
    if (graph.hasEdge(key)) {
      const attrs = graph.getEdgeAttributes(key);
      if (attrs.rels.some((r) => r.id === rel.id)) continue;
      graph.mergeEdgeAttributes(key, { weight: attrs.weight + weight, rels: [...attrs.rels, rel] });
    } else {
      const [a, b] = e.source < e.target ? [e.source, e.target] : [e.target, e.source];
      graph.addUndirectedEdgeWithKey(key, a, b, { weight, rels: [rel] });
    }
  }
  return graph;
}
