/**
 * store/views — views derived from the one graph and the view state.
 *
 * Pure functions: the filtered graph (which nodes and edges are visible),
 * the emphasised set (hover neighbourhood, highlighted paths, selection) and
 * sigma's node/edge reducers that turn both into display attributes. Nothing
 * here copies the graph or writes to it.
 */
import type { NodeDisplayData, EdgeDisplayData } from 'sigma/types';
import type { NodeMetricsDTO } from '../../../graph/analytics/contracts';
import type { CentralityMetric } from '../../../graph/analytics/contracts';
import type { PathsResultDTO } from '../../../graph/contracts';
import type { Evidence, NodeKind, RelType } from '../../../graph/model';
import { nodeName, relVerb, type Lang } from '../i18n/dictionary';
import type { EdgeAttributes, ExplorerGraph, NodeAttributes } from './attributes';

/** What the user has chosen to hide. */
export interface Filters {
  hiddenKinds: NodeKind[];
  hiddenTypes: RelType[];
  hiddenEvidence: Evidence[];
}

/** No filter at all. */
export const NO_FILTERS: Filters = { hiddenKinds: [], hiddenTypes: [], hiddenEvidence: [] };

/** Whether a node passes the filters. */
export function isNodeVisible(graph: ExplorerGraph, filters: Filters, node: string): boolean {
  if (!graph.hasNode(node)) return false;
  return !filters.hiddenKinds.includes(graph.getNodeAttribute(node, 'kind'));
}

/** Whether an edge passes the filters (its type, its evidence and both of its ends). */
export function isEdgeVisible(graph: ExplorerGraph, filters: Filters, edge: string): boolean {
  if (!graph.hasEdge(edge)) return false;
  const attrs = graph.getEdgeAttributes(edge);
  if (filters.hiddenTypes.includes(attrs.rel)) return false;
  if (filters.hiddenEvidence.includes(attrs.data.evidence)) return false;
  return isNodeVisible(graph, filters, graph.source(edge)) && isNodeVisible(graph, filters, graph.target(edge));
}

/** The visible part of the graph, as id lists in graph order. */
export function visibleSubgraph(graph: ExplorerGraph, filters: Filters): { nodes: string[]; edges: string[] } {
  const nodes = graph.filterNodes((node) => isNodeVisible(graph, filters, node));
  const edges = graph.filterEdges((edge) => isEdgeVisible(graph, filters, edge));
  return { nodes, edges };
}

/**
 * Each visible node's degree in the visible graph: its relationships that pass
 * the filters (a self-loop counts twice, as in graphology's degree), so the
 * table's Degree column agrees with the canvas rather than the unfiltered graph.
 */
export function visibleDegrees(graph: ExplorerGraph, visible: { nodes: readonly string[]; edges: readonly string[] }): Map<string, number> {
  const degrees = new Map<string, number>(visible.nodes.map((node) => [node, 0]));
  for (const edge of visible.edges) {
    for (const end of graph.extremities(edge)) degrees.set(end, (degrees.get(end) ?? 0) + 1);
  }
  return degrees;
}

/** Node and edge ids that one path (or, with `active` null, all paths) of a result runs through. */
export function pathMembers(result: PathsResultDTO | null, active: number | null): { nodes: Set<string>; edges: Set<string> } {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  if (!result) return { nodes, edges };
  result.paths.forEach((path, index) => {
    if (active !== null && index !== active) return;
    // A path's ids are its hops' ends and edges (server/services/paths), so they are all there is to add.
    for (const node of path.nodes) nodes.add(node);
    for (const edge of path.edges) edges.add(edge);
  });
  return { nodes, edges };
}

/** How node colours are chosen: by kind (the default) or by Louvain community. */
export type ColorBy = 'kind' | 'community';

/** The analytics view settings: what sizes the nodes and what colours them. */
export interface AnalyticsSettings {
  /** null: the default size by database degree. */
  sizeBy: CentralityMetric | null;
  colorBy: ColorBy;
}

