/**
 * store/attributes — what a node and an edge of the explorer's graph carry.
 *
 * The graph holds the API's records as they came (`data`) plus the few
 * structural rendering attributes sigma reads (position, size, base colour,
 * edge program). Emphasis (hover, selection, path, language) is never stored
 * here: the renderer's reducers derive it from the store's state.
 */
import { MultiDirectedGraph } from 'graphology';
import type { GraphEdgeDTO, GraphNodeDTO } from '../../../graph/contracts';
import { NODE_KINDS, type NodeKind, type RelType } from '../../../graph/model';

/** Attributes of a node in the explorer graph. */
export interface NodeAttributes {
  x: number;
  y: number;
  size: number;
  color: string;
  /** Default label (English); the node reducer swaps in the current language. */
  label: string;
  kind: NodeKind;
  data: GraphNodeDTO;
}

/** Attributes of an edge in the explorer graph. `type` is sigma's edge program, `rel` the relationship type. */
export interface EdgeAttributes {
  rel: RelType;
  type: 'arrow' | 'curved';
  curvature: number;
  size: number;
  color: string;
  data: GraphEdgeDTO;
}

/** The explorer's graph type: directed, and multi because two nodes may be linked by several relationship types. */
export type ExplorerGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

/** A fresh, empty explorer graph. */
export function createExplorerGraph(): ExplorerGraph {
  return new MultiDirectedGraph<NodeAttributes, EdgeAttributes>({ allowSelfLoops: true });
}

/**
 * One colour per node kind. Picked to stay distinguishable from each other
 * and readable against the light canvas (no pale yellows or greys for the
 * frequent kinds).
 */
export const KIND_COLORS: Record<NodeKind, string> = {
  Challenge: '#d1423f',
  Outlook: '#2e9d57',
  Technology: '#2f6fd0',
  Concept: '#8a5cc7',
  Model: '#e07b1a',
  Organization: '#8c5a43',
  Person: '#d45aa8',
  Domain: '#159aa8',
  Regulation: '#8f8f1f',
  Publication: '#6b7280',
  Claim: '#c99a06',
  Document: '#3b4a8f',
};

/** Colour of a kind, grey for anything unexpected. */
export function kindColor(kind: string): string {
  return (KIND_COLORS as Record<string, string>)[kind] ?? '#888888';
}

/** Base colour of edges: neutral, so the node colours carry the meaning. */
export const EDGE_COLOR = '#b8bfca';

/**
 * Node size from its degree: square root so hubs stand out without
 * swallowing their neighbours; bounded to keep labels legible.
 */
export function sizeForDegree(degree: number): number {
  return Math.min(20, 4 + 2 * Math.sqrt(Math.max(0, degree)));
}

/** Builds the attributes of a node from its API record at a position. */
export function nodeAttributes(node: GraphNodeDTO, position: { x: number; y: number }): NodeAttributes {
  return {
    x: position.x,
    y: position.y,
    size: sizeForDegree(node.degree ?? 0),
    color: kindColor(node.kind),
    label: node.name_en || node.name_zh || node.id,
    kind: node.kind,
    data: node,
  };
}

/** Builds the attributes of an edge from its API record (program and curvature are set by the store). */
export function edgeAttributes(edge: GraphEdgeDTO): EdgeAttributes {
  return { rel: edge.type, type: 'arrow', curvature: 0, size: 1.2, color: EDGE_COLOR, data: edge };
}

/** Kinds in display order (re-exported for panels that only need the list). */
export const KINDS: readonly NodeKind[] = NODE_KINDS;
