/**
 * explorer — wires the store, the renderer, the camera, the layout and the
 * URL together; the panels talk to this object.
 *
 * The store keeps the truth, the renderer draws it; this module adds the
 * sequences that span them (load → layout → restore the link; pick a search
 * hit → select → move the camera) and keeps the URL hash in step.
 */
import { drawOnCanvas } from '@sigma/export-image';
import type Sigma from 'sigma';
import type { CentralityMetric } from '../../graph/analytics/contracts';
import type { SavedViewDTO } from '../../graph/analytics/contracts';
import { CURATED_NS } from '../../graph/records';
import { createApi, type Api } from './api/client';
import { createResearchApi, type ResearchApi } from './api/research';
import { isLang, type Lang } from './i18n/dictionary';
import { fitNodes, fitView, focusNode, zoomBy } from './render/camera';
import type { PathQuery } from './api/client';
import { pathMembers } from './store/views';
import { ensureLayout, type LayoutSource } from './render/layout';
import { createRenderer, type ExplorerSigma } from './render/renderer';
import { buildFile, downloadBlob, type FileFormat } from './export/files';
import { ExplorerStore } from './store/explorer';
import type { ColorBy } from './store/views';
import { DEFAULT_TABLE_VIEW, type TableView } from './ui/table-rows';
import {
  decodeLink,
  encodeLink,
  linkFromSavedState,
  linkFromState,
  savedStateFromLink,
  type LinkState,
  type Reading,
  type Tab,
} from './url/state';

/** The largest PNG data URL sent with a report (the server takes at most 1,000,000 characters in a 1 MB body). */
export const REPORT_IMAGE_MAX = 900_000;

/** localStorage key of the chosen language. */
const LANG_KEY = 'llm-explorer:lang';

/** How many paths a noted path is looked for among (the path finder's own limit for k). */
const NOTED_PATH_CANDIDATES = 10;
/** The path finder's hop limit (the API's maxHops bound). */
const MAX_PATH_HOPS = 10;

/** The explorer's UI-only state (which panel is open); kept out of the graph store on purpose. */
export interface PanelState {
  tab: Tab;
  /** On narrow screens: whether the panel drawer is open. */
  drawerOpen: boolean;
  /**
   * The Document node whose text the documents panel shows, and the paragraph to bring into view, if any
   * (kept while other tabs are open).
   */
  reading?: Reading | null;
  /** The table panel's filter text and orders (kept while other tabs are open, and in links). */
  table: TableView;
}

/** The application object: one per page. */
export class Explorer {
  readonly api: Api;
  readonly research: ResearchApi;
  readonly store: ExplorerStore;
  sigma: ExplorerSigma | null = null;
  layoutSource: LayoutSource | null = null;

  private panel: PanelState = { tab: 'details', drawerOpen: false, table: DEFAULT_TABLE_VIEW };
  private readonly panelListeners = new Set<(p: PanelState) => void>();
  private disposeRenderer: (() => void) | null = null;
  private lastHash = '';
  private linkApplying = false;
  private listeningToHash = false;
  /** Link applications in order: one that arrives while another runs waits its turn (see queueLink). */
  private linkQueue: Promise<void> = Promise.resolve();
  private linkTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly attached: Promise<void>;
  private resolveAttached!: () => void;

  constructor(api: Api = createApi(), research: ResearchApi = createResearchApi()) {
    this.api = api;
    this.research = research;
    const link = decodeLink(globalThis.location?.hash ?? '');
    const stored = globalThis.localStorage?.getItem(LANG_KEY);
    const lang: Lang = link.lang ?? (isLang(stored) ? stored : navigator.language?.startsWith('zh') ? 'zh' : 'en');
    this.store = new ExplorerStore(api, { lang });
    if (link.tab) this.panel = { ...this.panel, tab: link.tab };
    this.attached = new Promise((resolve) => (this.resolveAttached = resolve));
    this.store.subscribe((state, previous) => {
      if (state.lang !== previous.lang) {
        try {
          localStorage.setItem(LANG_KEY, state.lang);
        } catch {
          /* private mode: the language just is not remembered */
        }
        document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
      }
      this.scheduleLinkUpdate();
    });
    document.documentElement.lang = this.store.state.lang === 'zh' ? 'zh-CN' : 'en';
  }

