/**
 * ui/TablePanel — the accessible twin of the canvas: the visible nodes and
 * relationships as tables, in step with the filters and the selection.
 *
 * Rows use a roving tabindex: Tab enters the table once, arrow keys move
 * between rows, Enter or Space selects the row's node. A column header
 * orders its table (again: the other way round); the filter box narrows both
 * tables to rows whose names (either language, aliases) or relation hold the
 * typed text. Rows are derived from the graph on every change, never kept;
 * the filter and the orders are the explorer's panel state (links, saved views).
 */
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { NodeKind } from '../../../graph/model';
import type { MessageKey } from '../i18n/dictionary';
import { kindName, nodeName, relVerb, evidenceName } from '../i18n/dictionary';
import { kindColor } from '../store/attributes';
import { visibleDegrees, visibleSubgraph } from '../store/views';
import { useExplorer, useI18n, usePanel, useStoreState } from './context';
import { FilterInput } from './FilterInput';
import {
  filterEdges,
  filterNodes,
  nextSort,
  sortEdges,
  sortNodes,
  type EdgeColumn,
  type EdgeRow,
  type NodeColumn,
  type NodeRow,
  type SortBy,
} from './table-rows';

function moveFocus(e: KeyboardEvent, onActivate: () => void) {
  const row = e.currentTarget as HTMLTableRowElement;
  let target: Element | null = null;
  if (e.key === 'ArrowDown') target = row.nextElementSibling;
  else if (e.key === 'ArrowUp') target = row.previousElementSibling;
  else if (e.key === 'Home') target = row.parentElement?.firstElementChild ?? null;
  else if (e.key === 'End') target = row.parentElement?.lastElementChild ?? null;
  else if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    onActivate();
    return;
  } else return;
  e.preventDefault();
  if (target instanceof HTMLElement) {
    row.tabIndex = -1;
    target.tabIndex = 0;
    target.focus();
  }
}

/** A column header that orders its table; aria-sort tells assistive technology the current order. */
function SortHeader<K extends NodeColumn | EdgeColumn>(props: {
  column: K;
  label: string;
  sort: SortBy<K> | null;
  onSort: (column: K) => void;
  num?: boolean;
}) {
  const { column, label, sort, onSort, num } = props;
  const dir = sort?.key === column ? sort.dir : null;
  return (
    <th scope="col" class={num ? 'num' : undefined} aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}>
      <button type="button" class="sort" data-sort={column} onClick={() => onSort(column)}>
        {label}
        <span class="sort-mark" aria-hidden="true">
          {dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : '↕'}
        </span>
      </button>
    </th>
  );
}

