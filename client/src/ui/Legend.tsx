/**
 * ui/Legend — the colour key of node kinds; each entry toggles its kind.
 *
 * Lists the kinds present in the graph (with their counts) so the legend
 * never advertises colours the picture does not use.
 */
import { useMemo } from 'preact/hooks';
import type { NodeKind } from '../../../graph/model';
import { kindName, pick } from '../i18n/dictionary';
import { KINDS, kindColor } from '../store/attributes';
import { communityColor } from '../store/views';
import { useExplorer, useI18n, useStoreState } from './context';

/** Counts of shown nodes per kind. */
function useKindCounts(): Map<NodeKind, number> {
  const explorer = useExplorer();
  const revision = useStoreState((s) => s.revision);
  return useMemo(() => {
    const counts = new Map<NodeKind, number>();
    explorer.store.graph.forEachNode((_n, a) => counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1));
    return counts;
  }, [explorer, revision]);
}

/** The community key: one entry per community present in the view, named after its best-connected member. */
function CommunityLegend() {
  const explorer = useExplorer();
  const { lang, t } = useI18n();
  const analytics = useStoreState((s) => s.analytics);
  const revision = useStoreState((s) => s.revision);
  const counts = useMemo(() => {
    const counts = new Map<number, number>();
    const nodes = analytics.metrics?.nodes ?? {};
    explorer.store.graph.forEachNode((id) => {
      const row = nodes[id];
      if (row) counts.set(row.community, (counts.get(row.community) ?? 0) + 1);
    });
    return counts;
  }, [explorer, analytics.metrics, revision]);
  const communities = (analytics.communities ?? []).filter((c) => (counts.get(c.id) ?? 0) > 0);
  return (
    <section class="legend" aria-label={t('legendCommunities')} data-legend="community">
      <h2 class="legend-title">{t('legendCommunities')}</h2>
      <ul>
        {communities.map((c) => (
          <li key={c.id}>
            <span class="legend-item static" data-community={c.id}>
              <span class="dot" style={{ background: communityColor(c.id), borderColor: communityColor(c.id) }} aria-hidden="true" />
              <span class="legend-name">{pick(c.label, lang)}</span>
              <span class="legend-count">{counts.get(c.id) ?? 0}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The legend overlay of the canvas: node kinds, or communities when the nodes are coloured by community. */
export function Legend() {
  const colorBy = useStoreState((s) => (s.analytics.metrics ? s.analytics.colorBy : 'kind'));
  return colorBy === 'community' ? <CommunityLegend /> : <KindLegend />;
}

function KindLegend() {
  const explorer = useExplorer();
  const { lang, t } = useI18n();
  const hidden = useStoreState((s) => s.filters.hiddenKinds);
  const counts = useKindCounts();
  const kinds = KINDS.filter((k) => (counts.get(k) ?? 0) > 0 || hidden.includes(k));
  return (
    <section class="legend" aria-label={t('legend')} title={t('legendHint')} data-legend="kind">
      <h2 class="legend-title">{t('legend')}</h2>
      {
        <ul>
          {kinds.map((kind) => {
            const off = hidden.includes(kind);
            const name = kindName(kind, lang);
            return (
              <li key={kind}>
                <button
                  type="button"
                  class={`legend-item ${off ? 'off' : ''}`}
                  aria-pressed={!off}
                  data-kind={kind}
                  title={t(off ? 'showKind' : 'hideKind', { kind: name })}
                  onClick={() => explorer.store.toggleKind(kind)}
                >
                  <span
                    class="dot"
                    style={{ background: off ? 'transparent' : kindColor(kind), borderColor: kindColor(kind) }}
                    aria-hidden="true"
                  />
                  <span class="legend-name">{name}</span>
                  <span class="legend-count">{counts.get(kind) ?? 0}</span>
                </button>
              </li>
            );
          })}
        </ul>
      }
    </section>
  );
}