  // ------------------------------------------------------------ panels

  /** The open panel and drawer state. */
  get panelState(): PanelState {
    return this.panel;
  }

  /** Changes the panel state, tells the panels, and (unless `link` is false) updates the address bar's link. */
  private setPanel(change: Partial<PanelState>, link = true): void {
    this.panel = { ...this.panel, ...change };
    for (const listener of this.panelListeners) listener(this.panel);
    if (link) this.scheduleLinkUpdate();
  }

  /** Opens a panel (and the drawer on narrow screens). */
  openTab(tab: Tab, opts: { openDrawer?: boolean } = {}): void {
    this.setPanel({ tab, drawerOpen: opts.openDrawer ?? true });
  }

  /** The graph's Document nodes, the curated article (the one the graph was built from) first. */
  sourceDocuments(): string[] {
    const graph = this.store.graph;
    const curated = (id: string) => graph.getNodeAttribute(id, 'data').ns === CURATED_NS;
    const documents = graph.filterNodes((_, a) => a.kind === 'Document');
    return [...documents.filter(curated), ...documents.filter((id) => !curated(id))];
  }

  /** Looks for `words` in the source article: the documents panel's reader opens with them found. */
  findInSource(words: string): void {
    const source = this.sourceDocuments()[0];
    if (source) this.readSource(source, { find: words });
    else this.store.setNotice({ key: 'noSourceInGraph', tone: 'warning' });
  }

  /**
   * Shows the text of Document node `id` in the documents panel, at paragraph `at` and with `find` found if
   * given (null closes it).
   */
  readSource(id: string | null, opts: { at?: string | undefined; find?: string | undefined } = {}): void {
    const { at, find } = opts;
    if (id === null) this.setPanel({ reading: null });
    else this.setPanel({ reading: { id, ...(at ? { at } : {}), ...(find ? { find } : {}) }, tab: 'documents', drawerOpen: true });
  }

  /** Changes the words the open reader finds (kept in links and saved views); nothing when no text is open. */
  findInReading(words: string): void {
    const reading = this.panel.reading;
    if (!reading) return;
    const { find: _previous, ...rest } = reading;
    this.setPanel({ reading: words ? { ...rest, find: words } : rest });
  }

  /** Changes the table panel's filter text or orders. */
  setTable(change: Partial<TableView>): void {
    this.setPanel({ table: { ...this.panel.table, ...change } });
  }

  /** Closes the drawer (narrow screens). */
  closeDrawer(): void {
    if (!this.panel.drawerOpen) return;
    this.setPanel({ drawerOpen: false }, false);
  }

  /** Calls `listener` when the panel state changes. */
  onPanel(listener: (p: PanelState) => void): () => void {
    this.panelListeners.add(listener);
    return () => this.panelListeners.delete(listener);
  }

  // ------------------------------------------------------------ lifecycle

  /** Creates the renderer in `container` (once). */
  attach(container: HTMLElement): void {
    if (this.sigma) return;
    const { sigma, dispose } = createRenderer(container, this.store);
    this.sigma = sigma;
    this.disposeRenderer = dispose;
    this.resolveAttached();
  }

