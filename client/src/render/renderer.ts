/**
 * render/renderer — sets up sigma on the store's graph.
 *
 * sigma draws the store's graph directly; what differs from the stored
 * attributes (filters, language, hover, selection, path emphasis) is applied
 * by the reducers from views.ts, recomputed whenever the store's state
 * changes. Pointer events are turned into store actions.
 */
import Sigma from 'sigma';
import { EdgeCurvedArrowProgram } from '@sigma/edge-curve';
import {
  EdgeArrowProgram,
  EdgeLineProgram,
  NodeCircleProgram,
  NodePointProgram,
  drawDiscNodeLabel,
  type EdgeProgramType,
  type NodeProgramType,
} from 'sigma/rendering';
import type { EdgeAttributes, NodeAttributes } from '../store/attributes';
import type { ExplorerState, ExplorerStore } from '../store/explorer';
import type { AnalyticsState } from '../store/explorer';
import { analyticsOverrides, computeEmphasis, pathMembers, reduceEdge, reduceNode, type Emphasis, type ViewInput } from '../store/views';
import { sameLevers, scaleEdge, scaleLevers, scaleNode } from './scale';

/** The sigma instance type of the explorer. */
export type ExplorerSigma = Sigma<NodeAttributes, EdgeAttributes>;

/** Fonts with CJK coverage first, so Chinese labels do not fall back to boxes. */
export const LABEL_FONT =
  'system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';

/** Width budget of a label at rest, in "narrow characters" (a CJK character counts as two). */
export const LABEL_BUDGET = 28;

/**
 * Shortens a label to the budget with an ellipsis. sigma's label grid keeps
 * one label per cell but a long label runs across its neighbours; capping
 * the width is what keeps the default view readable. Hovered, selected and
 * emphasised nodes keep their full label.
 */
export function shortLabel(label: string, budget = LABEL_BUDGET): string {
  let width = 0;
  for (let i = 0; i < label.length; i++) {
    width += label.charCodeAt(i) > 0x2e80 ? 2 : 1;
    if (width > budget) return `${label.slice(0, i).trimEnd()}…`;
  }
  return label;
}

/** `compute(key)`, once per key object: the store replaces a state object whenever it changes. */
function once<K extends object, V>(cache: WeakMap<K, V>, key: K, compute: (key: K) => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute(key);
    cache.set(key, value);
  }
  return value;
}

type PathState = NonNullable<ExplorerState['path']>;
type DocFocus = NonNullable<ExplorerState['docFocus']>;
const overridesCache = new WeakMap<AnalyticsState, ReturnType<typeof analyticsOverrides>>();
const pathCache = new WeakMap<PathState, ReturnType<typeof pathMembers>>();
const focusCache = new WeakMap<DocFocus, Set<string>>();

/**
 * Derives the reducers' input from the store state. The analytics sizes and
 * colours, the path's members and the document focus are computed once per
 * state object, not on every hover.
 */
export function viewInput(state: ExplorerState): ViewInput {
  const path = state.path?.result ? once(pathCache, state.path, (p) => pathMembers(p.result, p.active)) : null;
  const focus = state.docFocus ? once(focusCache, state.docFocus, (f) => new Set(f.nodes)) : null;
  const { sizes, colors, fallbackColor } = once(overridesCache, state.analytics, (a) => analyticsOverrides(a.metrics, a));
  return {
    lang: state.lang,
    selected: state.selected,
    hovered: state.hovered,
    filters: state.filters,
    path,
    focus,
    sizes,
    colors,
    fallbackColor,
  };
}

/**
 * Creates the sigma renderer in `container` for the store's graph and keeps
 * it in sync with the store. Returns the instance and a disposer.
 */
