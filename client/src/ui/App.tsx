/**
 * ui/App — the page: toolbar (search, language, undo/redo, fit, export),
 * the canvas with its legend and status line, and the tabbed side panel
 * (a drawer on narrow screens).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Explorer } from '../explorer';
import type { FileFormat } from '../export/files';
import { LANGS, type MessageKey } from '../i18n/dictionary';
import { TABS, type Tab } from '../url/state';
import { AnalyticsPanel } from './AnalyticsPanel';
import { ConsolePanel } from './ConsolePanel';
import { DocumentsPanel } from './DocumentsPanel';
import { ViewsPanel } from './ViewsPanel';
import { ExplorerContext, useExplorer, useI18n, usePanel, useStoreState } from './context';
import { DetailsPanel } from './DetailsPanel';
import { FiltersPanel } from './FiltersPanel';
import { Legend } from './Legend';
import { PathPanel } from './PathPanel';
import { SearchBox } from './SearchBox';
import { installShortcuts } from './shortcuts';
import { TablePanel } from './TablePanel';

const TAB_LABEL: Record<Tab, MessageKey> = {
  details: 'tabDetails',
  paths: 'tabPaths',
  analytics: 'tabAnalytics',
  documents: 'tabDocuments',
  views: 'tabViews',
  filters: 'tabFilters',
  table: 'tabTable',
  console: 'tabConsole',
};

function ExportMenu() {
  const explorer = useExplorer();
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const formats: [FileFormat, MessageKey][] = [
    ['png', 'exportPng'],
    ['gexf', 'exportGexf'],
    ['graphml', 'exportGraphml'],
    ['json', 'exportJson'],
    ['csv', 'exportCsv'],
  ];
  async function report(format: 'markdown' | 'html') {
    setOpen(false);
    if (!explorer.canReport()) {
      explorer.store.setNotice({ key: 'reportNeedsSelection', tone: 'warning' });
      return;
    }
    explorer.store.setNotice({ key: 'reportBuilding', tone: 'info' });
    try {
      const file = await explorer.exportReport(format);
      explorer.store.setNotice({ key: 'exportDone', params: { file }, tone: 'info' });
    } catch (e) {
      explorer.store.setNotice({ key: 'exportFailed', params: { message: (e as Error).message }, tone: 'error' });
    }
  }
  async function run(format: FileFormat) {
    setOpen(false);
    try {
      const file = await explorer.exportFile(format);
      explorer.store.setNotice({ key: 'exportDone', params: { file }, tone: 'info' });
    } catch (e) {
      explorer.store.setNotice({ key: 'exportFailed', params: { message: (e as Error).message }, tone: 'error' });
    }
  }
  return (
    <div class="menu" onKeyDown={(e) => e.key === 'Escape' && open && (e.stopPropagation(), setOpen(false))}>
      <button
        type="button"
        aria-haspopup="true"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        id="export-button"
        aria-label={t('export')}
      >
        ⤓ <span class="tool-label">{t('export')}</span>
      </button>
      {open && (
        <ul class="menu-list" aria-labelledby="export-button">
          {formats.map(([format, key]) => (
            <li key={format}>
              <button type="button" data-format={format} onClick={() => void run(format)}>
                {t(key)}
              </button>
            </li>
          ))}
          {/* A rule between files and reports; hidden from assistive technology, as a list holds items only. */}
          <li class="menu-sep" aria-hidden="true" />
          <li>
            <button type="button" data-report="markdown" onClick={() => void report('markdown')}>
              {t('reportMarkdown')}
            </button>
          </li>
          <li>
            <button type="button" data-report="html" onClick={() => void report('html')}>
              {t('reportHtml')}
            </button>
          </li>
        </ul>
      )}
    </div>
  );
}

/** A bar over the canvas while a document's graph is shown. */
function DocumentBanner() {
  const explorer = useExplorer();
  const { t } = useI18n();
  const docFocus = useStoreState((s) => s.docFocus);
  if (!docFocus) return null;
  return (
    <div class="doc-banner" role="status" data-testid="doc-banner">
      <span>{t('documentGraphOf', { title: docFocus.title, count: docFocus.nodes.length })}</span>
      <button type="button" class="small" onClick={() => explorer.store.clearDocument()}>
        {t('showWholeGraph')}
      </button>
    </div>
  );
}