  /** Loads the graph, lays it out if needed, then restores the view the URL asks for. */
  async start(): Promise<void> {
    await this.attached;
    const sub = await this.store.load();
    if (!sub) return;
    this.layoutSource = await ensureLayout(this.store, this.api);
    this.sigma?.refresh();
    // Listening before the URL's own link is applied: a link pasted while it is (say, during the first
    // path search) is applied after it instead of being lost and overwritten.
    if (!this.listeningToHash) {
      this.listeningToHash = true;
      // A link pasted into the address bar of an open page (or edited by hand) applies too.
      window.addEventListener('hashchange', (event) => {
        // The event's own URL: a pending update of the address bar (debounced) may already have replaced it.
        const hash = new URL(event.newURL).hash.replace(/^#/, '');
        if (hash === this.lastHash) return;
        if (this.linkTimer) {
          clearTimeout(this.linkTimer);
          this.linkTimer = null;
        }
        // A link describes a whole view: nothing the page showed before carries over (a path, a selection,
        // filters the link does not name), as when a saved view opens.
        void this.restoreView(decodeLink(hash), { frame: true });
      });
    }
    await this.queueLink(() => this.applyLink(decodeLink(location.hash)));
  }

  /** Back to the initial graph, then the view `link` describes, in its turn (a saved view, a pasted link). */
  private restoreView(link: LinkState, opts: { frame?: boolean } = {}): Promise<void> {
    return this.queueLink(async () => {
      this.store.resetView();
      await this.applyLink(link, { reset: true, ...opts });
    });
  }

  /** Runs `apply` once every link application queued before it has finished (failed ones included). */
  private queueLink(apply: () => Promise<void>): Promise<void> {
    const next = this.linkQueue.then(apply, apply);
    this.linkQueue = next.catch(() => undefined);
    return next;
  }

  /** Reloads the initial graph (after an error, say). */
  async reload(): Promise<void> {
    await this.start();
  }

  /** Tears the renderer down (tests, hot reload). */
  dispose(): void {
    this.disposeRenderer?.();
    this.sigma = null;
  }

  // ------------------------------------------------------------ actions

  /**
   * Selects a node and moves the camera onto it (fetching it first when it
   * is not shown). `showDetails: false` keeps the current panel (the table
   * selects rows without leaving the table).
   */
  async focus(id: string, opts: { showDetails?: boolean } = {}): Promise<void> {
    const panelBefore = this.panel;
    await this.store.select(id);
    // The analyst may have moved to another tab while the node loaded: leave them there.
    if ((opts.showDetails ?? true) && this.panel === panelBefore) this.openTab('details', { openDrawer: this.panel.drawerOpen });
    if (this.sigma && this.store.graph.hasNode(id)) await focusNode(this.sigma, id, this.focusOptions());
  }

  /** Runs a path query and frames the paths found. */
  async findPaths(query: PathQuery): Promise<void> {
    const result = await this.store.findPaths(query);
    if (result && result.paths.length > 0 && this.sigma) await fitNodes(this.sigma, pathMembers(result, null).nodes);
  }

  /**
   * Shows a path a note is on: the ten shortest paths between its ends of up to its length, with
   * the noted one highlighted. False when it is not among them (the graph changed, or more than
   * ten paths as short exist); the paths found are shown either way.
   */
  async showNotedPath(nodes: readonly string[]): Promise<boolean> {
    const hops = nodes.length - 1;
    await this.findPaths({
      from: nodes[0]!,
      to: nodes[hops]!,
      mode: 'k',
      k: NOTED_PATH_CANDIDATES,
      maxHops: Math.min(MAX_PATH_HOPS, Math.max(1, hops)),
      types: [],
      exclude: [],
    });
    this.openTab('paths', { openDrawer: this.panel.drawerOpen });
    const wanted = nodes.join('|');
    const index = this.store.state.path?.result?.paths.findIndex((p) => p.nodes.join('|') === wanted) ?? -1;
    if (index < 0) return false;
    this.store.setActivePath(index);
    return true;
  }

  /** Where a focused node should land: above the drawer when one covers the canvas. */
  private focusOptions(): { viewportY?: number } {
    const narrow = globalThis.matchMedia?.('(max-width: 900px)').matches ?? false;
    return narrow && this.panel.drawerOpen ? { viewportY: 0.2 } : {};
  }

  /** Fits the whole graph in the view. */
  async fit(): Promise<void> {
    if (this.sigma) await fitView(this.sigma);
  }

  /** Zooms in (factor > 1) or out. */
  async zoom(factor: number): Promise<void> {
    if (this.sigma) await zoomBy(this.sigma, factor);
  }

  /** Builds and downloads an export of the current view. */
  async exportFile(format: FileFormat): Promise<string> {
    if (!this.sigma) throw new Error('The graph is not drawn yet.');
    const { blob, fileName } = await buildFile(format, this.store, this.sigma);
    downloadBlob(blob, fileName);
    return fileName;
  }

  // ------------------------------------------------------------ analytics

  /** Fetches every node's metrics and the communities once (they describe the curated graph). */
  async ensureMetrics(): Promise<boolean> {
    const { analytics } = this.store.state;
    if (analytics.metrics) return true;
    this.store.setAnalytics({ status: 'loading' });
    try {
      const [metrics, communities] = await Promise.all([this.research.nodeMetrics(), this.research.communities()]);
      this.store.setAnalytics({ status: 'ready', metrics, communities: communities.communities, error: undefined });
      return true;
    } catch (error) {
      this.store.setAnalytics({ status: 'error', error: (error as Error).message });
      return false;
    }
  }

  /** Sizes the nodes by a metric (null: back to the default size by degree). */
  async setSizeBy(metric: CentralityMetric | null): Promise<void> {
    if (metric && !(await this.ensureMetrics())) return;
    this.store.setAnalytics({ sizeBy: metric });
  }

  /** Colours the nodes by kind or by community. */
  async setColorBy(colorBy: ColorBy): Promise<void> {
    if (colorBy === 'community' && !(await this.ensureMetrics())) return;
    this.store.setAnalytics({ colorBy });
  }

  // ------------------------------------------------------------ documents

  /** Shows the graph of one document (its entities and the curated relationships among them) and frames it. */
  async showDocument(id: string): Promise<void> {
    try {
      const [details, sub] = await Promise.all([this.research.document(id), this.research.documentGraph(id, { curated: true })]);
      this.store.showDocument({ id, title: details.document.title }, sub);
      const nodes = new Set(sub.nodes.map((n) => n.id));
      if (this.sigma && nodes.size > 0) await fitNodes(this.sigma, nodes);
    } catch (error) {
      this.store.setNotice({ key: 'documentOpenFailed', params: { message: (error as Error).message }, tone: 'error' });
    }
  }

  // ------------------------------------------------------------ saved views

  /** The current view as a saved view's state (the deep link's fields plus the camera). */
  viewState(): ReturnType<typeof savedStateFromLink> {
    return savedStateFromLink(linkFromState(this.store.state, this.panel), this.sigma?.getCamera().getState());
  }

  /** Saves the current view under a name. */
  saveView(name: string): Promise<SavedViewDTO> {
    return this.research.createView(name, this.viewState());
  }

  /** Opens a saved view: back to the initial graph, then its filters, expansions, path, selection, analytics and camera. */
  async openView(id: string): Promise<void> {
    const view = await this.research.view(id);
    await this.restoreView(linkFromSavedState(view.state));
    const camera = view.state.camera;
    if (camera && this.sigma) {
      await this.sigma.getCamera().animate({ x: camera.x, y: camera.y, ratio: camera.ratio, angle: camera.angle ?? 0 }, { duration: 300 });
    }
  }

  // ------------------------------------------------------------ reports

  /** A PNG of the current view as a data URL, scaled down until it fits a report request. */
  async viewImage(): Promise<string | undefined> {
    if (!this.sigma) return undefined;
    const canvas = await drawOnCanvas(this.sigma as unknown as Sigma, { backgroundColor: '#ffffff' });
    let url = canvas.toDataURL('image/png');
    let scale = 1;
    while (url.length > REPORT_IMAGE_MAX && scale > 0.2) {
      scale *= 0.7;
      const small = document.createElement('canvas');
      small.width = Math.max(1, Math.round(canvas.width * scale));
      small.height = Math.max(1, Math.round(canvas.height * scale));
      small.getContext('2d')?.drawImage(canvas, 0, 0, small.width, small.height);
      url = small.toDataURL('image/png');
    }
    return url.length <= REPORT_IMAGE_MAX ? url : undefined;
  }

  /** Whether there is something to report on: a path shown or a node selected. */
  canReport(): boolean {
    const s = this.store.state;
    return Boolean((s.path?.result && s.path.result.paths.length > 0) || s.selected);
  }

  /** Builds a report of the current path or the selected node (with a picture of the view) and downloads it. */
  async exportReport(format: 'markdown' | 'html'): Promise<string> {
    const s = this.store.state;
    const shown = s.path?.result && s.path.result.paths.length > 0 ? s.path : null;
    if (!shown && !s.selected) throw new Error('nothing');
    const active = shown ? (shown.result!.paths[shown.active ?? 0] ?? shown.result!.paths[0]!) : null;
    const image = await this.viewImage();
    const file = await this.research.report({
      format,
      language: s.lang,
      ...(s.selected ? { nodes: [s.selected] } : {}),
      ...(shown && active
        ? {
            path: {
              from: shown.query.from,
              to: shown.query.to,
              nodes: active.nodes,
            },
          }
        : {}),
      ...(image ? { image } : {}),
    });
    downloadBlob(new Blob([file.text], { type: file.contentType }), file.fileName);
    return file.fileName;
  }

  // ------------------------------------------------------------ deep links

  /** The hash of the current view (without `#`). */
  currentLink(): string {
    return encodeLink(linkFromState(this.store.state, this.panel));
  }

  private scheduleLinkUpdate(): void {
    if (this.linkApplying || this.store.state.status !== 'ready') return;
    if (this.linkTimer) clearTimeout(this.linkTimer);
    // Debounced: a burst of changes (an undo, a link being applied) makes one history entry.
    this.linkTimer = setTimeout(() => {
      this.linkTimer = null;
      const hash = this.currentLink();
      if (hash === this.lastHash) return;
      this.lastHash = hash;
      history.replaceState(null, '', `${location.pathname}${location.search}#${hash}`);
    }, 150);
  }

  /** Restores the view a link describes, on top of the initial graph. */
  async applyLink(link: LinkState, opts: { reset?: boolean; frame?: boolean } = {}): Promise<void> {
    const store = this.store;
    this.linkApplying = true;
    try {
      if (link.lang) store.setLang(link.lang);
      if (link.filters) store.setFilters(link.filters);
      if (opts.reset || link.size) await this.setSizeBy(link.size ?? null);
      if (opts.reset || link.color) await this.setColorBy(link.color ?? 'kind');
      if (link.doc) await this.showDocument(link.doc);
      for (const { id, depth } of link.expanded ?? []) {
        if (!store.isExpanded(id)) await store.expand(id, { depth });
      }
      if (link.path) {
        const { active, ...query } = link.path;
        await this.findPaths(query);
        store.setActivePath(active);
      }
      if (link.selected) await store.select(link.selected);
      if (opts.reset || link.read) this.readSource(link.read?.id ?? null, { at: link.read?.at, find: link.read?.find });
      if (opts.reset || link.table) this.setTable(link.table ?? DEFAULT_TABLE_VIEW);
      if (link.tab) this.openTab(link.tab, { openDrawer: false });
      // The restored view is the starting point: undo should not unpick it step by step.
      store.clearHistory();
    } finally {
      this.linkApplying = false;
    }
    // A restored path stays framed; otherwise the camera goes to the selection (a saved view brings its own camera).
    if (link.selected && !link.path && (opts.frame ?? !opts.reset) && this.sigma && store.graph.hasNode(link.selected))
      await focusNode(this.sigma, link.selected, this.focusOptions());
    this.lastHash = '';
    this.scheduleLinkUpdate();
  }
}
