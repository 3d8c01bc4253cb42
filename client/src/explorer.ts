/**
 * explorer — wires the store, the renderer, the camera, the layout and the
 * URL together; the panels talk to this object.
 *
 * The store keeps the truth, the renderer draws it; this module adds the
 * sequences that span them (load → layout → restore the link; pick a search
 * hit → select → move the camera) and keeps the URL hash in step.
 */
import { createApi, type Api } from './api/client';
import { isLang, type Lang } from './i18n/dictionary';
import { fitNodes, fitView, focusNode, zoomBy } from './render/camera';
import type { PathQuery } from './api/client';
import { pathMembers } from './store/views';
import { ensureLayout, type LayoutSource } from './render/layout';
import { createRenderer, type ExplorerSigma } from './render/renderer';
import { buildFile, downloadBlob, type FileFormat } from './export/files';
import { ExplorerStore } from './store/explorer';
import { decodeLink, encodeLink, linkFromState, type LinkState, type Tab } from './url/state';

/** localStorage key of the chosen language. */
const LANG_KEY = 'llm-explorer:lang';

/** The explorer's UI-only state (which panel is open); kept out of the graph store on purpose. */
export interface PanelState {
  tab: Tab;
  /** On narrow screens: whether the panel drawer is open. */
  drawerOpen: boolean;
}

/** The application object: one per page. */
export class Explorer {
  readonly api: Api;
  readonly store: ExplorerStore;
  sigma: ExplorerSigma | null = null;
  layoutSource: LayoutSource | null = null;

  private panel: PanelState = { tab: 'details', drawerOpen: false };
  private readonly panelListeners = new Set<(p: PanelState) => void>();
  private disposeRenderer: (() => void) | null = null;
  private lastHash = '';
  private linkApplying = false;
  private listeningToHash = false;
  private linkTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly attached: Promise<void>;
  private resolveAttached!: () => void;

  constructor(api: Api = createApi()) {
    this.api = api;
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

  /** Opens a panel (and the drawer on narrow screens). */
  openTab(tab: Tab, opts: { openDrawer?: boolean } = {}): void {
    this.panel = { tab, drawerOpen: opts.openDrawer ?? true };
    for (const listener of this.panelListeners) listener(this.panel);
    this.scheduleLinkUpdate();
  }

  /** Closes the drawer (narrow screens). */
  closeDrawer(): void {
    if (!this.panel.drawerOpen) return;
    this.panel = { ...this.panel, drawerOpen: false };
    for (const listener of this.panelListeners) listener(this.panel);
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
    await this.applyLink(decodeLink(location.hash));
    if (!this.listeningToHash) {
      this.listeningToHash = true;
      // A link pasted into the address bar of an open page (or edited by hand) applies too.
      window.addEventListener('hashchange', () => {
        if (location.hash.replace(/^#/, '') === this.lastHash) return;
        void this.applyLink(decodeLink(location.hash));
      });
    }
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
    await this.store.select(id);
    if (opts.showDetails ?? true) this.openTab('details', { openDrawer: this.panel.drawerOpen });
    if (this.sigma && this.store.graph.hasNode(id)) await focusNode(this.sigma, id, this.focusOptions());
  }

  /** Runs a path query and frames the paths found. */
  async findPaths(query: PathQuery): Promise<void> {
    const result = await this.store.findPaths(query);
    if (result && result.paths.length > 0 && this.sigma) await fitNodes(this.sigma, pathMembers(result, null).nodes);
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
    const { blob, fileName } = await buildFile(format, this.store, this.sigma, this.api);
    downloadBlob(blob, fileName);
    return fileName;
  }

  // ------------------------------------------------------------ deep links

  /** The hash of the current view (without `#`). */
  currentLink(): string {
    return encodeLink(linkFromState(this.store.state, this.panel.tab));
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
  async applyLink(link: LinkState): Promise<void> {
    const store = this.store;
    this.linkApplying = true;
    try {
      if (link.lang) store.setLang(link.lang);
      if (link.filters) store.setFilters(link.filters);
      for (const { id, depth } of link.expanded ?? []) {
        if (!store.isExpanded(id)) await store.expand(id, { depth });
      }
      if (link.path) {
        const { active, ...query } = link.path;
        await this.findPaths(query);
        store.setActivePath(active);
      }
      if (link.selected) await store.select(link.selected);
      if (link.tab) this.openTab(link.tab, { openDrawer: false });
      // The restored view is the starting point: undo should not unpick it step by step.
      store.clearHistory();
    } finally {
      this.linkApplying = false;
    }
    // A restored path stays framed; otherwise the camera goes to the selection.
    if (link.selected && !link.path && this.sigma && store.graph.hasNode(link.selected))
      await focusNode(this.sigma, link.selected, this.focusOptions());
    this.lastHash = '';
    this.scheduleLinkUpdate();
  }
}