function Toolbar({ searchRef }: { searchRef: { current: HTMLInputElement | null } }) {
  const explorer = useExplorer();
  const store = explorer.store;
  const { lang, t } = useI18n();
  const canUndo = useStoreState((s) => s.canUndo);
  const canRedo = useStoreState((s) => s.canRedo);
  const panel = usePanel();
  return (
    <header class="toolbar">
      <h1 class="brand" title={t('appSubtitle')}>
        {t('appTitle')}
      </h1>
      <SearchBox
        id="search"
        className="main-search"
        label={t('searchLabel')}
        placeholder={t('searchPlaceholder')}
        inputRef={searchRef}
        onPick={(hit) => void explorer.focus(hit.id)}
        onFindInText={(q) => explorer.findInSource(q)}
      />
      <div class="tools" role="toolbar" aria-label={t('tools')}>
        <div class="segmented" role="group" aria-label={t('language')}>
          {LANGS.map((l) => (
            <button key={l} type="button" data-lang={l} aria-pressed={lang === l} onClick={() => store.setLang(l)}>
              {l === 'zh' ? '中文' : 'English'}
            </button>
          ))}
        </div>
        <button type="button" onClick={() => store.undo()} disabled={!canUndo} title={`${t('undo')} (Ctrl+Z)`} aria-label={t('undo')}>
          ↶
        </button>
        <button type="button" onClick={() => store.redo()} disabled={!canRedo} title={`${t('redo')} (Ctrl+Shift+Z)`} aria-label={t('redo')}>
          ↷
        </button>
        <button type="button" onClick={() => void explorer.fit()} title={`${t('fit')} (f)`} aria-label={t('fit')}>
          ⤢
        </button>
        <ExportMenu />
        <button
          type="button"
          class="drawer-toggle"
          aria-label={t('panels')}
          aria-expanded={panel.drawerOpen}
          aria-controls="side-panel"
          onClick={() => (panel.drawerOpen ? explorer.closeDrawer() : explorer.openTab(panel.tab))}
        >
          ☰ <span class="tool-label">{t('panels')}</span>
        </button>
      </div>
    </header>
  );
}

function StatusLine() {
  const explorer = useExplorer();
  const { t } = useI18n();
  const status = useStoreState((s) => s.status);
  const error = useStoreState((s) => s.error);
  const layoutRunning = useStoreState((s) => s.layoutRunning);
  const truncation = useStoreState((s) => s.truncation);
  const notice = useStoreState((s) => s.notice);
  useEffect(() => {
    if (!notice || notice.tone === 'error') return undefined;
    // Informational notices fade on their own; errors stay until replaced.
    const timer = setTimeout(() => explorer.store.setNotice(null), 6000);
    return () => clearTimeout(timer);
  }, [notice, explorer]);
  return (
    <div class="status" role="status" aria-live="polite">
      {status === 'loading' && <span>{t('loadingGraph')}</span>}
      {status === 'error' && (
        <span class="notice error">
          {t('loadFailed', { message: error ?? '' })}{' '}
          <button type="button" onClick={() => void explorer.reload()}>
            {t('retry')}
          </button>
        </span>
      )}
      {layoutRunning && <span>{t('layoutRunning')}</span>}
      {truncation && (
        <span class="notice warning" data-testid="truncation">
          {t('showingOf', { shown: truncation.shown, total: truncation.total })}
        </span>
      )}
      {notice && <span class={`notice ${notice.tone}`}>{t(notice.key, notice.params)}</span>}
    </div>
  );
}

