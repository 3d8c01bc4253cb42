/**
 * store/explorer — the explorer's single source of truth.
 *
 * Owns the one graphology graph the canvas draws and the view state around
 * it (selection, filters, expansions, path, language). Panels and renderers
 * read `state` and call actions; they never touch the graph's membership
 * themselves. Every record fetched from the API is kept in a cache so undo
 * and redo can put nodes back exactly where they were.
 */
import type { CommunityDTO, NodeMetricsDTO } from '../../../graph/analytics/contracts';
import type { GraphEdgeDTO, GraphNodeDTO, NodeDetailsDTO, PathsResultDTO, SubgraphDTO } from '../../../graph/contracts';
import type { Evidence, NodeKind, RelType } from '../../../graph/model';
import { ApiError, missingNodeId, type Api, type NeighborQuery, type PathQuery } from '../api/client';
import { nodeName, type Lang, type MessageKey } from '../i18n/dictionary';
import { createExplorerGraph, edgeAttributes, nodeAttributes, sizeForDegree, type ExplorerGraph } from './attributes';
import { History } from './history';
import { ringAround, seededPositions } from './placement';
import { NO_FILTERS, type AnalyticsSettings, type Filters } from './views';

/** Nodes added to the view on top of the initial graph, and why. */
export interface Expansion {
  /** `neighbors`: an expansion; `path`: nodes a path runs through; `search`/`console`: added on request. */
  origin: 'neighbors' | 'path' | 'search' | 'console' | 'document';
  /** The node expanded (or the node added, or `console`). */
  root: string;
  /** The nodes this addition brought in (not those already present). */
  nodes: string[];
  /** The neighbour query, for `neighbors` (kept for deep links). */
  query?: NeighborQuery;
  truncated?: boolean;
  shown?: number;
  total?: number;
}

/** The path finder's current query and answer. */
export interface PathState {
  query: PathQuery;
  status: 'loading' | 'ready' | 'error';
  result: PathsResultDTO | null;
  /** Index of the highlighted path, or null for all of them. */
  active: number | null;
  error?: string;
  /** The end the server did not find (the panel says so instead of the API's wording). */
  missing?: string;
}

/** The details panel's record of the selected node. */
export interface DetailsState {
  id: string;
  status: 'loading' | 'ready' | 'error';
  data: NodeDetailsDTO | null;
  error?: string;
  /** Set when the node is gone from the store (removed since the view was loaded). */
  missing?: string;
}

/** The analytics view: settings plus the metrics they read (fetched once, kept apart from the graph's data). */
export interface AnalyticsState extends AnalyticsSettings {
  status: 'idle' | 'loading' | 'ready' | 'error';
  metrics: NodeMetricsDTO | null;
  communities: CommunityDTO[] | null;
  error?: string;
}

/** A document whose graph is shown: its nodes are emphasised, the rest dimmed. */
export interface DocumentFocus {
  id: string;
  title: string;
  nodes: string[];
}

/** A short message for the status line, translated where it is shown. */
export interface Notice {
  key: MessageKey;
  params?: Record<string, string | number>;
  tone: 'info' | 'warning' | 'error';
}

/** Everything the interface shows besides the graph itself. Replaced, never mutated. */
export interface ExplorerState {
  lang: Lang;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  /** True while the layout runs. */
  layoutRunning: boolean;
  selected: string | null;
  hovered: string | null;
  details: DetailsState | null;
  filters: Filters;
  expansions: Expansion[];
  path: PathState | null;
  analytics: AnalyticsState;
  docFocus: DocumentFocus | null;
  /** Set when the initial graph was cut by the server's limit. */
  truncation: { shown: number; total: number } | null;
  notice: Notice | null;
  /** Bumped whenever nodes or edges are added or removed. */
  revision: number;
  canUndo: boolean;
  canRedo: boolean;
}

/** What undo/redo restores. */
interface Snapshot {
  nodes: string[];
  selected: string | null;
  filters: Filters;
  expansions: Expansion[];
  path: PathState | null;
  docFocus: DocumentFocus | null;
}