export function createRenderer(container: HTMLElement, store: ExplorerStore): { sigma: ExplorerSigma; dispose: () => void } {
  const graph = store.graph;
  let view = viewInput(store.state);
  let emphasis: Emphasis = computeEmphasis(graph, view);
  let levers = scaleLevers(graph);

  const sigma: ExplorerSigma = new Sigma<NodeAttributes, EdgeAttributes>(graph, container, {
    // Labels: only what fits without overlap at the default zoom; more appear as one zooms in.
    labelFont: LABEL_FONT,
    labelSize: 13,
    labelWeight: '500',
    labelColor: { color: '#1f2933' },
    labelDensity: 0.3,
    labelGridCellSize: 180,
    labelRenderedSizeThreshold: 8,
    edgeLabelFont: LABEL_FONT,
    edgeLabelSize: 11,
    edgeLabelColor: { color: '#4b5563' },
    renderEdgeLabels: true,
    defaultEdgeType: 'arrow',
    // The programs are typed for plain attributes; they only read sigma's display data. `line` and `point`
    // are the lighter programs a large graph is drawn with (render/scale).
    edgeProgramClasses: {
      arrow: EdgeArrowProgram as unknown as EdgeProgramType<NodeAttributes, EdgeAttributes>,
      curved: EdgeCurvedArrowProgram as unknown as EdgeProgramType<NodeAttributes, EdgeAttributes>,
      line: EdgeLineProgram as unknown as EdgeProgramType<NodeAttributes, EdgeAttributes>,
    },
    nodeProgramClasses: {
      circle: NodeCircleProgram as unknown as NodeProgramType<NodeAttributes, EdgeAttributes>,
      point: NodePointProgram as unknown as NodeProgramType<NodeAttributes, EdgeAttributes>,
    },
    hideEdgesOnMove: levers.hideEdgesOnMove,
    hideLabelsOnMove: levers.hideLabelsOnMove,
    zIndex: true,
    stagePadding: 40,
    minCameraRatio: 0.05,
    maxCameraRatio: 4,
    // Tests and headless runs may start with a zero-sized container; sigma then waits for a resize.
    allowInvalidContainer: true,
    defaultDrawNodeLabel: (context, data, settings) => {
      const label = data.label && !data.forceLabel && !data.highlighted ? shortLabel(data.label) : data.label;
      drawDiscNodeLabel(context, { ...data, label }, settings);
    },
    nodeReducer: (node, attrs) => scaleNode(reduceNode(graph, view, emphasis, node, attrs), levers),
    edgeReducer: (edge, attrs) => scaleEdge(reduceEdge(graph, view, emphasis, edge, attrs), levers),
  });

  // The levers follow the graph's size whoever changes it (a view, an expansion, an import through the test
  // hook). Checked on every edge event (two comparisons); sigma's own listeners schedule the refresh that
  // runs the reducers again, and setSetting schedules one when only the on-move levers changed.
  const syncLevers = () => {
    const next = scaleLevers(graph);
    if (sameLevers(next, levers)) return;
    levers = next;
    sigma.setSetting('hideEdgesOnMove', next.hideEdgesOnMove);
    sigma.setSetting('hideLabelsOnMove', next.hideLabelsOnMove);
  };
  const graphEvents = ['edgeAdded', 'edgeDropped', 'cleared', 'edgesCleared'] as const;
  for (const event of graphEvents) graph.on(event, syncLevers);

  sigma.on('enterNode', ({ node }) => {
    store.hover(node);
    container.style.cursor = 'pointer';
  });
  sigma.on('leaveNode', () => {
    store.hover(null);
    container.style.cursor = '';
  });
  sigma.on('clickNode', ({ node }) => void store.select(node));
  sigma.on('clickStage', () => {
    if (store.state.selected) void store.select(null);
  });

  const unsubscribe = store.subscribe((state, previous) => {
    const changed =
      state.lang !== previous.lang ||
      state.selected !== previous.selected ||
      state.hovered !== previous.hovered ||
      state.filters !== previous.filters ||
      state.path !== previous.path ||
      state.analytics !== previous.analytics ||
      state.docFocus !== previous.docFocus ||
      state.revision !== previous.revision;
    if (!changed) return;
    view = viewInput(state);
    emphasis = computeEmphasis(graph, view);
    // Only display attributes changed: no need to rebuild sigma's spatial index.
    const structural = state.revision !== previous.revision || state.filters !== previous.filters || state.lang !== previous.lang;
    sigma.refresh(structural ? undefined : { skipIndexation: true });
  });

  return {
    sigma,
    dispose: () => {
      for (const event of graphEvents) graph.off(event, syncLevers);
      unsubscribe();
      sigma.kill();
    },
  };
}
