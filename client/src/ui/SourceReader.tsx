/**
 * ui/SourceReader — a source document read against the graph: each paragraph with the quotes the graph
 * takes from it marked, the nodes that cite it as links, and the relationships in a fold.
 *
 * The reverse of a node's citations: the details panel goes from a node to its sentence, the reader from
 * a sentence to everything the graph drew from it.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { NodeSummaryDTO, RelationshipSummaryDTO, SourceCitationDTO, SourceTextDTO } from '../../../graph/contracts';
import type { DocumentLanguage } from '../../../graph/ingest/model';
import { textLanguage } from '../../../graph/ingest/normalize';
import { relVerb } from '../i18n/dictionary';
import { useExplorer, useI18n, useRequest } from './context';
import { FilterInput } from './FilterInput';
import { MarkedText } from './MarkedText';
import { findSpans, markRuns } from './marked-text';
import { NodeLink } from './NodeLink';

/** The distinct nodes and relationships among a paragraph's citations, in reading order. */
function citers(citations: readonly SourceCitationDTO[]) {
  const nodes = new Map<string, NodeSummaryDTO>();
  const relationships = new Map<string, RelationshipSummaryDTO>();
  for (const c of citations) {
    if (c.node) nodes.set(c.node.id, c.node);
    if (c.relationship) relationships.set(c.relationship.id, c.relationship);
  }
  return { nodes: [...nodes.values()], relationships: [...relationships.values()] };
}

function Paragraph({
  paragraph,
  textLang,
  target,
  found,
}: {
  paragraph: SourceTextDTO['paragraphs'][number];
  /** The document's language: a paragraph of a Chinese article stays zh when it is mostly a URL or a name. */
  textLang: DocumentLanguage;
  target: boolean;
  /** Where the words being looked for stand, while finding; null otherwise. */
  found: readonly (readonly [number, number])[] | null;
}) {
  const { lang, t } = useI18n();
  // While finding, the marks show where the words are; otherwise, what the graph quotes.
  const runs = useMemo(
    () => markRuns(paragraph.text, found ?? paragraph.citations.filter((c) => c.start >= 0).map((c) => [c.start, c.end] as const)),
    [paragraph, found],
  );
  const { nodes, relationships } = useMemo(() => citers(paragraph.citations), [paragraph]);
  return (
    <li data-paragraph={paragraph.id} class={`${paragraph.citations.length ? 'cited' : 'uncited'}${target ? ' target' : ''}`}>
      <p class="source-text" lang={textLang}>
        <MarkedText runs={runs} {...(found ? { markClass: 'found' } : {})} />
      </p>
      {nodes.length > 0 && (
        <p class="source-nodes small">
          {nodes.map((n) => (
            <span key={n.id} class="source-node">
              <NodeLink node={n} />
            </span>
          ))}
        </p>
      )}
      {relationships.length > 0 && (
        <details class="source-relationships small">
          <summary>{t('sourceRelationships', { count: relationships.length })}</summary>
          <ul>
            {relationships.map((r) => (
              <li key={r.id} data-edge={r.id}>
                <span class="source-node">
                  <NodeLink node={r.source} />
                </span>{' '}
                <span class="chain-verb">—{relVerb(r.type, lang)}→</span>{' '}
                <span class="source-node">
                  <NodeLink node={r.target} />
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

/** The reader for Document node `id`; loads its text when shown and brings paragraph `at` into view. */
export function SourceReader({
  id,
  at,
  find = '',
  titled = false,
}: {
  id: string;
  at?: string | undefined;
  /** Words found in the text (the main search's "find in the article", the find box, a link's `find=`). */
  find?: string | undefined;
  titled?: boolean;
}) {
  const explorer = useExplorer();
  const { t } = useI18n();
  const list = useRef<HTMLOListElement>(null);
  const [text, setText] = useState<SourceTextDTO | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [onlyCited, setOnlyCited] = useState(false);
  // The words found are the explorer's panel state (the `find` prop), so a link or a saved view reopens the
  // reader finding them; the find box changes them there.
  useRequest(
    () => {
      setText(null);
      setError(null);
      return explorer.api.sourceText(id);
    },
    setText,
    (e) => setError(e.message),
    [explorer, id],
  );
  useEffect(() => {
    if (!text || !at) return;
    list.current?.querySelector(`[data-paragraph="${CSS.escape(at)}"]`)?.scrollIntoView({ block: 'start' });
  }, [text, at]);
  const finding = find.trim();
  // Where the words stand in each paragraph: found once per change of the words, read by filter and marks.
  const found = useMemo(
    () => (text && finding ? new Map(text.paragraphs.map((p) => [p.id, findSpans(p.text, finding)])) : null),
    [text, finding],
  );
  const textLang = useMemo(() => textLanguage(text ? text.paragraphs.map((p) => p.text).join('\n') : ''), [text]);
  if (error) return <p class="notice error">{t('documentOpenFailed', { message: error })}</p>;
  if (!text) return <p class="muted">{t('loading')}</p>;
  const c = text.counts;
  const shown = text.paragraphs.filter(
    (p) => (!onlyCited || p.citations.length > 0 || p.id === at) && (!found || found.get(p.id)!.length > 0),
  );
  return (
    <section class="source-reader" data-testid="source-reader">
      {titled && (
        <p class="source-node">
          <NodeLink node={text.document} />
        </p>
      )}
      <p class="counts small">
        {t('sourceCounts', { paragraphs: c.paragraphs, cited: c.cited, nodes: c.nodes, relationships: c.relationships })}
      </p>
      <div class="row wrap source-tools">
        <FilterInput className="source-find" label={t('sourceFind')} value={find} onChange={(words) => explorer.findInReading(words)} />
        <label class="check small">
          <input type="checkbox" checked={onlyCited} onChange={(e) => setOnlyCited((e.target as HTMLInputElement).checked)} />{' '}
          {t('sourceOnlyCited')}
        </label>
      </div>
      {finding && (
        <p class="small muted" role="status">
          {t('sourceFound', { count: shown.length, text: finding })}
        </p>
      )}
      <ol class="source-paragraphs" ref={list}>
        {shown.map((p) => (
          <Paragraph key={p.id} paragraph={p} textLang={textLang} target={p.id === at} found={found?.get(p.id) ?? null} />
        ))}
      </ol>
    </section>
  );
}
