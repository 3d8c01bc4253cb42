/**
 * ui/Notes — Markdown notes on a node, a relationship or a path: the list
 * (rendered with marked, sanitised with DOMPurify) and the editor.
 */
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useState } from 'preact/hooks';
import type { NoteDTO } from '../../../graph/analytics/contracts';
import { writeRefusal, type NoteTargetInput } from '../api/research';
import type { MessageKey } from '../i18n/dictionary';
import { useExplorer, useI18n, useRequest } from './context';

/** Markdown to HTML that is safe to insert: no script, no event handlers, links open in a new tab. */
export function safeMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true, breaks: true }) as string;
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input', 'button'] });
}

/** The message of a failed write: refused (why) or another error. */
export function writeErrorKey(error: unknown): { key: MessageKey; params?: Record<string, string> } {
  const refusal = writeRefusal(error);
  if (refusal) return { key: refusal };
  return { key: 'writeFailed', params: { message: (error as Error).message } };
}

/** A rendered note. */
function NoteItem({ note, onDelete }: { note: NoteDTO; onDelete: (note: NoteDTO) => void }) {
  const { t } = useI18n();
  return (
    <li class="note" data-note={note.id}>
      <div class="note-head">
        {note.title && <strong>{note.title}</strong>}
        <span class="muted small">
          {note.target.kind !== 'node' ? `${t(note.target.kind === 'path' ? 'onPath' : 'onRelationship')} · ` : ''}
          {note.author ? `${note.author} · ` : ''}
          {note.updated.slice(0, 10)}
        </span>
        <button
          type="button"
          class="link small"
          aria-label={t('deleteNote', { title: note.title || note.id })}
          onClick={() => onDelete(note)}
        >
          {t('delete')}
        </button>
      </div>
      <div class="note-body markdown" dangerouslySetInnerHTML={{ __html: safeMarkdown(note.body) }} />
    </li>
  );
}

/** The editor of a new note on `target`. */
export function NoteEditor({ target, label, onSaved }: { target: NoteTargetInput; label: string; onSaved?: (note: NoteDTO) => void }) {
  const explorer = useExplorer();
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ key: MessageKey; params?: Record<string, string>; tone: string } | null>(null);
  const idBase = `note-${target.kind}`;
  async function save(e: Event) {
    e.preventDefault();
    if (!body.trim()) {
      setMessage({ key: 'noteEmpty', tone: 'warning' });
      return;
    }
    setBusy(true);
    try {
      const note = await explorer.research.createNote(target, body, title.trim() || undefined);
      setTitle('');
      setBody('');
      setMessage({ key: 'noteSaved', tone: 'info' });
      onSaved?.(note);
    } catch (error) {
      setMessage({ ...writeErrorKey(error), tone: 'error' });
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="note-editor" onSubmit={save} aria-label={label}>
      <p class="small muted">{label}</p>
      <label for={`${idBase}-title`} class="sr-only">
        {t('noteTitle')}
      </label>
      <input
        id={`${idBase}-title`}
        type="text"
        placeholder={t('noteTitle')}
        value={title}
        maxLength={200}
        onInput={(e) => setTitle((e.target as HTMLInputElement).value)}
      />
      <label for={`${idBase}-body`} class="sr-only">
        {t('noteBody')}
      </label>
      <textarea
        id={`${idBase}-body`}
        rows={3}
        placeholder={t('noteBody')}
        value={body}
        onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)}
      />
      <div class="row">
        {/* A plain button (the form still submits on Enter): the editor sits inside other forms' panels. */}
        <button type="button" class="primary small note-save" disabled={busy} onClick={(e) => void save(e)}>
          {busy ? t('saving') : t('addNote')}
        </button>
      </div>
      {message && (
        <p class={`notice ${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'}>
          {t(message.key, message.params)}
        </p>
      )}
    </form>
  );
}

/** Notes touching a node (on it, or on a path through it), with the editor. */
export function NodeNotes({
  node,
  relationship,
  onClearRelationship,
}: {
  node: string;
  relationship?: { id: string; text: string } | null;
  onClearRelationship?: () => void;
}) {
  const explorer = useExplorer();
  const { t } = useI18n();
  const [notes, setNotes] = useState<NoteDTO[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [bump, setBump] = useState(0);
  useRequest(
    () => explorer.research.notes({ node }),
    (list) => {
      setNotes(list);
      setError(null);
    },
    (e) => setError(e.message),
    [explorer, node, bump],
  );
  async function remove(note: NoteDTO) {
    try {
      await explorer.research.deleteNote(note.id);
      setBump((n) => n + 1);
    } catch (e) {
      const { key, params } = writeErrorKey(e);
      setError(t(key, params));
    }
  }
  return (
    <section class="notes" aria-labelledby="notes-title">
      <h3 id="notes-title">
        {t('notes')}
        <span class="muted small">{t('aside', { text: notes?.length ?? 0 })}</span>
      </h3>
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      {notes && notes.length === 0 && <p class="muted small">{t('noNotes')}</p>}
      {notes && notes.length > 0 && (
        <ul class="note-list">
          {notes.map((n) => (
            <NoteItem key={n.id} note={n} onDelete={(x) => void remove(x)} />
          ))}
        </ul>
      )}
      {relationship ? (
        <>
          <NoteEditor
            key={relationship.id}
            target={{ kind: 'relationship', id: relationship.id }}
            label={t('noteOnRelationship', { text: relationship.text })}
            onSaved={() => setBump((n) => n + 1)}
          />
          <button type="button" class="link small" onClick={onClearRelationship}>
            {t('noteOnNodeInstead')}
          </button>
        </>
      ) : (
        <NoteEditor target={{ kind: 'node', id: node }} label={t('noteOnNode')} onSaved={() => setBump((n) => n + 1)} />
      )}
    </section>
  );
}
