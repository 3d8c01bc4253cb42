/**
 * ui/DocumentsPanel — add a document (pasted or read from a .txt/.md file
 * in the browser), see what ingesting it found (passages, mentions,
 * co-occurrences, candidate terms to accept or dismiss), list documents
 * and show the graph of one.
 */
import { Fragment } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CandidateExample as Example } from '../../../graph/ingest/candidates';
import type { DocumentDTO, IngestResultDTO, MentionDTO } from '../../../graph/ingest/contracts';
import { textLanguage } from '../../../graph/ingest/normalize';
import { ACCEPT_KINDS, type AcceptKind } from '../../../graph/ingest/suggested-kind';
import { ApiError } from '../api/client';
import { kindName, type MessageKey } from '../i18n/dictionary';
import { useExplorer, useI18n, usePanel, useRequest, useStoreState } from './context';
import { MarkedText } from './MarkedText';
import { markRuns } from './marked-text';
import { mentionedSentences } from './mentioned-sentences';
import { NodeLink } from './NodeLink';
import { SourceReader } from './SourceReader';
import { type PanelMessage, writeErrorKey } from './Notes';

/** Where a candidate term stands: its sentence with the term marked (the term alone for candidates stored without it). */
function CandidateExample({ example }: { example: Example }) {
  const sentence = example.sentence ?? example.text;
  const span: [number, number] = example.sentence ? [example.start, example.end] : [0, example.text.length];
  return (
    <p class="small muted candidate-example" lang={textLanguage(sentence)}>
      <MarkedText runs={markRuns(sentence, [span])} />
    </p>
  );
}

/**
 * What an ingest found: a document with its mentions and candidates; `opened` when it was opened from the
 * list, which says nothing of a write (no "unchanged" beside its title).
 */