/** A state listener: the new and the previous state. */
export type StateListener = (state: ExplorerState, previous: ExplorerState) => void;

/** Default cap of the initial graph request. */
export const INITIAL_GRAPH_LIMIT = 400;

/** Default neighbour query. */
export const DEFAULT_NEIGHBOR_QUERY: Required<Pick<NeighborQuery, 'depth' | 'limit'>> = { depth: 1, limit: 50 };

function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return `${error.message}${error.code && !error.message.includes(error.code) ? ` (${error.code})` : ''}`;
  return error instanceof Error ? error.message : String(error);
}

/** A failed read as a panel keeps it: the message, and the node the server did not find, if that was it. */
function failure(error: unknown): { error: string; missing?: string } {
  const missing = missingNodeId(error);
  return { error: errorMessage(error), ...(missing ? { missing } : {}) };
}

/**
 * The notice for a failed fetch about node `id`: a node the server does not hold gets its own words (a link
 * or a view can outlive it); any other failure names what was attempted and the server's message.
 */
function failureNotice(error: unknown, id: string, key: 'nodeFetchFailed' | 'expandFailed'): Notice {
  const missing = missingNodeId(error);
  return missing
    ? { key: 'nodeNotFound', params: { id: missing }, tone: 'error' }
    : { key, params: { id, message: errorMessage(error) }, tone: 'error' };
}

