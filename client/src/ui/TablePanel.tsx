/**
 * ui/TablePanel — the accessible twin of the canvas: the visible nodes and
 * relationships as tables, in step with the filters and the selection.
 *
 * Rows use a roving tabindex: Tab enters the table once, arrow keys move
 * between rows, Enter or Space selects the row's node.
 */
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { kindName, nodeName, relVerb, evidenceName } from '../i18n/dictionary';
import { kindColor } from '../store/attributes';
import { visibleSubgraph } from '../store/views';
import { useExplorer, useI18n, useStoreState } from './context';

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

/** The table view of the visible graph. */
export function TablePanel() {
  const explorer = useExplorer();
  const store = explorer.store;
  const { lang, t } = useI18n();
  const filters = useStoreState((s) => s.filters);
  const revision = useStoreState((s) => s.revision);
  const selected = useStoreState((s) => s.selected);
  const selectedRow = useRef<HTMLTableRowElement>(null);

  const { nodes, edges } = useMemo(() => {
    const visible = visibleSubgraph(store.graph, filters);
    const nodes = visible.nodes
      .map((id) => ({ id, a: store.graph.getNodeAttributes(id), degree: store.graph.degree(id) }))
      .sort((x, y) => x.a.kind.localeCompare(y.a.kind) || nodeName(x.a.data, lang).localeCompare(nodeName(y.a.data, lang), lang));
    const edges = visible.edges.map((id) => ({
      id,
      a: store.graph.getEdgeAttributes(id),
      source: store.graph.source(id),
      target: store.graph.target(id),
    }));
    return { nodes, edges };
  }, [store, filters, revision, lang]);

  useEffect(() => {
    selectedRow.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const name = (id: string) => nodeName(store.graph.getNodeAttribute(id, 'data'), lang);
  const firstFocusable = nodes.some((n) => n.id === selected) ? selected : nodes[0]?.id;
  return (
    <div class="tables">
      <h3 id="table-nodes-title">{t('tableNodes', { count: nodes.length })}</h3>
      <div class="table-scroll">
        <table class="data" aria-labelledby="table-nodes-title" aria-label={t('tableNodesLabel')}>
          <thead>
            <tr>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('kind')}</th>
              <th scope="col" class="num">
                {t('degree')}
              </th>
            </tr>
          </thead>
          <tbody>
            {nodes.map(({ id, a, degree }) => (
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
                  {nodeName(a.data, lang)}
                  <span class="muted small"> {lang === 'zh' ? a.data.name_en : a.data.name_zh}</span>
                </td>
                <td class="kind">
                  <span class="dot small-dot" style={{ background: kindColor(a.kind) }} aria-hidden="true" />
                  {kindName(a.kind, lang)}
                </td>
                <td class="num">{degree}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3 id="table-edges-title">{t('tableEdges', { count: edges.length })}</h3>
      <div class="table-scroll">
        <table class="data edges" aria-labelledby="table-edges-title" aria-label={t('tableEdgesLabel')}>
          <thead>
            <tr>
              <th scope="col">{t('source')}</th>
              <th scope="col">{t('relation')}</th>
              <th scope="col">{t('target')}</th>
              <th scope="col">{t('evidence')}</th>
            </tr>
          </thead>
          <tbody>
            {edges.map(({ id, a, source, target }, i) => (
              <tr
                key={id}
                data-edge={id}
                tabIndex={i === 0 ? 0 : -1}
                class={source === selected || target === selected ? 'related' : ''}
                onClick={() => void explorer.focus(source, { showDetails: false })}
                onKeyDown={(e) => moveFocus(e, () => void explorer.focus(source, { showDetails: false }))}
              >
                <td>{name(source)}</td>
                <td>{relVerb(a.rel, lang)}</td>
                <td>{name(target)}</td>
                <td>{evidenceName(a.data.evidence, lang, true)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
