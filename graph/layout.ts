/**
 * graph/layout — a deterministic layout for a knowledge graph.
 *
 * Computed once when the graph is seeded and stored on the nodes, so every
 * client and every deep link draws the same picture. Deterministic: the
 * start positions come from the node ids (a circle per kind), and
 * ForceAtlas2 and noverlap are deterministic for a given start.
 */
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import noverlap from 'graphology-layout-noverlap';
import { fnv1a } from './hash';

export interface LayoutOptions {
  /** ForceAtlas2 iterations. */
  iterations: number;
  /** Kinds are started on separate arcs so communities of a kind begin near each other. */
  kindAttribute: string;
}

const DEFAULTS: LayoutOptions = { iterations: 600, kindAttribute: 'kind' };

export type Positions = Record<string, { x: number; y: number }>;

/** A stable pseudo-random number in [0,1] per id (for its starting angle). */
function hash(text: string): number {
  return fnv1a(text) / 0xffffffff;
}

/** Computes positions for every node of `graph`; the graph itself is not changed. */
export function computeLayout(graph: Graph, options: Partial<LayoutOptions> = {}): Positions {
  const opts = { ...DEFAULTS, ...options };
  const g = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  const kinds = [...new Set(graph.mapNodes((_, a) => String(a[opts.kindAttribute] ?? '')))].sort();
  const ids = graph.nodes().sort();
  for (const id of ids) {
    const kind = String(graph.getNodeAttribute(id, opts.kindAttribute) ?? '');
    const sector = (kinds.indexOf(kind) / Math.max(1, kinds.length)) * 2 * Math.PI;
    const angle = sector + hash(id) * ((2 * Math.PI) / Math.max(1, kinds.length));
    const radius = 50 + 50 * hash(`${id}#r`);
    g.addNode(id, { x: radius * Math.cos(angle), y: radius * Math.sin(angle), size: 1 });
  }
  graph.forEachEdge((_, __, s, t) => {
    if (s !== t && !g.hasEdge(s, t)) g.addEdge(s, t);
  });
  g.forEachNode((n) => g.setNodeAttribute(n, 'size', 2 + Math.sqrt(g.degree(n))));
  const settings = forceAtlas2.inferSettings(g);
  forceAtlas2.assign(g, {
    iterations: opts.iterations,
    settings: { ...settings, barnesHutOptimize: g.order > 500, gravity: 1, scalingRatio: 10, strongGravityMode: true },
  });
  noverlap.assign(g, { maxIterations: 200, settings: { margin: 2, ratio: 1.2 } });
  const out: Positions = {};
  g.forEachNode((n, a) => {
    out[n] = { x: Math.round(a.x * 100) / 100, y: Math.round(a.y * 100) / 100 };
  });
  return out;
}