/** Colours of communities (0 is the largest); chosen to be told apart on the light canvas. */
export const COMMUNITY_COLORS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#bcbd22',
  '#393b79',
  '#ad494a',
  '#637939',
] as const;

/** Colour of nodes outside the analysed scope (documents, imported namespaces) when colouring by community. */
export const NO_COMMUNITY_COLOR = '#9aa3ad';

/** The colour of community `id` (the palette repeats past its end). */
export function communityColor(id: number): string {
  return COMMUNITY_COLORS[((id % COMMUNITY_COLORS.length) + COMMUNITY_COLORS.length) % COMMUNITY_COLORS.length]!;
}

/** Node size from a metric value relative to the largest: square root, from 3 to 22. */
export function sizeForMetric(value: number, max: number): number {
  if (!(max > 0) || !Number.isFinite(value)) return 3;
  return 3 + 19 * Math.sqrt(Math.max(0, Math.min(1, value / max)));
}

/**
 * Display sizes and colours the analytics settings ask for, by node id
 * (null: leave the stored attribute). Nodes the metrics do not cover keep
 * their size and, under community colouring, turn neutral grey.
 */
export function analyticsOverrides(
  metrics: NodeMetricsDTO | null,
  settings: AnalyticsSettings,
): { sizes: Map<string, number> | null; colors: Map<string, string> | null; fallbackColor: string | null } {
  if (!metrics) return { sizes: null, colors: null, fallbackColor: null };
  let sizes: Map<string, number> | null = null;
  let colors: Map<string, string> | null = null;
  if (settings.sizeBy) {
    const metric = settings.sizeBy;
    const max = metrics.max[metric];
    sizes = new Map(Object.entries(metrics.nodes).map(([id, row]) => [id, sizeForMetric(row[metric], max)]));
  }
  if (settings.colorBy === 'community') {
    colors = new Map(Object.entries(metrics.nodes).map(([id, row]) => [id, communityColor(row.community)]));
  }
  return { sizes, colors, fallbackColor: colors ? NO_COMMUNITY_COLOR : null };
}

/** What the reducers need to know about the view. */
export interface ViewInput {
  lang: Lang;
  selected: string | null;
  hovered: string | null;
  filters: Filters;
  /** Members of the highlighted path(s), or null when no path is shown. */
  path: { nodes: Set<string>; edges: Set<string> } | null;
  /** The nodes of a focused subgraph (a document's graph), or null. */
  focus?: Set<string> | null;
  /** Display sizes by node (analytics), or null for the stored sizes. */
  sizes?: ReadonlyMap<string, number> | null;
  /** Display colours by node (communities), or null for the kind colours. */
  colors?: ReadonlyMap<string, string> | null;
  /** Colour of nodes missing from `colors`. */
  fallbackColor?: string | null;
}

/** The emphasised part of the graph; everything else is dimmed. `null` sets mean "nothing dimmed". */
export interface Emphasis {
  source: 'hover' | 'path' | 'focus' | 'selection' | null;
  nodes: Set<string> | null;
  edges: Set<string> | null;
}

/** A node and its direct neighbours, with the edges between it and them. */
export function neighbourhood(graph: ExplorerGraph, node: string): { nodes: Set<string>; edges: Set<string> } {
  const nodes = new Set<string>([node]);
  const edges = new Set<string>();
  if (!graph.hasNode(node)) return { nodes, edges };
  graph.forEachEdge(node, (edge, _attrs, source, target) => {
    edges.add(edge);
    nodes.add(source);
    nodes.add(target);
  });
  return { nodes, edges };
}

/**
 * What to emphasise, by priority: the hovered node's neighbourhood (a
 * transient look), else the highlighted path(s), else the selected node's
 * neighbourhood.
 */