function IngestResult({
  result,
  opened,
  onChanged,
}: {
  result: IngestResultDTO;
  opened: boolean;
  onChanged: (r: IngestResultDTO) => void;
}) {
  const explorer = useExplorer();
  const { lang, t } = useI18n();
  const doc = result.document;
  const [mentions, setMentions] = useState<MentionDTO[] | null>(null);
  const [kinds, setKinds] = useState<Record<string, AcceptKind>>({});
  const [message, setMessage] = useState<PanelMessage | null>(null);
  useRequest(
    () => explorer.research.documentMentions(doc.id),
    (m) => setMentions(m.mentions),
    () => setMentions([]),
    [explorer, doc.id, doc.updated],
  );
  const c = doc.counts;
  return (
    <section class="ingest-result" aria-labelledby="ingest-title" data-testid="ingest-result">
      <h3 id="ingest-title">
        {doc.title}
        {!opened && <span class="muted small">{t('aside', { text: t(`ingest_${result.status}` as MessageKey) })}</span>}
      </h3>
      <p class="counts small">
        {t('ingestCounts', {
          paragraphs: c.paragraphs,
          sentences: c.sentences,
          mentions: c.mentions,
          entities: c.entities,
          cooccurrences: c.cooccurrences,
        })}
      </p>
      <div class="row">
        <button type="button" class="primary small" onClick={() => void explorer.showDocument(doc.id)}>
          {t('showDocumentGraph')}
        </button>
      </div>
      <h4>{t('mentionsFound')}</h4>
      {mentions === null && <p class="muted small">{t('loading')}</p>}
      {mentions && mentions.length === 0 && <p class="muted small">{t('none')}</p>}
      {mentions && mentions.length > 0 && (
        <ul class="mention-list" data-testid="mention-list">
          {mentionedSentences(mentions)
            .slice(0, 40)
            .map((s) => (
              <li key={s.passage} data-passage={s.passage}>
                {s.entities.map((e, i) => (
                  <Fragment key={e.id}>
                    {i > 0 && <span class="muted small">{t('listSeparator')}</span>}
                    <span class="mention-entity">
                      <NodeLink node={e} />
                    </span>
                  </Fragment>
                ))}
                <p class="mention-sentence" lang={s.lang}>
                  <MarkedText runs={s.runs} />
                </p>
              </li>
            ))}
        </ul>
      )}
      <h4>{t('candidates', { count: result.candidates.length })}</h4>
      {result.candidates.length === 0 && <p class="muted small">{t('none')}</p>}
      <ul class="candidate-list">
        {result.candidates.map((cand) => {
          const kind = kinds[cand.key] ?? cand.kind ?? 'Concept';
          return (
            <li key={cand.key}>
              <strong>{cand.term}</strong>
              {cand.gloss && <span class="gloss">{t('aside', { text: cand.gloss })}</span>}{' '}
              <span class="muted small">
                ×{cand.count} · <span class="candidate-reason">{t(`candidateReason_${cand.reason}`)}</span>
              </span>
              {cand.examples[0] && <CandidateExample example={cand.examples[0]} />}
              <div class="row wrap">
                <label>
                  <span class="sr-only">{t('kind')}</span>
                  <select
                    value={kind}
                    onChange={(e) => setKinds({ ...kinds, [cand.key]: (e.target as HTMLSelectElement).value as typeof kind })}
                  >
                    {ACCEPT_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {kindName(k, lang)}
                      </option>
                    ))}
                  </select>
                </label>
                <button
                  type="button"
                  class="small"
                  onClick={async () => {
                    try {
                      // A glossed term is named in both languages at once: 混合专家模型 and its gloss, MoE.
                      const names = cand.gloss ? { name_zh: cand.term, name_en: cand.gloss } : {};
                      const r = await explorer.research.acceptCandidate(doc.id, cand.term, kind, names);
                      onChanged(r.result);
                      setMessage({ key: 'candidateAccepted', params: { term: cand.term }, tone: 'info' });
                    } catch (e) {
                      setMessage({ ...writeErrorKey(e), tone: 'error' });
                    }
                  }}
                >
                  {t('accept')}
                </button>
                <button
                  type="button"
                  class="small"
                  onClick={async () => {
                    try {
                      const r = await explorer.research.dismissCandidate(doc.id, cand.term);
                      onChanged({ ...result, candidates: r.candidates });
                    } catch (e) {
                      setMessage({ ...writeErrorKey(e), tone: 'error' });
                    }
                  }}
                >
                  {t('dismiss')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      {message && (
        <p class={`notice ${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'}>
          {t(message.key, message.params)}
        </p>
      )}
    </section>
  );
}

/** The "Add document" dialog. */
function AddDocumentDialog({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (r: IngestResultDTO) => void }) {
  const explorer = useExplorer();
  const { t, lang } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const [title, setTitle] = useState('');
  const [language, setLanguage] = useState<'zh' | 'en'>(lang);
  const [text, setText] = useState('');
  const [format, setFormat] = useState<'text' | 'markdown'>('text');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<PanelMessage | null>(null);
  const [replaceable, setReplaceable] = useState(false);
  // The offer to replace holds for the text that was refused, not for one changed since.
  useEffect(() => setReplaceable(false), [title, text, language, format]);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  async function readFile(file: File) {
    const content = await file.text();
    setText(content);
    setFormat(/\.(md|markdown)$/i.test(file.name) ? 'markdown' : 'text');
    if (!title.trim()) setTitle(file.name.replace(/\.(txt|md|markdown)$/i, ''));
    if (/[\u4e00-\u9fff]/.test(content)) setLanguage('zh');
  }
  async function submit(e: Event, replace = false) {
    e.preventDefault();
    if (!title.trim() || !text.trim()) {
      setMessage({ key: 'documentNeedsText', tone: 'warning' });
      return;
    }
    setBusy(true);
    setMessage(null);
    setReplaceable(false);
    try {
      const result = await explorer.research.ingest({ title: title.trim(), language, text, format, ...(replace ? { replace } : {}) });
      setTitle('');
      setText('');
      onDone(result);
    } catch (error) {
      const details =
        error instanceof ApiError && error.status === 409 ? (error.details as { replaceable?: boolean; title?: string }) : undefined;
      if (details?.replaceable) {
        // Another text is stored under this title: say so in the interface's words, and offer to replace it.
        setReplaceable(true);
        setMessage({ key: 'documentExists', params: { title: details.title ?? title.trim() }, tone: 'warning' });
      } else setMessage({ ...writeErrorKey(error), tone: 'error' });
    } finally {
      setBusy(false);
    }
  }
  return (
    <dialog ref={ref} class="doc-dialog" aria-labelledby="doc-dialog-title" onClose={onClose} onCancel={onClose}>
      <form onSubmit={submit}>
        <h2 id="doc-dialog-title">{t('addDocument')}</h2>
        <div class="field">
          <label for="doc-title">{t('documentTitle')}</label>
          <input id="doc-title" type="text" maxLength={300} value={title} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />
        </div>
        <div class="row wrap">
          <label>
            {t('documentLanguage')}{' '}
            <select id="doc-language" value={language} onChange={(e) => setLanguage((e.target as HTMLSelectElement).value as 'zh' | 'en')}>
              <option value="zh">中文</option>
              <option value="en">English</option>
            </select>
          </label>
          <label>
            {t('documentFormat')}{' '}
            <select
              id="doc-format"
              value={format}
              onChange={(e) => setFormat((e.target as HTMLSelectElement).value as 'text' | 'markdown')}
            >
              <option value="text">{t('formatText')}</option>
              <option value="markdown">Markdown</option>
            </select>
          </label>
        </div>
        <div class="field">
          <label for="doc-text">{t('documentText')}</label>
          <textarea id="doc-text" rows={10} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
        </div>
        <div class="field">
          <label for="doc-file">{t('documentFile')}</label>
          <input
            id="doc-file"
            type="file"
            accept=".txt,.md,.markdown,text/plain,text/markdown"
            onChange={(e) => {
              const file = (e.target as HTMLInputElement).files?.[0];
              if (file) void readFile(file);
            }}
          />
        </div>
        {message && (
          <p class={`notice ${message.tone}`} role="alert">
            {t(message.key, message.params)}
          </p>
        )}
        <div class="row">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t('loading') : t('ingest')}
          </button>
          {replaceable && (
            <button type="button" disabled={busy} onClick={(e) => void submit(e, true)}>
              {t('replaceDocument')}
            </button>
          )}
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** The documents panel. */
export function DocumentsPanel() {
  const explorer = useExplorer();
  const { t } = useI18n();
  const docFocus = useStoreState((s) => s.docFocus);
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<IngestResultDTO | null>(null);
  const [opened, setOpened] = useState(false);
  const [docs, setDocs] = useState<DocumentDTO[] | null>(null);
  const [message, setMessage] = useState<PanelMessage | null>(null);
  const [bump, setBump] = useState(0);
  const addButton = useRef<HTMLButtonElement>(null);
  const reading = usePanel().reading ?? null;
  const readingId = reading?.id ?? null;
  const revision = useStoreState((s) => s.revision);
  // The graph's source articles: its Document nodes that are not documents added here (listed below).
  const sources = useMemo(() => {
    const added = new Set((docs ?? []).map((d) => d.id));
    return explorer
      .sourceDocuments()
      .filter((id) => !added.has(id))
      .map((id) => explorer.store.graph.getNodeAttribute(id, 'data'));
  }, [explorer, docs, revision]);
  useRequest(
    () => explorer.research.documents(),
    setDocs,
    (e) => setMessage({ key: 'listLoadFailed', params: { message: e.message }, tone: 'error' }),
    [explorer, bump],
  );
  return (
    <div class="documents">
      <div class="row">
        <button type="button" class="primary" id="add-document" ref={addButton} onClick={() => setOpen(true)}>
          + {t('addDocument')}
        </button>
      </div>
      <AddDocumentDialog
        open={open}
        onClose={() => {
          setOpen(false);
          addButton.current?.focus();
        }}
        onDone={(r) => {
          setOpen(false);
          setResult(r);
          setOpened(false);
          setBump((n) => n + 1);
        }}
      />
      {result && (
        <IngestResult
          result={result}
          opened={opened}
          onChanged={(r) => {
            setResult(r);
            setBump((n) => n + 1);
          }}
        />
      )}
      {message && (
        <p class={`notice ${message.tone}`} role="alert">
          {t(message.key, message.params)}
        </p>
      )}
      {reading && !sources.some((s) => s.id === reading.id) && (
        // A document asked for from a citation but not among the graph's sources here (an added document).
        <section data-source={reading.id}>
          <div class="row wrap">
            <button type="button" class="small" aria-expanded="true" onClick={() => explorer.readSource(null)}>
              {t('closeText')}
            </button>
          </div>
          <SourceReader id={reading.id} at={reading.at} find={reading.find} titled />
        </section>
      )}
      {sources.length > 0 && (
        <>
          <h3>{t('sources')}</h3>
          <ul class="doc-list">
            {sources.map((s) => (
              <li key={s.id} data-source={s.id}>
                <div class="source-node">
                  <NodeLink node={s} />
                </div>
                <div class="row wrap">
                  <button
                    type="button"
                    class="small"
                    aria-expanded={readingId === s.id}
                    onClick={() => explorer.readSource(readingId === s.id ? null : s.id)}
                  >
                    {t(readingId === s.id ? 'closeText' : 'readText')}
                  </button>
                </div>
                {readingId === s.id && <SourceReader id={s.id} at={reading?.at} find={reading?.find} />}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('documents')}</h3>
      {docs && docs.length === 0 && <p class="muted small">{t('noDocuments')}</p>}
      {docs && docs.length > 0 && (
        <ul class="doc-list">
          {docs.map((d) => (
            <li key={d.id} data-document={d.id} class={docFocus?.id === d.id ? 'active' : ''}>
              <div>
                <strong>{d.title}</strong> <span class="muted small">{d.language}</span>
              </div>
              <p class="small muted">
                {t('documentSummary', { mentions: d.counts.mentions, entities: d.counts.entities, candidates: d.counts.candidates })}
              </p>
              <div class="row wrap">
                <button type="button" class="small" onClick={() => void explorer.showDocument(d.id)}>
                  {t('showDocumentGraph')}
                </button>
                <button
                  type="button"
                  class="small"
                  onClick={async () => {
                    try {
                      const r = await explorer.research.document(d.id);
                      setResult({ status: 'unchanged', document: r.document, candidates: r.candidates });
                      setOpened(true);
                    } catch (e) {
                      setMessage({ key: 'documentOpenFailed', params: { message: (e as Error).message }, tone: 'error' });
                    }
                  }}
                >
                  {t('documentDetails')}
                </button>
                <button
                  type="button"
                  class="small"
                  aria-label={`${t('delete')}${t('colon')}${d.title}`}
                  onClick={async () => {
                    if (!confirm(t('confirmDeleteDocument', { title: d.title }))) return;
                    try {
                      await explorer.research.deleteDocument(d.id);
                      if (explorer.store.state.docFocus?.id === d.id) explorer.store.clearDocument();
                      if (result?.document.id === d.id) setResult(null);
                      setBump((n) => n + 1);
                    } catch (e) {
                      setMessage({ ...writeErrorKey(e), tone: 'error' });
                    }
                  }}
                >
                  {t('delete')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
