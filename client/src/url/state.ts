/**
 * url/state — the view encoded in the URL hash, and back.
 *
 * A deep link holds the language, the selection, the filters, the expanded
 * nodes, the path query and the open panel: enough to restore what an
 * analyst was looking at. Pure functions; unknown kinds, types and junk are
 * dropped rather than trusted.
 */
import { isNodeKind, isRelType, type Evidence, type NodeKind, type RelType } from '../../../graph/model';
import type { PathQuery } from '../api/client';
import { isLang, type Lang } from '../i18n/dictionary';
import type { ExplorerState } from '../store/explorer';
import type { Filters } from '../store/views';

/** Panels of the side area (also part of the link). */
export const TABS = ['details', 'paths', 'filters', 'table', 'console'] as const;
export type Tab = (typeof TABS)[number];

/** What a deep link restores. Every field is optional: a link may say little. */
export interface LinkState {
  lang?: Lang;
  selected?: string;
  filters?: Filters;
  expanded?: { id: string; depth: number }[];
  path?: PathQuery & { active: number | null };
  tab?: Tab;
}

const MODES = ['shortest', 'all', 'k'] as const;

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
  if (sel) link.selected = sel;
  const hiddenKinds = list(p.get('hideKinds')).filter(isNodeKind) as NodeKind[];
  const hiddenTypes = list(p.get('hideTypes')).filter(isRelType) as RelType[];
  const hiddenEvidence = list(p.get('hideEvidence')).filter((e): e is Evidence => e === 'stated' || e === 'inferred');
  if (hiddenKinds.length || hiddenTypes.length || hiddenEvidence.length) link.filters = { hiddenKinds, hiddenTypes, hiddenEvidence };
  const expanded = list(p.get('expand')).map((item) => {
    const [id, depth] = item.split('*');
    return { id: id!, depth: intIn(depth ?? null, 1, 3, 1) };
  });
  if (expanded.length) link.expanded = expanded;
  const from = p.get('from');
  const to = p.get('to');
  if (from && to) {
    const mode = (MODES as readonly string[]).includes(p.get('mode') ?? '') ? (p.get('mode') as PathQuery['mode']) : 'shortest';
    const active = p.get('path');
    link.path = {
      from,
      to,
      mode,
      k: intIn(p.get('k'), 1, 10, 3),
      maxHops: intIn(p.get('hops'), 1, 10, 6),
      types: list(p.get('types')).filter(isRelType) as RelType[],
      exclude: list(p.get('exclude')),
      active: active === null ? null : intIn(active, 0, 100, 0),
    };
  }
  return link;
}

/** The link of the current view. */
export function linkFromState(state: ExplorerState, tab?: Tab): LinkState {
  const link: LinkState = { lang: state.lang, filters: state.filters };
  if (tab) link.tab = tab;
  if (state.selected) link.selected = state.selected;
  const expanded = state.expansions.filter((e) => e.origin === 'neighbors').map((e) => ({ id: e.root, depth: e.query?.depth ?? 1 }));
  if (expanded.length) link.expanded = expanded;
  if (state.path && state.path.status !== 'error') link.path = { ...state.path.query, active: state.path.active };
  return link;
}
