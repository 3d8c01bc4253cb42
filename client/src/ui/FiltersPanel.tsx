/**
 * ui/FiltersPanel — what to hide: node kinds, relationship types, evidence.
 *
 * Counts are of the shown graph, so a filter with nothing behind it says so.
 */
import { useMemo } from 'preact/hooks';
import { EVIDENCE, REL_TYPES, type Evidence, type NodeKind, type RelType } from '../../../graph/model';
import { evidenceName, kindName, relVerb } from '../i18n/dictionary';
import { KINDS, kindColor } from '../store/attributes';
import { useExplorer, useI18n, useStoreState } from './context';

/** The filters panel. */
export function FiltersPanel() {
  const explorer = useExplorer();
  const store = explorer.store;
  const { lang, t } = useI18n();
  const filters = useStoreState((s) => s.filters);
  const revision = useStoreState((s) => s.revision);
  const counts = useMemo(() => {
    const kinds = new Map<NodeKind, number>();
    const types = new Map<RelType, number>();
    const evidence = new Map<Evidence, number>();
    store.graph.forEachNode((_n, a) => kinds.set(a.kind, (kinds.get(a.kind) ?? 0) + 1));
    store.graph.forEachEdge((_e, a) => {
      types.set(a.rel, (types.get(a.rel) ?? 0) + 1);
      evidence.set(a.data.evidence, (evidence.get(a.data.evidence) ?? 0) + 1);
    });
    return { kinds, types, evidence };
  }, [store, revision]);

  return (
    <div class="filters">
      <fieldset>
        <legend>{t('nodeKinds')}</legend>
        {KINDS.map((kind) => (
          <label key={kind} class={`check ${(counts.kinds.get(kind) ?? 0) === 0 ? 'muted' : ''}`}>
            <input type="checkbox" data-kind={kind} checked={!filters.hiddenKinds.includes(kind)} onChange={() => store.toggleKind(kind)} />
            <span class="dot small-dot" style={{ background: kindColor(kind) }} aria-hidden="true" />
            {kindName(kind, lang)} <span class="muted small">{counts.kinds.get(kind) ?? 0}</span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('relTypes')}</legend>
        {REL_TYPES.map((type) => (
          <label key={type} class={`check ${(counts.types.get(type) ?? 0) === 0 ? 'muted' : ''}`}>
            <input type="checkbox" data-type={type} checked={!filters.hiddenTypes.includes(type)} onChange={() => store.toggleType(type)} />
            {relVerb(type, lang)}{' '}
            <span class="muted small">
              {type} · {counts.types.get(type) ?? 0}
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('evidenceFilter')}</legend>
        {EVIDENCE.map((ev) => (
          <label key={ev} class="check">
            <input
              type="checkbox"
              data-evidence={ev}
              checked={!filters.hiddenEvidence.includes(ev)}
              onChange={() => store.toggleEvidence(ev)}
            />
            {evidenceName(ev, lang)} <span class="muted small">{counts.evidence.get(ev) ?? 0}</span>
          </label>
        ))}
      </fieldset>
      <button type="button" onClick={() => store.resetFilters()}>
        {t('resetFilters')}
      </button>
    </div>
  );
}