function SidePanel() {
  const explorer = useExplorer();
  const { t } = useI18n();
  const panel = usePanel();
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  function onTabKey(e: KeyboardEvent, index: number) {
    const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!delta) return;
    e.preventDefault();
    const next = TABS[(index + delta + TABS.length) % TABS.length]!;
    explorer.openTab(next, { openDrawer: panel.drawerOpen });
    tabRefs.current[next]?.focus();
  }
  return (
    <aside id="side-panel" class={`side ${panel.drawerOpen ? 'open' : ''}`} aria-label={t('panels')}>
      {/* The close button sits beside the tab list, not in it: a tablist holds tabs only. */}
      <div class="tab-bar">
        <div class="tabs" role="tablist" aria-label={t('panels')}>
          {TABS.map((tab, i) => (
            <button
              key={tab}
              ref={(el) => {
                tabRefs.current[tab] = el;
              }}
              type="button"
              role="tab"
              id={`tab-${tab}`}
              aria-selected={panel.tab === tab}
              aria-controls={`panel-${tab}`}
              tabIndex={panel.tab === tab ? 0 : -1}
              onClick={() => explorer.openTab(tab, { openDrawer: true })}
              onKeyDown={(e) => onTabKey(e, i)}
            >
              {t(TAB_LABEL[tab])}
            </button>
          ))}
        </div>
        <button type="button" class="drawer-close" aria-label={t('closePanel')} onClick={() => explorer.closeDrawer()}>
          ×
        </button>
      </div>
      {TABS.map((tab) => (
        <div key={tab} role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} hidden={panel.tab !== tab} class="tabpanel">
          {/* The console keeps its editor alive once opened; other panels render only when shown. */}
          {tab === 'console' ? <LazyConsole visible={panel.tab === 'console'} /> : panel.tab === tab && <PanelBody tab={tab} />}
        </div>
      ))}
    </aside>
  );
}

function PanelBody({ tab }: { tab: Tab }) {
  switch (tab) {
    case 'details':
      return <DetailsPanel />;
    case 'paths':
      return <PathPanel />;
    case 'analytics':
      return <AnalyticsPanel />;
    case 'documents':
      return <DocumentsPanel />;
    case 'views':
      return <ViewsPanel />;
    case 'filters':
      return <FiltersPanel />;
    case 'table':
      return <TablePanel />;
    case 'console':
      return <ConsolePanel />;
  }
}

function LazyConsole({ visible }: { visible: boolean }) {
  const [opened, setOpened] = useState(visible);
  useEffect(() => {
    if (visible) setOpened(true);
  }, [visible]);
  return opened ? <ConsolePanel /> : null;
}

function Canvas() {
  const explorer = useExplorer();
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (ref.current) explorer.attach(ref.current);
  }, [explorer]);
  return (
    <main class="stage">
      <div class="canvas-wrap">
        <div ref={ref} class="canvas" id="graph-canvas" role="img" aria-label={t('graphCanvas')} />
        <DocumentBanner />
        <StatusLine />
      </div>
      <footer class="stage-foot">
        <Legend />
        <p class="shortcuts muted small">{t('shortcuts')}</p>
      </footer>
    </main>
  );
}

/** Opens the details tab whenever a node gets selected. */
function useDetailsOnSelect() {
  const explorer = useExplorer();
  const selected = useStoreState((s) => s.selected);
  useEffect(() => {
    const keep: readonly Tab[] = ['details', 'table', 'paths', 'analytics', 'documents'];
    if (selected && !keep.includes(explorer.panelState.tab)) {
      explorer.openTab('details', { openDrawer: explorer.panelState.drawerOpen });
    }
  }, [selected, explorer]);
}

function Shell() {
  const explorer = useExplorer();
  const { t } = useI18n();
  const searchRef = useRef<HTMLInputElement | null>(null);
  useDetailsOnSelect();
  // The tab's title (history, bookmarks, the window list) follows the interface's language like the page does.
  const title = t('appTitle');
  useEffect(() => {
    document.title = title;
  }, [title]);
  useEffect(() => installShortcuts(explorer, () => searchRef.current?.focus()), [explorer]);
  return (
    <div class="app">
      <Toolbar searchRef={searchRef} />
      <Canvas />
      <SidePanel />
    </div>
  );
}

/** The root component. */
export function App({ explorer }: { explorer: Explorer }) {
  return (
    <ExplorerContext.Provider value={explorer}>
      <Shell />
    </ExplorerContext.Provider>
  );
}