function toggled<T>(list: readonly T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

/** The explorer store: one graph, one view state, undo/redo over both. */
export class ExplorerStore {
  /** The graph drawn on the canvas. Read it freely; change it only through the store's actions. */
  readonly graph: ExplorerGraph = createExplorerGraph();

  private current: ExplorerState;
  private readonly listeners = new Set<StateListener>();
  private readonly nodeCache = new Map<string, GraphNodeDTO>();
  private readonly edgeCache = new Map<string, GraphEdgeDTO>();
  /** Last known position of every node ever shown, so a node that comes back returns to its place. */
  private readonly positions = new Map<string, { x: number; y: number }>();
  private base = new Set<string>();
  private readonly history = new History<Snapshot>();
  private selectToken = 0;
  private pathToken = 0;

  constructor(
    private readonly api: Api,
    initial: Partial<Pick<ExplorerState, 'lang'>> = {},
  ) {
    this.current = {
      lang: initial.lang ?? 'zh',
      status: 'idle',
      error: null,
      layoutRunning: false,
      selected: null,
      hovered: null,
      details: null,
      filters: NO_FILTERS,
      expansions: [],
      path: null,
      analytics: { sizeBy: null, colorBy: 'kind', status: 'idle', metrics: null, communities: null },
      docFocus: null,
      truncation: null,
      notice: null,
      revision: 0,
      canUndo: false,
      canRedo: false,
    };
  }

  /** The current view state (immutable; compare by reference). */
  get state(): ExplorerState {
    return this.current;
  }

  /** Calls `listener` after every state change; returns the unsubscribe function. */
  subscribe(listener: StateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(patch: Partial<ExplorerState>): void {
    const previous = this.current;
    this.current = {
      ...previous,
      ...patch,
      canUndo: this.history.canUndo,
      canRedo: this.history.canRedo,
    };
    for (const listener of [...this.listeners]) listener(this.current, previous);
  }

  // ---------------------------------------------------------------- data

  /** The API record of a node known to the store (shown or not). */
  nodeRecord(id: string): GraphNodeDTO | undefined {
    return this.nodeCache.get(id);
  }

  /** The API record of an edge known to the store. */
  edgeRecord(id: string): GraphEdgeDTO | undefined {
    return this.edgeCache.get(id);
  }

  /** Whether a node is part of the initial graph (as opposed to added by the user). */
  isBaseNode(id: string): boolean {
    return this.base.has(id);
  }

  private ingest(sub: { nodes: readonly GraphNodeDTO[]; edges: readonly GraphEdgeDTO[] }): void {
    for (const node of sub.nodes) {
      const known = this.nodeCache.get(node.id);
      // A later record may lack the stored position or degree an earlier one had.
      this.nodeCache.set(
        node.id,
        known ? { ...known, ...node, x: node.x ?? known.x, y: node.y ?? known.y, degree: node.degree ?? known.degree } : node,
      );
    }
    for (const edge of sub.edges) this.edgeCache.set(edge.id, edge);
  }

  /** Adds cached nodes that are not in the graph yet, placing new ones around `anchor`. */
  private addNodes(ids: readonly string[], anchor?: string | null): void {
    const missing = ids.filter((id) => !this.graph.hasNode(id) && this.nodeCache.has(id));
    if (missing.length === 0) return;
    const unplaced = missing.filter((id) => {
      const record = this.nodeCache.get(id)!;
      return !this.positions.has(id) && (record.x === undefined || record.y === undefined);
    });
    let placed = new Map<string, { x: number; y: number }>();
    if (unplaced.length > 0) {
      if (anchor && this.graph.hasNode(anchor)) {
        const { x, y } = this.graph.getNodeAttributes(anchor);
        placed = ringAround({ x, y }, unplaced, this.spacing());
      } else if (this.graph.order > 0) {
        placed = ringAround(this.centre(), unplaced, this.spacing());
      } else {
        placed = seededPositions(unplaced.map((id) => ({ id, kind: this.nodeCache.get(id)!.kind })));
      }
    }
    for (const id of missing) {
      const record = this.nodeCache.get(id)!;
      const position =
        this.positions.get(id) ??
        (record.x !== undefined && record.y !== undefined ? { x: record.x, y: record.y } : (placed.get(id) ?? { x: 0, y: 0 }));
      this.graph.addNode(id, nodeAttributes(record, position));
    }
  }

  /** A typical distance between nodes of the current picture (for placing new ones). */
  private spacing(): number {
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    this.graph.forEachNode((_n, a) => {
      minX = Math.min(minX, a.x);
      maxX = Math.max(maxX, a.x);
      minY = Math.min(minY, a.y);
      maxY = Math.max(maxY, a.y);
    });
    const extent = Math.max(maxX - minX, maxY - minY);
    return Number.isFinite(extent) && extent > 0 ? extent / Math.max(6, Math.sqrt(this.graph.order) * 2) : 10;
  }

  private centre(): { x: number; y: number } {
    let x = 0;
    let y = 0;
    this.graph.forEachNode((_n, a) => {
      x += a.x;
      y += a.y;
    });
    const n = Math.max(1, this.graph.order);
    return { x: x / n, y: y / n };
  }

  private removeNodes(ids: readonly string[]): void {
    for (const id of ids) {
      if (!this.graph.hasNode(id)) continue;
      const { x, y } = this.graph.getNodeAttributes(id);
      this.positions.set(id, { x, y });
      this.graph.dropNode(id);
    }
  }

  /**
   * Adds every known edge whose two ends are shown: edge membership follows
   * node membership, so whatever was learnt about links between shown nodes
   * is drawn, whichever request brought it.
   */
  private syncEdges(): void {
    for (const [id, edge] of this.edgeCache) {
      if (this.graph.hasEdge(id)) continue;
      if (!this.graph.hasNode(edge.source) || !this.graph.hasNode(edge.target)) continue;
      this.graph.addDirectedEdgeWithKey(id, edge.source, edge.target, edgeAttributes(edge));
    }
    this.updateEdgePrograms();
    this.updateSizes();
  }

  /** Curves edges that share their two ends (either direction) so none hides another. */
  private updateEdgePrograms(): void {
    const groups = new Map<string, string[]>();
    this.graph.forEachEdge((edge, _a, source, target) => {
      const key = source < target ? `${source}\u0000${target}` : `${target}\u0000${source}`;
      const group = groups.get(key);
      if (group) group.push(edge);
      else groups.set(key, [edge]);
    });
    for (const [key, edges] of groups) {
      const [first] = key.split('\u0000');
      if (edges.length === 1) {
        this.graph.mergeEdgeAttributes(edges[0]!, { type: 'arrow', curvature: 0 });
        continue;
      }
      edges.forEach((edge, i) => {
        // Reciprocal edges curve to opposite sides on their own; orient so parallel ones fan out.
        const forward = this.graph.source(edge) === first;
        const magnitude = 0.25 + 0.2 * Math.floor(i / 2);
        const sign = i % 2 === 0 ? 1 : -1;
        this.graph.mergeEdgeAttributes(edge, { type: 'curved', curvature: magnitude * sign * (forward ? 1 : -1) });
      });
    }
  }

  /** Sizes by degree: the database degree when the API gave one (stable across expansions), else the shown degree. */
  private updateSizes(): void {
    this.graph.forEachNode((node, attrs) => {
      const size = sizeForDegree(attrs.data.degree ?? this.graph.degree(node));
      if (size !== attrs.size) this.graph.setNodeAttribute(node, 'size', size);
    });
  }

  /** Makes the shown nodes exactly `ids` (those known to the cache). */
  private setMembership(ids: ReadonlySet<string>): void {
    this.removeNodes(this.graph.filterNodes((node) => !ids.has(node)));
    this.addNodes([...ids]);
    this.syncEdges();
  }

  /** Nodes that some reason keeps on screen: the initial graph and every addition still in effect. */
  private ownedNodes(expansions: readonly Expansion[]): Set<string> {
    const owned = new Set(this.base);
    for (const expansion of expansions) for (const node of expansion.nodes) owned.add(node);
    return owned;
  }

  // ---------------------------------------------------------------- history

  private snapshot(): Snapshot {
    const s = this.current;
    return {
      nodes: this.graph.nodes(),
      selected: s.selected,
      filters: s.filters,
      expansions: s.expansions,
      path: s.path,
      docFocus: s.docFocus,
    };
  }

  /** Remembers the present view before a change, for undo. */
  private record(): void {
    this.history.record(this.snapshot());
  }

  private restore(snapshot: Snapshot): void {
    this.setMembership(new Set(snapshot.nodes));
    const selected = snapshot.selected && this.graph.hasNode(snapshot.selected) ? snapshot.selected : null;
    this.set({
      filters: snapshot.filters,
      expansions: snapshot.expansions,
      path: snapshot.path,
      docFocus: snapshot.docFocus,
      revision: this.current.revision + 1,
      notice: null,
    });
    if (selected !== this.current.selected) this.applySelection(selected);
  }

  /** Goes back one view change. */
  undo(): void {
    const previous = this.history.undo(this.snapshot());
    if (previous) this.restore(previous);
  }

  /** Re-applies the view change last undone. */
  redo(): void {
    const next = this.history.redo(this.snapshot());
    if (next) this.restore(next);
  }

  /** Forgets the undo history (after a deep link has been applied, say). */
  clearHistory(): void {
    this.history.clear();
    this.set({});
  }

  // ---------------------------------------------------------------- loading

  /**
   * Loads the initial (curated) graph: replaces whatever is shown.
   * Resolves to the subgraph so the caller can decide about the layout.
   */
  async load(opts: { limit?: number } = {}): Promise<SubgraphDTO | null> {
    this.set({ status: 'loading', error: null });
    try {
      const sub = await this.api.graph({ limit: opts.limit ?? INITIAL_GRAPH_LIMIT });
      this.graph.clear();
      this.ingest(sub);
      this.base = new Set(sub.nodes.map((n) => n.id));
      this.addNodes(sub.nodes.map((n) => n.id));
      this.syncEdges();
      this.history.clear();
      this.set({
        status: 'ready',
        selected: null,
        details: null,
        expansions: [],
        path: null,
        docFocus: null,
        truncation: sub.truncated && sub.total ? { shown: sub.nodes.length, total: sub.total.nodes } : null,
        revision: this.current.revision + 1,
      });
      return sub;
    } catch (error) {
      this.set({ status: 'error', error: errorMessage(error) });
      return null;
    }
  }

  /** Marks the layout as running or done (for the status line). */
  setLayoutRunning(running: boolean): void {
    if (running !== this.current.layoutRunning) this.set({ layoutRunning: running });
  }

  /** Moves nodes (after a layout run); positions become the ones undo/redo restore. */
  setPositions(positions: ReadonlyMap<string, { x: number; y: number }> | Record<string, { x: number; y: number }>): void {
    const entries = positions instanceof Map ? [...positions] : Object.entries(positions);
    for (const [id, p] of entries) {
      if (this.graph.hasNode(id)) this.graph.mergeNodeAttributes(id, { x: p.x, y: p.y });
      this.positions.set(id, { x: p.x, y: p.y });
    }
  }

  // ---------------------------------------------------------------- selection

  /** Sets the hovered node (transient: no history, no URL). */
  hover(id: string | null): void {
    if (id !== this.current.hovered) this.set({ hovered: id });
  }

  /**
   * Selects a node (null clears the selection) and loads its details. A node
   * that is not shown yet is fetched and added next to a shown neighbour.
   */
  async select(id: string | null): Promise<void> {
    if (id === this.current.selected && (id === null || this.graph.hasNode(id))) return;
    if (id !== null && !this.graph.hasNode(id)) {
      // A node not shown yet is fetched first, so one that cannot be (a stale link) leaves the view and its
      // undo history as they were, with a notice; once brought in, the selection reuses its details.
      let details: NodeDetailsDTO;
      try {
        details = await this.api.node(id);
      } catch (error) {
        this.set({ notice: failureNotice(error, id, 'nodeFetchFailed') });
        return;
      }
      this.record();
      this.bringIn(id, details);
      await this.applySelection(id, details);
      return;
    }
    this.record();
    await this.applySelection(id);
  }

  /** Adds a fetched node that is not shown (with its links to shown nodes) next to a shown neighbour. */
  private bringIn(id: string, details: NodeDetailsDTO): void {
    this.ingest({ nodes: [details.node], edges: details.relationships.map((r) => r.edge) });
    const anchor = details.relationships.map((r) => r.other.id).find((other) => this.graph.hasNode(other)) ?? null;
    this.addNodes([id], anchor);
    this.syncEdges();
    this.set({
      expansions: [...this.current.expansions, { origin: 'search', root: id, nodes: [id] }],
      revision: this.current.revision + 1,
    });
  }

  private async applySelection(id: string | null, fetched: NodeDetailsDTO | null = null): Promise<void> {
    const token = ++this.selectToken;
    if (id === null) {
      this.set({ selected: null, details: null });
      return;
    }
    this.set({ selected: id, details: { id, status: 'loading', data: null } });
    try {
      const data = fetched ?? (await this.api.node(id));
      if (token !== this.selectToken) return;
      // Details carry every relationship: remember the edges so links between shown nodes appear.
      this.ingest({ nodes: [data.node], edges: data.relationships.map((r) => r.edge) });
      const before = this.graph.size;
      this.syncEdges();
      this.set({
        details: { id, status: 'ready', data },
        ...(this.graph.size !== before ? { revision: this.current.revision + 1 } : {}),
      });
    } catch (error) {
      if (token !== this.selectToken) return;
      this.set({ details: { id, status: 'error', data: null, ...failure(error) } });
    }
  }

  // ---------------------------------------------------------------- language & filters

  /** Switches the language of every label. */
  setLang(lang: Lang): void {
    if (lang !== this.current.lang) this.set({ lang });
  }

  /** Replaces the filters (recorded for undo). */
  setFilters(filters: Partial<Filters>): void {
    this.record();
    this.set({ filters: { ...this.current.filters, ...filters } });
  }

  /** Shows or hides a node kind. */
  toggleKind(kind: NodeKind): void {
    this.setFilters({ hiddenKinds: toggled(this.current.filters.hiddenKinds, kind) });
  }

  /** Shows or hides a relationship type. */
  toggleType(type: RelType): void {
    this.setFilters({ hiddenTypes: toggled(this.current.filters.hiddenTypes, type) });
  }

  /** Shows or hides relationships of an evidence status. */
  toggleEvidence(evidence: Evidence): void {
    this.setFilters({ hiddenEvidence: toggled(this.current.filters.hiddenEvidence, evidence) });
  }

  /** Clears every filter. */
  resetFilters(): void {
    this.setFilters(NO_FILTERS);
  }

  /** Sets or clears the status-line message. */
  setNotice(notice: Notice | null): void {
    this.set({ notice });
  }

  // ---------------------------------------------------------------- expansion

  /** The name of node `id` in `lang` when the graph on screen holds it. */
  nameOf(id: string, lang: Lang): string | undefined {
    return this.graph.hasNode(id) ? nodeName(this.graph.getNodeAttribute(id, 'data'), lang) : undefined;
  }

  /** Whether a node's neighbours were expanded (and can be collapsed). */
  isExpanded(id: string): boolean {
    return this.current.expansions.some((e) => e.origin === 'neighbors' && e.root === id);
  }

  /** Fetches a node's neighbourhood and adds what is not shown yet around it. */
  async expand(id: string, query: NeighborQuery = {}): Promise<Expansion | null> {
    const q: NeighborQuery = { ...DEFAULT_NEIGHBOR_QUERY, ...query };
    let sub: SubgraphDTO;
    try {
      sub = await this.api.neighbors(id, q);
    } catch (error) {
      this.set({ notice: failureNotice(error, id, 'expandFailed') });
      return null;
    }
    this.record();
    this.ingest(sub);
    const added = sub.nodes.map((n) => n.id).filter((n) => !this.graph.hasNode(n));
    this.addNodes(added, id);
    this.syncEdges();
    const expansion: Expansion = {
      origin: 'neighbors',
      root: id,
      nodes: added,
      query: q,
      truncated: sub.truncated,
      shown: sub.nodes.length,
      ...(sub.total ? { total: sub.total.nodes } : {}),
    };
    const notice: Notice =
      sub.truncated && sub.total
        ? { key: 'truncated', params: { shown: sub.nodes.length, total: sub.total.nodes }, tone: 'warning' }
        : added.length > 0
          ? { key: 'expanded', params: { count: added.length }, tone: 'info' }
          : { key: 'expandedNothing', tone: 'info' };
    this.set({ expansions: [...this.current.expansions, expansion], revision: this.current.revision + 1, notice });
    return expansion;
  }

  /** Removes what expanding `id` added (nodes other reasons keep stay). */
  collapse(id: string): void {
    if (!this.isExpanded(id)) return;
    this.record();
    this.applyExpansions(this.current.expansions.filter((e) => !(e.origin === 'neighbors' && e.root === id)));
  }

  private applyExpansions(expansions: Expansion[], patch: Partial<ExplorerState> = {}): void {
    const owned = this.ownedNodes(expansions);
    this.removeNodes(this.graph.filterNodes((node) => !owned.has(node)));
    this.syncEdges();
    const selectionGone = this.current.selected !== null && !this.graph.hasNode(this.current.selected);
    this.set({ expansions, revision: this.current.revision + 1, ...patch });
    if (selectionGone) void this.applySelection(null);
  }

  /** Adds the nodes and edges of a result (the console's "show as graph") to the view. */
  addToView(sub: { nodes: readonly GraphNodeDTO[]; edges: readonly GraphEdgeDTO[] }): string[] {
    this.ingest(sub);
    const added = sub.nodes.map((n) => n.id).filter((n) => !this.graph.hasNode(n));
    if (added.length === 0) {
      this.syncEdges();
      this.set({ revision: this.current.revision + 1 });
      return [];
    }
    this.record();
    const anchor = sub.nodes.map((n) => n.id).find((n) => this.graph.hasNode(n)) ?? null;
    this.addNodes(added, anchor);
    this.syncEdges();
    this.set({
      expansions: [...this.current.expansions, { origin: 'console', root: 'console', nodes: added }],
      revision: this.current.revision + 1,
    });
    return added;
  }

  // ---------------------------------------------------------------- paths

  /** Runs a path query; the paths' nodes are added to the view and highlighted. */
  async findPaths(query: PathQuery): Promise<PathsResultDTO | null> {
    const token = ++this.pathToken;
    this.set({ path: { query, status: 'loading', result: null, active: null } });
    let result: PathsResultDTO;
    try {
      result = await this.api.paths(query);
    } catch (error) {
      if (token !== this.pathToken) return null;
      this.set({
        path: { query, status: 'error', result: null, active: null, ...failure(error) },
      });
      return null;
    }
    if (token !== this.pathToken) return null;
    this.showPaths(query, result);
    return result;
  }

  /** Shows a path result obtained elsewhere (a comparison's connecting paths) like the path finder's. */
  showPaths(query: PathQuery, result: PathsResultDTO): void {
    this.pathToken++;
    this.record();
    this.ingest(result);
    const pathNodes = [...new Set(result.paths.flatMap((p) => p.nodes))];
    const others = this.current.expansions.filter((e) => e.origin !== 'path');
    const ownedElsewhere = this.ownedNodes(others);
    // Place each missing node next to its predecessor on the path, so chains read left to right.
    for (const path of result.paths) {
      path.nodes.forEach((id, i) => {
        if (!this.graph.hasNode(id)) this.addNodes([id], i > 0 ? path.nodes[i - 1]! : null);
      });
    }
    this.syncEdges();
    const kept = pathNodes.filter((n) => !ownedElsewhere.has(n));
    const expansions = [
      ...others,
      ...(kept.length > 0 ? [{ origin: 'path' as const, root: `${query.from}>${query.to}`, nodes: kept }] : []),
    ];
    this.applyExpansions(expansions, { path: { query, status: 'ready', result, active: null } });
  }

  /** Highlights one path of the result (null: all of them). */
  setActivePath(index: number | null): void {
    const path = this.current.path;
    if (path && path.active !== index) this.set({ path: { ...path, active: index } });
  }

  /** Clears the path highlight and removes the nodes only the path had brought in. */
  clearPath(): void {
    if (!this.current.path) return;
    this.pathToken++;
    this.record();
    this.applyExpansions(
      this.current.expansions.filter((e) => e.origin !== 'path'),
      { path: null },
    );
  }

  // ---------------------------------------------------------------- analytics & documents

  /** Changes the analytics view (sizes, colours, the metrics they read); a display setting, not recorded for undo. */
  setAnalytics(patch: Partial<AnalyticsState>): void {
    this.set({ analytics: { ...this.current.analytics, ...patch } });
  }

  /**
   * Shows the graph of a document: its nodes are added to the view (those
   * not shown yet, around the centre) and emphasised, everything else dimmed.
   * Co-occurrence edges are not kept: the graph shows the curated
   * relationships among the document's entities.
   */
  showDocument(doc: { id: string; title: string }, sub: { nodes: readonly GraphNodeDTO[]; edges: readonly { type: string }[] }): void {
    this.record();
    const edges = sub.edges.filter((e): e is GraphEdgeDTO => e.type !== 'CO_OCCURS');
    this.ingest({ nodes: sub.nodes, edges });
    const ids = sub.nodes.map((n) => n.id);
    const added = ids.filter((n) => !this.graph.hasNode(n));
    this.addNodes(added);
    this.syncEdges();
    const others = this.current.expansions.filter((e) => e.origin !== 'document');
    const expansions = added.length > 0 ? [...others, { origin: 'document' as const, root: doc.id, nodes: added }] : others;
    this.applyExpansions(expansions, { docFocus: { id: doc.id, title: doc.title, nodes: ids }, path: null });
  }

  /** Leaves a document's graph: removes the nodes only it had brought in. */
  clearDocument(): void {
    if (!this.current.docFocus) return;
    this.record();
    this.applyExpansions(
      this.current.expansions.filter((e) => e.origin !== 'document'),
      { docFocus: null },
    );
  }

  /** Back to the initial graph: no additions, no path, no document, no filters, nothing selected, no notice. */
  resetView(): void {
    this.pathToken++;
    this.record();
    // A notice belongs to the view it was about (a stale link's missing node); an error notice stays until
    // replaced, so the next link or saved view would otherwise open under the last one's message.
    this.setNotice(null);
    this.applyExpansions([], { path: null, docFocus: null, filters: NO_FILTERS });
    if (this.current.selected !== null) void this.applySelection(null);
  }
}
