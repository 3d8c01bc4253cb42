/**
 * ui/table-rows — the table panel's rows: narrowed by a typed text, ordered by a column.
 *
 * Pure functions over plain rows, so the order and the matching are tested
 * without a browser. Text is folded the way search folds it (graph/search-text
 * normalizeQuery: case, width, spacing), so "rag", "RAG" and "ＲＡＧ" find the
 * same rows, in either language.
 */
import { normalizeQuery } from '../../../graph/search-text';

export type SortDir = 'asc' | 'desc';

/** A column to order by and its direction. */
export interface SortBy<K extends string> {
  key: K;
  dir: SortDir;
}

export const NODE_COLUMNS = ['name', 'kind', 'degree'] as const;
export type NodeColumn = (typeof NODE_COLUMNS)[number];
export const EDGE_COLUMNS = ['source', 'relation', 'target', 'evidence'] as const;
export type EdgeColumn = (typeof EDGE_COLUMNS)[number];

/** What the table panel shows beyond the graph: its filter text and each table's order (kept in links and saved views). */
export interface TableView {
  filter: string;
  nodes: SortBy<NodeColumn> | null;
  edges: SortBy<EdgeColumn> | null;
}

export const DEFAULT_TABLE_VIEW: TableView = { filter: '', nodes: null, edges: null };

/** Longest filter text a link or a saved view carries (the box itself takes any length). */
export const TABLE_FILTER_MAX = 200;

/** A sort as a link writes it: `degree:desc`. */
export function sortToken(sort: SortBy<string>): string {
  return `${sort.key}:${sort.dir}`;
}

/** A link's `degree:desc` back into a sort over `columns`; null for anything else. */
export function parseSort<K extends string>(value: unknown, columns: readonly K[]): SortBy<K> | null {
  if (typeof value !== 'string') return null;
  const [key, dir] = value.split(':');
  if (!(columns as readonly string[]).includes(key ?? '') || (dir !== 'asc' && dir !== 'desc')) return null;
  return { key: key as K, dir };
}

/** A table view as read from a link or a saved view: unknown columns dropped, the filter trimmed to its bound. */
export function tableViewFrom(raw: { filter?: unknown; nodes?: unknown; edges?: unknown }): TableView {
  return {
    filter: typeof raw.filter === 'string' ? raw.filter.slice(0, TABLE_FILTER_MAX) : '',
    nodes: parseSort(raw.nodes, NODE_COLUMNS),
    edges: parseSort(raw.edges, EDGE_COLUMNS),
  };
}

/** Whether a table view differs from the default (what a link leaves out). */
export function isTableViewSet(view: TableView | undefined): view is TableView {
  return Boolean(view && (view.filter || view.nodes || view.edges));
}

/** A node as the table shows it: names in the interface's language first, kind as a label. */
export interface NodeRow {
  id: string;
  name: string;
  /** The other language's name and every alias: matched by the filter, not sorted on. */
  otherNames: readonly string[];
  kind: string;
  degree: number;
}

/** A relationship as the table shows it. */
export interface EdgeRow {
  id: string;
  source: string;
  target: string;
  sourceName: string;
  targetName: string;
  /** The other language's names of both ends: matched by the filter. */
  otherNames: readonly string[];
  relation: string;
  evidence: string;
}

/** The order a column starts in when first clicked: counts largest first, text A to Z. */
export function firstDir(key: NodeColumn | EdgeColumn): SortDir {
  return key === 'degree' ? 'desc' : 'asc';
}

/** The next sort after a click on `key`: the same column turns round, another starts in its first order. */
export function nextSort<K extends NodeColumn | EdgeColumn>(current: SortBy<K> | null, key: K): SortBy<K> {
  if (current?.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: firstDir(key) };
}

function includes(texts: readonly string[], needle: string): boolean {
  return texts.some((text) => normalizeQuery(text).includes(needle));
}

/** The nodes a typed text finds in any name or alias, in either language (all of them for blank text). */
export function filterNodes<R extends NodeRow>(rows: readonly R[], text: string): R[] {
  const needle = normalizeQuery(text);
  return needle ? rows.filter((r) => includes([r.name, ...r.otherNames], needle)) : [...rows];
}

/** The relationships a typed text finds in either end's names or in the relation's wording. */
export function filterEdges(rows: readonly EdgeRow[], text: string): EdgeRow[] {
  const needle = normalizeQuery(text);
  return needle ? rows.filter((r) => includes([r.sourceName, r.targetName, r.relation, ...r.otherNames], needle)) : [...rows];
}

type Compare<R> = (a: R, b: R) => number;

function ordered<R extends { id: string }>(rows: readonly R[], dir: SortDir, primary: Compare<R>, ...then: Compare<R>[]): R[] {
  const sign = dir === 'asc' ? 1 : -1;
  // The direction turns the chosen column only; ties fall back to a fixed order, so rows never jump about.
  return [...rows].sort(
    (a, b) => sign * primary(a, b) || then.reduce((d, c) => d || c(a, b), 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** Nodes in the chosen order; without one, by kind then name (the panel's resting order). */
export function sortNodes<R extends NodeRow>(rows: readonly R[], sort: SortBy<NodeColumn> | null, collator: Intl.Collator): R[] {
  const byName: Compare<NodeRow> = (a, b) => collator.compare(a.name, b.name);
  const byKind: Compare<NodeRow> = (a, b) => collator.compare(a.kind, b.kind);
  if (!sort) return ordered(rows, 'asc', byKind, byName);
  if (sort.key === 'name') return ordered(rows, sort.dir, byName, byKind);
  if (sort.key === 'kind') return ordered(rows, sort.dir, byKind, byName);
  return ordered(rows, sort.dir, (a, b) => a.degree - b.degree, byName);
}

/** Relationships in the chosen order; without one, as the graph holds them. */
export function sortEdges(rows: readonly EdgeRow[], sort: SortBy<EdgeColumn> | null, collator: Intl.Collator): EdgeRow[] {
  if (!sort) return [...rows];
  const text =
    (pick: (r: EdgeRow) => string): Compare<EdgeRow> =>
    (a, b) =>
      collator.compare(pick(a), pick(b));
  const bySource = text((r) => r.sourceName);
  const byTarget = text((r) => r.targetName);
  const byRelation = text((r) => r.relation);
  const primary =
    sort.key === 'source' ? bySource : sort.key === 'target' ? byTarget : sort.key === 'relation' ? byRelation : text((r) => r.evidence);
  return ordered(rows, sort.dir, primary, bySource, byRelation, byTarget);
}
