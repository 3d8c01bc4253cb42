/**
 * url/state — the view encoded in the URL hash, and back.
 *
 * A deep link holds the language, the selection, the filters, the expanded
 * nodes, the path query, the open panel, the text being read and the
 * table's filter and order: enough to restore what an analyst was looking
 * at. Pure functions; unknown kinds, types and junk are dropped rather than
 * trusted.
 */
import { ID_PATTERN, isNodeKind, isRelType, type Evidence, type NodeKind, type RelType } from '../../../graph/model';
import type { SavedViewStateDTO } from '../../../graph/analytics/contracts';
import { CENTRALITY_METRICS, type CentralityMetric } from '../../../graph/analytics/contracts';
import type { PathQuery } from '../api/client';
import { isLang, type Lang } from '../i18n/dictionary';
import type { ExplorerState } from '../store/explorer';
import type { ColorBy, Filters } from '../store/views';
import { isTableViewSet, sortToken, tableViewFrom, type TableView } from '../ui/table-rows';

/** Panels of the side area (also part of the link). */
export const TABS = ['details', 'paths', 'analytics', 'documents', 'views', 'filters', 'table', 'console'] as const;
export type Tab = (typeof TABS)[number];

/** What a deep link restores. Every field is optional: a link may say little. */
export interface LinkState {
  lang?: Lang;
  selected?: string;
  filters?: Filters;
  expanded?: { id: string; depth: number }[];
  path?: PathQuery & { active: number | null };
  tab?: Tab;
  /** Analytics view: the metric sizing the nodes and the colouring. */
  size?: CentralityMetric;
  color?: ColorBy;
  /** The document whose graph is shown. */
  doc?: string;
  read?: Reading;
  /** The table panel's filter text and orders (left out when they are the defaults). */
  table?: TableView;
}

/** The Document node whose text the documents panel reads, the paragraph brought into view, the words found in it. */
export interface Reading {
  id: string;
  at?: string;
  find?: string;
}

/** What the explorer's panels add to a link beyond the store's state (UI state kept out of the store). */
export interface PanelLinkState {
  tab?: Tab;
  /** The documents panel's open text. */
  reading?: Reading | null | undefined;
  table?: TableView | undefined;
}

function isMetric(value: unknown): value is CentralityMetric {
  return (CENTRALITY_METRICS as readonly unknown[]).includes(value);
}

const MODES = ['shortest', 'all', 'k'] as const;

/** Longest words-to-find a link or a saved view carries for the reader (the box itself takes any length). */
const FIND_MAX = 200;

/** The reader's part of a link from its raw fields: ids checked, words bounded; undefined without a valid document. */
function readFrom(id: unknown, at: unknown, find: unknown): LinkState['read'] {
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) return undefined;
  return {
    id,
    ...(typeof at === 'string' && ID_PATTERN.test(at) ? { at } : {}),
    ...(typeof find === 'string' && find.trim() ? { find: find.slice(0, FIND_MAX) } : {}),
  };
}

function list(value: string | null): string[] {
  return value
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}

