/**
 * ui/DetailsPanel — everything about the selected node: both names, the
 * description, properties, its relationships in words, where the article
 * says so, and the controls to expand or collapse its neighbourhood.
 */
import { useEffect, useState } from 'preact/hooks';
import type { NodeDetailsDTO, RelationshipInWordsDTO } from '../../../graph/contracts';
import { NODE_KINDS, REL_TYPES, type NodeKind, type RelType } from '../../../graph/model';
import { kindName, nodeName, pick, relVerb, type Lang } from '../i18n/dictionary';
import { kindColor } from '../store/attributes';
import { DEFAULT_NEIGHBOR_QUERY } from '../store/explorer';
import { Citations, EvidenceBadge } from './Citation';
import { useExplorer, useI18n, useStoreState } from './context';
import { NodeNotes } from './Notes';

/** A relationship sentence with the other node's name turned into a link that selects it. */
function RelationshipSentence({ rel, lang, onPick }: { rel: RelationshipInWordsDTO; lang: Lang; onPick: (id: string) => void }) {
  const sentence = pick(rel.sentence, lang);
  const name = nodeName(rel.other, lang);
  const at = name ? sentence.indexOf(name) : -1;
  const link = (
    <button type="button" class="link" data-node={rel.other.id} onClick={() => onPick(rel.other.id)}>
      {name}
    </button>
  );
  if (at < 0) {
    return (
      <span>
        {sentence} <span class="muted">→</span> {link}
      </span>
    );
  }
  return (
    <span>
      {sentence.slice(0, at)}
      {link}
      {sentence.slice(at + name.length)}
    </span>
  );
}

