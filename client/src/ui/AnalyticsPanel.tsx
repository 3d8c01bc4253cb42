/**
 * ui/AnalyticsPanel — network analysis of the curated graph: size nodes by
 * a centrality metric, colour them by community, rank the most central
 * nodes (optionally of one kind), and compare two concepts.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CentralityDTO, CompareDTO } from '../../../graph/analytics/contracts';
import { CENTRALITY_METRICS, type CentralityMetric } from '../../../graph/analytics/contracts';
import { NODE_KINDS, type NodeKind } from '../../../graph/model';
import { expandPaths } from '../../../graph/path-result';
import { kindName, nodeName, pick, type MessageKey } from '../i18n/dictionary';
import { kindColor } from '../store/attributes';
import { useExplorer, useI18n, useRequest, useStoreState } from './context';
import { NodeLink } from './NodeLink';
import { chainText } from './PathPanel';
import { SearchBox } from './SearchBox';

/** The dictionary key of each metric's name. */
export const METRIC_LABEL: Record<CentralityMetric, MessageKey> = {
  degree: 'metricDegree',
  weightedDegree: 'metricWeightedDegree',
  pagerank: 'metricPagerank',
  betweenness: 'metricBetweenness',
  closeness: 'metricCloseness',
};

function formatValue(metric: CentralityMetric, value: number): string {
  return metric === 'degree' || metric === 'weightedDegree' ? String(value) : value.toFixed(4);
}

/** Size and colour settings. */
function ViewSettings() {
  const explorer = useExplorer();
  const { t } = useI18n();
  const analytics = useStoreState((s) => s.analytics);
  return (
    <section aria-labelledby="analytics-view-title">
      <h3 id="analytics-view-title">{t('analyticsView')}</h3>
      <div class="field">
        <label for="size-by">{t('sizeBy')}</label>
        <select
          id="size-by"
          value={analytics.sizeBy ?? ''}
          onChange={(e) => void explorer.setSizeBy(((e.target as HTMLSelectElement).value || null) as CentralityMetric | null)}
        >
          <option value="">{t('sizeDefault')}</option>
          {CENTRALITY_METRICS.map((m) => (
            <option key={m} value={m}>
              {t(METRIC_LABEL[m])}
            </option>
          ))}
        </select>
      </div>
      <fieldset class="row wrap">
        <legend>{t('colorBy')}</legend>
        {(['kind', 'community'] as const).map((c) => (
          <label key={c}>
            <input type="radio" name="color-by" value={c} checked={analytics.colorBy === c} onChange={() => void explorer.setColorBy(c)} />
            {t(c === 'kind' ? 'colorByKind' : 'colorByCommunity')}
          </label>
        ))}
      </fieldset>
      {analytics.status === 'loading' && <p class="muted small">{t('loading')}</p>}
      {analytics.status === 'error' && (
        <p class="notice error" role="alert">
          {t('errorPrefix')}
          {t('colon')}
          {analytics.error}
        </p>
      )}
      {analytics.metrics && analytics.colorBy === 'community' && (
        <p class="muted small" data-testid="modularity">
          {t('communitiesSummary', { count: analytics.metrics.communities, modularity: analytics.metrics.modularity.toFixed(3) })}
        </p>
      )}
    </section>
  );
}