function intIn(value: string | null, min: number, max: number, fallback: number): number {
  const n = value === null ? NaN : Number.parseInt(value, 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

/** Encodes a view as a hash fragment (without the leading `#`). Empty parts are left out. */
export function encodeLink(link: LinkState): string {
  const p = new URLSearchParams();
  if (link.lang) p.set('lang', link.lang);
  if (link.tab) p.set('tab', link.tab);
  if (link.selected) p.set('sel', link.selected);
  if (link.filters) {
    if (link.filters.hiddenKinds.length) p.set('hideKinds', link.filters.hiddenKinds.join(','));
    if (link.filters.hiddenTypes.length) p.set('hideTypes', link.filters.hiddenTypes.join(','));
    if (link.filters.hiddenEvidence.length) p.set('hideEvidence', link.filters.hiddenEvidence.join(','));
  }
  if (link.expanded?.length) p.set('expand', link.expanded.map((e) => (e.depth > 1 ? `${e.id}*${e.depth}` : e.id)).join(','));
  if (link.path) {
    p.set('from', link.path.from);
    p.set('to', link.path.to);
    p.set('mode', link.path.mode);
    if (link.path.mode === 'k') p.set('k', String(link.path.k));
    p.set('hops', String(link.path.maxHops));
    if (link.path.types.length) p.set('types', link.path.types.join(','));
    if (link.path.exclude.length) p.set('exclude', link.path.exclude.join(','));
    if (link.path.active !== null) p.set('path', String(link.path.active));
  }
  if (link.size) p.set('size', link.size);
  if (link.color && link.color !== 'kind') p.set('color', link.color);
  if (link.doc) p.set('doc', link.doc);
  if (link.read) {
    p.set('read', link.read.id);
    if (link.read.at) p.set('at', link.read.at);
    if (link.read.find) p.set('find', link.read.find);
  }
  if (isTableViewSet(link.table)) {
    if (link.table.filter) p.set('tableFilter', link.table.filter);
    if (link.table.nodes) p.set('nodeSort', sortToken(link.table.nodes));
    if (link.table.edges) p.set('edgeSort', sortToken(link.table.edges));
  }
  // Ids contain ':' — readable in a URL and legal in a fragment, so keep them unescaped.
  return p.toString().replace(/%3A/gi, ':').replace(/%2C/gi, ',').replace(/%2A/gi, '*');
}

/** Decodes a hash fragment (with or without `#`) into what it asks to restore. */
export function decodeLink(hash: string): LinkState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const link: LinkState = {};
  const lang = p.get('lang');
  if (isLang(lang)) link.lang = lang;
  const tab = p.get('tab');
  if (tab && (TABS as readonly string[]).includes(tab)) link.tab = tab as Tab;
  const sel = p.get('sel');
  if (sel && ID_PATTERN.test(sel)) link.selected = sel;
  const hiddenKinds = list(p.get('hideKinds')).filter(isNodeKind) as NodeKind[];
  const hiddenTypes = list(p.get('hideTypes')).filter(isRelType) as RelType[];
  const hiddenEvidence = list(p.get('hideEvidence')).filter((e): e is Evidence => e === 'stated' || e === 'inferred');
  if (hiddenKinds.length || hiddenTypes.length || hiddenEvidence.length) link.filters = { hiddenKinds, hiddenTypes, hiddenEvidence };
  const expanded = list(p.get('expand'))
    .map((item) => {
      const [id, depth] = item.split('*');
      return { id: id!, depth: intIn(depth ?? null, 1, 3, 1) };
    })
    .filter((e) => ID_PATTERN.test(e.id));
  if (expanded.length) link.expanded = expanded;
  const from = p.get('from');
  const to = p.get('to');
  if (from && to && ID_PATTERN.test(from) && ID_PATTERN.test(to)) {
    const mode = (MODES as readonly string[]).includes(p.get('mode') ?? '') ? (p.get('mode') as PathQuery['mode']) : 'shortest';
    const active = p.get('path');
    link.path = {
      from,
      to,
      mode,
      k: intIn(p.get('k'), 1, 10, 3),
      maxHops: intIn(p.get('hops'), 1, 10, 6),
      types: list(p.get('types')).filter(isRelType) as RelType[],
      exclude: list(p.get('exclude')).filter((id) => ID_PATTERN.test(id)),
      active: active === null ? null : intIn(active, 0, 100, 0),
    };
  }
  const size = p.get('size');
  if (isMetric(size)) link.size = size;
  const color = p.get('color');
  if (color === 'community' || color === 'kind') link.color = color;
  const doc = p.get('doc');
  if (doc && /^document:[a-z0-9][a-z0-9-]{0,59}$/.test(doc)) link.doc = doc;
  const read = readFrom(p.get('read'), p.get('at'), p.get('find'));
  if (read) link.read = read;
  const table = tableViewFrom({ filter: p.get('tableFilter') ?? undefined, nodes: p.get('nodeSort'), edges: p.get('edgeSort') });
  if (isTableViewSet(table)) link.table = table;
  return link;
}

/** The link of the current view: the store's state and what the panels show. */
export function linkFromState(state: ExplorerState, panels: PanelLinkState = {}): LinkState {
  const { tab, reading, table } = panels;
  const link: LinkState = { lang: state.lang, filters: state.filters };
  if (tab) link.tab = tab;
  if (state.selected) link.selected = state.selected;
  const expanded = state.expansions.filter((e) => e.origin === 'neighbors').map((e) => ({ id: e.root, depth: e.query?.depth ?? 1 }));
  if (expanded.length) link.expanded = expanded;
  if (state.path && state.path.status !== 'error') link.path = { ...state.path.query, active: state.path.active };
  if (state.analytics.sizeBy) link.size = state.analytics.sizeBy;
  if (state.analytics.colorBy !== 'kind') link.color = state.analytics.colorBy;
  if (state.docFocus) link.doc = state.docFocus.id;
  const read = reading ? readFrom(reading.id, reading.at, reading.find) : undefined;
  if (read) link.read = read;
  if (isTableViewSet(table)) link.table = { ...table };
  return link;
}

/** A saved view's state from a link and the camera (the server's shape of the same fields). */
export function savedStateFromLink(link: LinkState, camera?: { x: number; y: number; ratio: number; angle: number }): SavedViewStateDTO {
  const state: SavedViewStateDTO = {};
  if (link.lang) state.lang = link.lang;
  if (link.selected) state.selected = link.selected;
  if (link.filters) state.filters = { ...link.filters };
  if (link.expanded?.length) state.expanded = link.expanded.map((e) => ({ ...e }));
  if (link.path) state.path = { ...link.path };
  if (camera) state.camera = { x: camera.x, y: camera.y, ratio: camera.ratio, angle: camera.angle };
  if (link.tab) state.tab = link.tab;
  if (link.size || link.color) state.analytics = { ...(link.size ? { size: link.size } : {}), colour: link.color ?? 'kind' };
  if (link.doc || link.read || isTableViewSet(link.table)) {
    state.client = {
      ...(link.doc ? { doc: link.doc } : {}),
      ...(link.read ? { read: { ...link.read } } : {}),
      ...(isTableViewSet(link.table)
        ? {
            table: {
              filter: link.table.filter,
              nodes: link.table.nodes && sortToken(link.table.nodes),
              edges: link.table.edges && sortToken(link.table.edges),
            },
          }
        : {}),
    };
  }
  return state;
}

/** The link a saved view's state restores (unknown values dropped, as for a URL). */
export function linkFromSavedState(state: SavedViewStateDTO): LinkState {
  const link: LinkState = {};
  if (isLang(state.lang)) link.lang = state.lang;
  if (state.selected) link.selected = state.selected;
  if (state.filters) {
    link.filters = {
      hiddenKinds: (state.filters.hiddenKinds ?? []).filter(isNodeKind),
      hiddenTypes: (state.filters.hiddenTypes ?? []).filter(isRelType),
      hiddenEvidence: (state.filters.hiddenEvidence ?? []).filter((e) => e === 'stated' || e === 'inferred'),
    };
  }
  if (state.expanded?.length) link.expanded = state.expanded.map((e) => ({ id: e.id, depth: Math.min(3, Math.max(1, e.depth)) }));
  if (state.path) {
    link.path = {
      from: state.path.from,
      to: state.path.to,
      mode: state.path.mode ?? 'shortest',
      k: state.path.k ?? 3,
      maxHops: state.path.maxHops ?? 6,
      types: (state.path.types ?? []).filter(isRelType),
      exclude: state.path.exclude ?? [],
      active: state.path.active ?? null,
    };
  }
  if (state.tab && (TABS as readonly string[]).includes(state.tab)) link.tab = state.tab as Tab;
  if (isMetric(state.analytics?.size)) link.size = state.analytics.size;
  if (state.analytics?.colour) link.color = state.analytics.colour;
  const doc = state.client?.doc;
  if (typeof doc === 'string' && /^document:[a-z0-9][a-z0-9-]{0,59}$/.test(doc)) link.doc = doc;
  const savedRead = state.client?.read as { id?: unknown; at?: unknown; find?: unknown } | undefined;
  const read = readFrom(savedRead?.id, savedRead?.at, savedRead?.find);
  if (read) link.read = read;
  const saved = state.client?.table;
  if (saved && typeof saved === 'object') {
    const table = tableViewFrom(saved as { filter?: unknown; nodes?: unknown; edges?: unknown });
    if (isTableViewSet(table)) link.table = table;
  }
  return link;
}