/** The table view of the visible graph. */
export function TablePanel() {
  const explorer = useExplorer();
  const store = explorer.store;
  const { lang, t } = useI18n();
  const filters = useStoreState((s) => s.filters);
  const revision = useStoreState((s) => s.revision);
  const selected = useStoreState((s) => s.selected);
  const selectedRow = useRef<HTMLTableRowElement>(null);
  // The filter and the orders live in the explorer's panel state, so links and saved views keep them.
  const { filter: text, nodes: nodeSort, edges: edgeSort } = usePanel().table;

  // Every visible row in the interface's language; rebuilt when the graph, the filters or the language change.
  const all = useMemo(() => {
    const visible = visibleSubgraph(store.graph, filters);
    // Degrees among the rows shown, not the whole graph's: ordering by Degree follows what the filters leave.
    const degrees = visibleDegrees(store.graph, visible);
    const other = lang === 'zh' ? 'en' : 'zh';
    const nodes: (NodeRow & { kindId: NodeKind; secondary: string })[] = visible.nodes.map((id) => {
      const a = store.graph.getNodeAttributes(id);
      return {
        id,
        name: nodeName(a.data, lang),
        secondary: a.data[`name_${other}`],
        otherNames: [a.data[`name_${other}`], ...a.data.aliases_zh, ...a.data.aliases_en].filter(Boolean),
        kind: kindName(a.kind, lang),
        kindId: a.kind,
        degree: degrees.get(id) ?? 0,
      };
    });
    // A relationship's ends are visible nodes: their names come from the rows above, built once each.
    const row = new Map(nodes.map((n) => [n.id, n]));
    const edges: EdgeRow[] = visible.edges.map((id) => {
      const a = store.graph.getEdgeAttributes(id);
      const source = row.get(store.graph.source(id))!;
      const target = row.get(store.graph.target(id))!;
      return {
        id,
        source: source.id,
        target: target.id,
        sourceName: source.name,
        targetName: target.name,
        otherNames: [...source.otherNames, ...target.otherNames],
        relation: relVerb(a.rel, lang),
        evidence: evidenceName(a.data.evidence, lang, true),
      };
    });
    return { nodes, edges };
  }, [store, filters, revision, lang]);
  const collator = useMemo(() => new Intl.Collator(lang === 'zh' ? 'zh-Hans' : 'en', { numeric: true }), [lang]);
  const nodes = useMemo(() => sortNodes(filterNodes(all.nodes, text), nodeSort, collator), [all, text, nodeSort, collator]);
  const edges = useMemo(() => sortEdges(filterEdges(all.edges, text), edgeSort, collator), [all, text, edgeSort, collator]);
  const heading = (key: MessageKey, keyOf: MessageKey, shown: number, count: number) =>
    shown === count ? t(key, { count }) : t(keyOf, { shown, count });

  useEffect(() => {
    selectedRow.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const firstFocusable = nodes.some((n) => n.id === selected) ? selected : nodes[0]?.id;
  const sortNodesBy = (column: NodeColumn) => explorer.setTable({ nodes: nextSort(nodeSort, column) });
  const sortEdgesBy = (column: EdgeColumn) => explorer.setTable({ edges: nextSort(edgeSort, column) });
  return (
    <div class="tables">
      <FilterInput
        id="table-filter"
        className="table-filter"
        label={t('tableFilter')}
        value={text}
        onChange={(filter) => explorer.setTable({ filter })}
      />
      <h3 id="table-nodes-title">{heading('tableNodes', 'tableNodesOf', nodes.length, all.nodes.length)}</h3>
      <div class="table-scroll">
        <table class="data" aria-labelledby="table-nodes-title" aria-label={t('tableNodesLabel')}>
          <thead>
            <tr>
              <SortHeader column="name" label={t('name')} sort={nodeSort} onSort={sortNodesBy} />
              <SortHeader column="kind" label={t('kind')} sort={nodeSort} onSort={sortNodesBy} />
              <SortHeader column="degree" label={t('degree')} sort={nodeSort} onSort={sortNodesBy} num />
            </tr>
          </thead>
          <tbody>
            {nodes.map(({ id, name, secondary, kind, kindId, degree }) => (
              <tr
                key={id}
                data-node={id}
                ref={id === selected ? selectedRow : undefined}
                tabIndex={id === firstFocusable ? 0 : -1}
                aria-selected={id === selected}
                class={id === selected ? 'selected' : ''}
                onClick={() => void explorer.focus(id, { showDetails: false })}
                onKeyDown={(e) => moveFocus(e, () => void explorer.focus(id, { showDetails: false }))}
                onMouseEnter={() => store.hover(id)}
                onMouseLeave={() => store.hover(null)}
              >
                <td>
                  {name}
                  {secondary && secondary !== name && <span class="muted small"> {secondary}</span>}
                </td>
                <td class="kind">
                  <span class="dot small-dot" style={{ background: kindColor(kindId) }} aria-hidden="true" />
                  {kind}
                </td>
                <td class="num">{degree}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {text.trim() && nodes.length === 0 && edges.length === 0 && <p class="muted">{t('tableNoMatch', { text: text.trim() })}</p>}
      <h3 id="table-edges-title">{heading('tableEdges', 'tableEdgesOf', edges.length, all.edges.length)}</h3>
      <div class="table-scroll">
        <table class="data edges" aria-labelledby="table-edges-title" aria-label={t('tableEdgesLabel')}>
          <thead>
            <tr>
              <SortHeader column="source" label={t('source')} sort={edgeSort} onSort={sortEdgesBy} />
              <SortHeader column="relation" label={t('relation')} sort={edgeSort} onSort={sortEdgesBy} />
              <SortHeader column="target" label={t('target')} sort={edgeSort} onSort={sortEdgesBy} />
              <SortHeader column="evidence" label={t('evidence')} sort={edgeSort} onSort={sortEdgesBy} />
            </tr>
          </thead>
          <tbody>
            {edges.map(({ id, source, target, sourceName, targetName, relation, evidence }, i) => (
              <tr
                key={id}
                data-edge={id}
                tabIndex={i === 0 ? 0 : -1}
                class={source === selected || target === selected ? 'related' : ''}
                onClick={() => void explorer.focus(source, { showDetails: false })}
                onKeyDown={(e) => moveFocus(e, () => void explorer.focus(source, { showDetails: false }))}
              >
                <td>{sourceName}</td>
                <td>{relation}</td>
                <td>{targetName}</td>
                <td>{evidence}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