/** The ranked table of the most central nodes. */
function Ranking() {
  const explorer = useExplorer();
  const { lang, t } = useI18n();
  const sizeBy = useStoreState((s) => s.analytics.sizeBy);
  const selected = useStoreState((s) => s.selected);
  const [metric, setMetric] = useState<CentralityMetric>(sizeBy ?? 'pagerank');
  const [kind, setKind] = useState<NodeKind | ''>('Technology');
  const [result, setResult] = useState<CentralityDTO | null>(null);
  const [error, setError] = useState<string | null>(null);
  useRequest(
    () => {
      setError(null);
      return explorer.research.centrality(metric, { rankKinds: kind ? [kind] : undefined, limit: 20 });
    },
    setResult,
    (e) => setError(e.message),
    [explorer, metric, kind],
  );
  return (
    <section aria-labelledby="ranking-title">
      <h3 id="ranking-title">{t('ranking')}</h3>
      <div class="row wrap">
        <label>
          {t('metric')}{' '}
          <select id="ranking-metric" value={metric} onChange={(e) => setMetric((e.target as HTMLSelectElement).value as CentralityMetric)}>
            {CENTRALITY_METRICS.map((m) => (
              <option key={m} value={m}>
                {t(METRIC_LABEL[m])}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('kind')}{' '}
          <select id="ranking-kind" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as NodeKind | '')}>
            <option value="">{t('allKinds')}</option>
            {NODE_KINDS.filter((k) => k !== 'Document').map((k) => (
              <option key={k} value={k}>
                {kindName(k, lang)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && (
        <p class="notice error" role="alert">
          {t('errorPrefix')}
          {t('colon')}
          {error}
        </p>
      )}
      {result && (
        <div class="table-scroll">
          <table class="data ranking" aria-labelledby="ranking-title">
            <thead>
              <tr>
                <th scope="col" class="num">
                  #
                </th>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('kind')}</th>
                <th scope="col" class="num">
                  {t(METRIC_LABEL[result.metric])}
                </th>
              </tr>
            </thead>
            <tbody>
              {result.ranking.map((row) => (
                <tr
                  key={row.id}
                  data-node={row.id}
                  tabIndex={0}
                  aria-selected={row.id === selected}
                  class={row.id === selected ? 'selected' : ''}
                  onClick={() => void explorer.focus(row.id, { showDetails: false })}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      void explorer.focus(row.id, { showDetails: false });
                    }
                  }}
                >
                  <td class="num">{row.rank}</td>
                  <td>{nodeName(row, lang)}</td>
                  <td class="kind">
                    <span class="dot small-dot" style={{ background: kindColor(row.kind) }} aria-hidden="true" />
                    {kindName(row.kind, lang)}
                  </td>
                  <td class="num">{formatValue(result.metric, row.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

interface Picked {
  id: string;
  name: string;
}

/** Compare two concepts: shared neighbours, similarity, connecting paths (highlighted on the canvas). */
function Compare() {
  const explorer = useExplorer();
  const { lang, t } = useI18n();
  const [a, setA] = useState<Picked | null>(null);
  const [b, setB] = useState<Picked | null>(null);
  const [result, setResult] = useState<CompareDTO | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The form sits at the foot of the panel: what Compare answers (the result, or why it did not run) opens
  // below the fold, so it is brought into view.
  const outcome = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // A result's first lines (the form scrolls away), or the whole refusal.
    if (error || result) outcome.current?.scrollIntoView({ block: result ? 'start' : 'nearest' });
  }, [error, result]);
  async function run(e: Event) {
    e.preventDefault();
    // A box whose text was edited holds no node, and the same node twice compares nothing: said here, in the
    // interface's language, instead of running with a stale node or showing the server's English. The old
    // result goes too: it does not name its two concepts, so under other boxes' texts it would mislead.
    const refusal =
      !a || !b
        ? !a && !b
          ? t('pickNodesFor', { a: t('compareA'), b: t('compareB') })
          : t('pickNodeFor', { box: t(a ? 'compareB' : 'compareA') })
        : a.id === b.id
          ? t('compareSameNode', { name: a.name })
          : null;
    if (!a || !b || refusal) {
      setResult(null);
      setError(refusal);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await explorer.research.compare(a.id, b.id, { k: 3, maxHops: 6 });
      setResult(r);
      explorer.store.showPaths({ from: a.id, to: b.id, mode: 'k', k: 3, maxHops: 6, types: [], exclude: [] }, r.paths);
    } catch (err) {
      setResult(null);
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section aria-labelledby="compare-title">
      <h3 id="compare-title">{t('compare')}</h3>
      <form onSubmit={run} class="compare-form">
        <div class="field">
          <label for="compare-a">{t('compareA')}</label>
          <SearchBox
            id="compare-a"
            label={t('compareA')}
            placeholder={t('pickNode')}
            keepPicked
            onPick={(h) => setA({ id: h.id, name: nodeName(h, lang) })}
            onEdit={() => setA(null)}
          />
        </div>
        <div class="field">
          <label for="compare-b">{t('compareB')}</label>
          <SearchBox
            id="compare-b"
            label={t('compareB')}
            placeholder={t('pickNode')}
            keepPicked
            onPick={(h) => setB({ id: h.id, name: nodeName(h, lang) })}
            onEdit={() => setB(null)}
          />
        </div>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('loading') : t('compareAction')}
        </button>
      </form>
      <div ref={outcome}>
        {error && (
          <p class="notice error" role="alert">
            {error}
          </p>
        )}
        {result && (
          <div class="compare-result" data-testid="compare-result">
            <dl class="metrics">
              <dt>{t('jaccard')}</dt>
              <dd data-testid="jaccard">{result.jaccard.toFixed(3)}</dd>
              <dt>{t('adamicAdar')}</dt>
              <dd data-testid="adamic-adar">{result.adamicAdar.toFixed(3)}</dd>
              <dt>{t('adjacent')}</dt>
              <dd>{result.adjacent ? t('yes') : t('no')}</dd>
            </dl>
            {result.direct.length > 0 && (
              <ul>
                {result.direct.map((l) => (
                  <li key={l.edge}>{pick(l.sentence, lang)}</li>
                ))}
              </ul>
            )}
            <h4>{t('sharedNeighbours', { count: result.shared.length })}</h4>
            {result.shared.length === 0 ? (
              <p class="muted small">{t('none')}</p>
            ) : (
              <ul class="shared">
                {result.shared.map((n) => (
                  <li key={n.id}>
                    <NodeLink node={n} />
                  </li>
                ))}
              </ul>
            )}
            <h4>{t('connectingPaths', { count: result.paths.paths.length })}</h4>
            {result.paths.paths.length === 0 ? (
              <p class="muted small">{result.paths.reason ? pick(result.paths.reason, lang) : t('noPath')}</p>
            ) : (
              <ol class="chains">
                {expandPaths(result.paths).map((p, i) => (
                  <li key={i}>
                    <button type="button" class="link chain" onClick={() => explorer.store.setActivePath(i)}>
                      {chainText(p, lang)}
                    </button>
                  </li>
                ))}
              </ol>
            )}
            {result.cooccurrence.length > 0 && (
              <>
                <h4>{t('coMentioned')}</h4>
                <ul>
                  {result.cooccurrence.map((c) => (
                    <li key={c.document}>
                      <button type="button" class="link" onClick={() => void explorer.showDocument(c.document)}>
                        {c.title}
                      </button>{' '}
                      <span class="muted">×{c.count}</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
      </div>
    </section>
  );
}

/** The analytics panel. */
export function AnalyticsPanel() {
  return (
    <div class="analytics">
      <ViewSettings />
      <Ranking />
      <Compare />
    </div>
  );
}