function Relationships({
  details,
  noteCounts,
  onNote,
}: {
  details: NodeDetailsDTO;
  /** How many notes each relationship (by id) has, among the node's notes loaded. */
  noteCounts: ReadonlyMap<string, number>;
  onNote: (rel: RelationshipInWordsDTO) => void;
}) {
  const explorer = useExplorer();
  const { lang, t } = useI18n();
  if (details.relationships.length === 0) return <p class="muted">{t('noRelationships')}</p>;
  // Grouped by type so a hub's dozens of links read as a few lists.
  const groups = new Map<RelType, RelationshipInWordsDTO[]>();
  for (const rel of details.relationships) {
    const list = groups.get(rel.edge.type) ?? [];
    list.push(rel);
    groups.set(rel.edge.type, list);
  }
  return (
    <div class="relationships">
      {[...groups].map(([type, rels]) => (
        <section key={type}>
          <h4>
            {relVerb(type, lang)} <span class="muted small">{type}</span>
          </h4>
          <ul>
            {rels.map((rel) => (
              <li key={rel.edge.id}>
                <span class="dot small-dot" style={{ background: kindColor(rel.other.kind) }} aria-hidden="true" />
                <RelationshipSentence rel={rel} lang={lang} onPick={(id) => void explorer.focus(id)} />{' '}
                <EvidenceBadge evidence={rel.edge.evidence} rationale={rel.edge.rationale} rationaleZh={rel.edge.rationale_zh} />{' '}
                <button
                  type="button"
                  class="link small rel-note"
                  data-edge={rel.edge.id}
                  aria-label={t('noteOnThisRelationship', { text: pick(rel.sentence, lang) })}
                  onClick={() => onNote(rel)}
                >
                  ✎ {t('note')}
                  {noteCounts.has(rel.edge.id) && (
                    <span class="note-count" title={t('notesOnRelationship', { count: noteCounts.get(rel.edge.id)! })}>
                      {t('aside', { text: noteCounts.get(rel.edge.id)! })}
                    </span>
                  )}
                </button>
                {rel.edge.citations.length > 0 && (
                  <details class="rel-cite">
                    <summary>{t('provenance')}</summary>
                    <Citations citations={rel.edge.citations} />
                  </details>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** Depth, kind/type filters and limit of an expansion; expand and collapse buttons. */
function ExpandControls({ id }: { id: string }) {
  const explorer = useExplorer();
  const { lang, t } = useI18n();
  const expansions = useStoreState((s) => s.expansions);
  const expanded = expansions.some((e) => e.origin === 'neighbors' && e.root === id);
  const [depth, setDepth] = useState(DEFAULT_NEIGHBOR_QUERY.depth);
  const [limit, setLimit] = useState(DEFAULT_NEIGHBOR_QUERY.limit);
  const [kinds, setKinds] = useState<NodeKind[]>([]);
  const [types, setTypes] = useState<RelType[]>([]);
  const [busy, setBusy] = useState(false);
  const last = [...expansions].reverse().find((e) => e.origin === 'neighbors' && e.root === id);
  return (
    <section class="expand" aria-label={t('expand')}>
      <h3>{t('expand')}</h3>
      <div class="row wrap">
        <label>
          {t('depth')}{' '}
          <select value={depth} onChange={(e) => setDepth(Number((e.target as HTMLSelectElement).value))}>
            {[1, 2, 3].map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('limit')}{' '}
          <input
            type="number"
            min={1}
            max={500}
            value={limit}
            class="narrow"
            onChange={(e) => setLimit(Math.max(1, Number((e.target as HTMLInputElement).value) || 1))}
          />
        </label>
        <button
          type="button"
          class="primary"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await explorer.store.expand(id, { depth, limit, kinds, types });
            } finally {
              setBusy(false);
            }
          }}
        >
          {busy ? t('loading') : t('expandAction')}
        </button>
        <button type="button" disabled={!expanded} onClick={() => explorer.store.collapse(id)}>
          {t('collapse')}
        </button>
      </div>
      <details>
        <summary>
          {t('onlyKinds')}
          {t('colon')}
          {kinds.length ? kinds.map((k) => kindName(k, lang)).join(t('listSeparator')) : t('any')}
        </summary>
        <div class="chips">
          {NODE_KINDS.map((k) => (
            <label key={k} class="chip">
              <input
                type="checkbox"
                checked={kinds.includes(k)}
                onChange={() => setKinds(kinds.includes(k) ? kinds.filter((x) => x !== k) : [...kinds, k])}
              />
              {kindName(k, lang)}
            </label>
          ))}
        </div>
      </details>
      <details>
        <summary>
          {t('onlyTypes')}
          {t('colon')}
          {types.length ? types.map((k) => relVerb(k, lang)).join(t('listSeparator')) : t('any')}
        </summary>
        <div class="chips">
          {REL_TYPES.map((k) => (
            <label key={k} class="chip">
              <input
                type="checkbox"
                checked={types.includes(k)}
                onChange={() => setTypes(types.includes(k) ? types.filter((x) => x !== k) : [...types, k])}
              />
              {relVerb(k, lang)}
            </label>
          ))}
        </div>
      </details>
      {last?.truncated && last.total !== undefined && (
        <p class="notice warning" role="status">
          {t('truncated', { shown: last.shown ?? 0, total: last.total })}
        </p>
      )}
    </section>
  );
}

/** The details panel. */
export function DetailsPanel() {
  const explorer = useExplorer();
  const { lang, t } = useI18n();
  const details = useStoreState((s) => s.details);
  const [relNote, setRelNote] = useState<{ id: string; text: string } | null>(null);
  const [relNoteCounts, setRelNoteCounts] = useState<ReadonlyMap<string, number>>(new Map());
  const detailsId = details?.id;
  useEffect(() => {
    setRelNote(null);
    setRelNoteCounts(new Map());
  }, [detailsId]);
  if (!details) return <p class="muted empty">{t('nothingSelected')}</p>;
  if (details.status === 'error') {
    return (
      <p class="notice error" role="alert">
        {details.missing ? t('nodeNotFound', { id: details.missing }) : `${t('errorPrefix')}${t('colon')}${details.error}`}
      </p>
    );
  }
  if (!details.data) return <p class="muted">{t('loading')}</p>;
  const { node, mentions } = details.data;
  const other = lang === 'zh' ? node.name_en : node.name_zh;
  const description = lang === 'zh' ? node.description_zh : node.description_en;
  const otherDescription = lang === 'zh' ? node.description_en : node.description_zh;
  const aliases = [...node.aliases_zh, ...node.aliases_en];
  const props = Object.entries(node.props ?? {}).filter(([, v]) => v !== null && v !== '');
  return (
    <article class="details" aria-labelledby="details-title">
      <header>
        <h2 id="details-title">{nodeName(node, lang)}</h2>
        {other && <p class="other-name">{other}</p>}
        <p class="row wrap">
          <span class="kind-chip" style={{ borderColor: kindColor(node.kind), color: kindColor(node.kind) }}>
            {kindName(node.kind, lang)}
          </span>
          <code class="muted small">{node.id}</code>
          <button type="button" class="link small" onClick={() => void explorer.store.select(null)}>
            {t('clearSelection')}
          </button>
        </p>
      </header>
      {description && <p class="description">{description}</p>}
      {otherDescription && otherDescription !== description && <p class="description secondary">{otherDescription}</p>}
      {node.kind === 'Document' && (
        <p>
          <button type="button" class="small" id="read-source" onClick={() => explorer.readSource(node.id)}>
            {t('readText')}
          </button>
        </p>
      )}
      {aliases.length > 0 && (
        <p>
          <span class="muted">
            {t('aliases')}
            {t('colon')}
          </span>
          {aliases.join(' · ')}
        </p>
      )}
      {props.length > 0 && (
        <table class="props" aria-label={t('properties')}>
          <tbody>
            {props.map(([k, v]) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                <td>{String(v)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section class="provenance" aria-label={t('provenance')}>
        <h3>{t('provenance')}</h3>
        <p>
          <span class="muted">
            {t('evidence')}
            {t('colon')}
          </span>
          <EvidenceBadge evidence={node.evidence} rationale={node.rationale} rationaleZh={node.rationale_zh} />
        </p>
        {node.citations.length === 0 ? <p class="muted">{t('noCitations')}</p> : <Citations citations={node.citations} />}
      </section>
      <ExpandControls id={node.id} />
      <section aria-label={t('relationships')}>
        <h3>
          {t('relationships')}
          <span class="muted small">{t('aside', { text: details.data.relationships.length })}</span>
        </h3>
        <Relationships
          details={details.data}
          noteCounts={relNoteCounts}
          onNote={(rel) => {
            setRelNote({ id: rel.edge.id, text: pick(rel.sentence, lang) });
            requestAnimationFrame(() => document.getElementById('note-relationship-body')?.focus());
          }}
        />
      </section>
      {mentions && mentions.length > 0 && (
        <section class="mentioned-in" aria-labelledby="mentions-title">
          <h3 id="mentions-title">{t('mentions')}</h3>
          <ul>
            {mentions.map((m) => (
              <li key={m.document}>
                <button
                  type="button"
                  class="link"
                  data-document={m.document}
                  title={t('showDocumentGraph')}
                  onClick={() => void explorer.showDocument(m.document)}
                >
                  {m.title}
                </button>{' '}
                <span class="muted">×{m.count}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <NodeNotes
        node={node.id}
        relationship={relNote}
        onClearRelationship={() => setRelNote(null)}
        onNotes={(notes) => {
          const counts = new Map<string, number>();
          for (const n of notes) if (n.target.kind === 'relationship') counts.set(n.target.id, (counts.get(n.target.id) ?? 0) + 1);
          setRelNoteCounts(counts);
        }}
      />
    </article>
  );
}