export function computeEmphasis(graph: ExplorerGraph, view: ViewInput): Emphasis {
  if (view.hovered && graph.hasNode(view.hovered)) {
    return { source: 'hover', ...neighbourhood(graph, view.hovered) };
  }
  if (view.path && view.path.nodes.size > 0) {
    return { source: 'path', nodes: view.path.nodes, edges: view.path.edges };
  }
  if (view.focus && view.focus.size > 0) {
    const nodes = view.focus;
    const edges = new Set(graph.filterEdges((_e, _a, source, target) => nodes.has(source) && nodes.has(target)));
    return { source: 'focus', nodes, edges };
  }
  if (view.selected && graph.hasNode(view.selected)) {
    return { source: 'selection', ...neighbourhood(graph, view.selected) };
  }
  return { source: null, nodes: null, edges: null };
}

/** Up to this many emphasised nodes all get their label drawn. */
export const FORCED_LABELS_MAX = 12;

/** Colours of the emphasis states. */
export const DIM_NODE_COLOR = '#dde1e7';
export const DIM_EDGE_COLOR = '#eceef2';
export const FOCUS_EDGE_COLOR = '#59606b';
export const PATH_EDGE_COLOR = '#e8590c';

/**
 * sigma's node reducer: visibility from the filters, the label in the
 * current language, and dimming outside the emphasis.
 */
export function reduceNode(
  graph: ExplorerGraph,
  view: ViewInput,
  emphasis: Emphasis,
  node: string,
  attrs: NodeAttributes,
): Partial<NodeDisplayData> {
  const display: Partial<NodeDisplayData> = { ...attrs, label: nodeName(attrs.data, view.lang) };
  const size = view.sizes?.get(node);
  if (size !== undefined) display.size = size;
  if (view.colors) display.color = view.colors.get(node) ?? view.fallbackColor ?? attrs.color;
  if (!isNodeVisible(graph, view.filters, node)) {
    display.hidden = true;
    return display;
  }
  const isSelected = node === view.selected;
  const isHovered = node === view.hovered;
  // The selected node keeps its colour and label even outside a highlighted path.
  if (emphasis.nodes && !emphasis.nodes.has(node) && !isSelected) {
    display.color = DIM_NODE_COLOR;
    display.label = '';
    display.zIndex = 0;
  } else if (emphasis.nodes) {
    // Small neighbourhoods and paths show every label; a hub's dozens of neighbours
    // are left to sigma's label grid (dimmed nodes have no label, so it picks among them).
    display.forceLabel = emphasis.source === 'path' || emphasis.nodes.size <= FORCED_LABELS_MAX;
    display.zIndex = 1;
  }
  if (isSelected || isHovered) {
    display.highlighted = true;
    display.forceLabel = true;
    display.zIndex = 2;
  }
  return display;
}

/**
 * sigma's edge reducer: visibility from the filters, dimming outside the
 * emphasis, and a verb label on emphasised edges so a neighbourhood or a
 * path reads as sentences.
 */
export function reduceEdge(
  graph: ExplorerGraph,
  view: ViewInput,
  emphasis: Emphasis,
  edge: string,
  attrs: EdgeAttributes,
): Partial<EdgeDisplayData> {
  const display: Partial<EdgeDisplayData> = { ...attrs, label: null };
  if (!isEdgeVisible(graph, view.filters, edge)) {
    display.hidden = true;
    return display;
  }
  if (emphasis.edges) {
    if (emphasis.edges.has(edge)) {
      display.color = emphasis.source === 'path' ? PATH_EDGE_COLOR : FOCUS_EDGE_COLOR;
      display.size = emphasis.source === 'path' ? 3 : 2;
      display.label = relVerb(attrs.rel, view.lang);
      display.zIndex = 1;
    } else {
      display.color = DIM_EDGE_COLOR;
      display.size = 0.6;
      display.zIndex = 0;
    }
  }
  return display;
}
