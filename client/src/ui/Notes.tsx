/**
 * ui/Notes — Markdown notes on a node, a relationship, a path or a saved view: the lists
 * (rendered with marked, sanitised with DOMPurify), each note's editing in place, and the editor.
 */
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useEffect, useRef, useState } from 'preact/hooks';
import { type NoteDTO, noteTitleFromBody } from '../../../graph/analytics/contracts';
import { parseRelationshipId } from '../../../graph/model';
import { normalizeQuery } from '../../../graph/search-text';
import { verbArrow } from '../../../graph/sentences';
import { writeRefusal, type NoteTargetInput } from '../api/research';
import { nodeName, relVerb, type Lang, type MessageKey } from '../i18n/dictionary';
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

/** A note's target in words: a node's name, a relationship as a sentence, a path's chain, a view's name. */
export function noteTargetText(
  target: NoteDTO['target'],
  nameOf: (id: string) => string,
  lang: Lang,
  viewName?: (id: string) => string | undefined,
): string {
  switch (target.kind) {
    case 'node':
      return nameOf(target.id);
    case 'relationship': {
      const rel = parseRelationshipId(target.id);
      return rel ? `${nameOf(rel.source)} ${verbArrow(relVerb(rel.type, lang))} ${nameOf(rel.target)}` : target.id;
    }
    case 'path':
      return (target.nodes ?? [target.from ?? '', target.to ?? '']).map(nameOf).join(' → ');
    case 'view':
      return viewName?.(target.id) ?? target.id;
  }
}

/** Opens what a note is on: focuses its node (a relationship's source), shows its path, or opens its view. */
function useOpenTarget(): (target: NoteDTO['target']) => Promise<void> {
  const explorer = useExplorer();
  return async (target) => {
    const { store } = explorer;
    try {
      if (target.kind === 'node') await explorer.focus(target.id);
      else if (target.kind === 'relationship') await explorer.focus(parseRelationshipId(target.id)?.source ?? target.id);
      else if (target.kind === 'view') await explorer.openView(target.id);
      else if (target.nodes && !(await explorer.showNotedPath(target.nodes)))
        store.setNotice({ key: 'notedPathNotFound', tone: 'warning' });
    } catch (error) {
      store.setNotice({ key: 'listLoadFailed', params: { message: (error as Error).message }, tone: 'error' });
    }
  };
}

/**
 * A rendered note, with Edit and Delete; while edited, its editor in place. With `targetText`, a
 * line names what the note is on and opens it (the list of every note).
 */
function NoteItem({ note, onChanged, targetText }: { note: NoteDTO; onChanged: () => void; targetText?: string }) {
  const explorer = useExplorer();
  const { t } = useI18n();
  const openTarget = useOpenTarget();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  // Leaving the editor without saving gives the focus back to the Edit button it came from.
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  const name = note.title || note.id;
  // A title taken from a one-line body says what the body says: show the words once.
  const repeatsBody = note.title === noteTitleFromBody(note.body) && note.body.trim().split('\n').length === 1;
  async function remove() {
    if (!confirm(t('confirmDeleteNote', { title: name }))) return;
    try {
      await explorer.research.deleteNote(note.id);
      onChanged();
    } catch (e) {
      const { key, params } = writeErrorKey(e);
      setError(t(key, params));
    }
  }
  if (editing)
    return (
      <li class="note" data-note={note.id}>
        <NoteForm
          idBase={`edit-${note.id.replace(/[^a-z0-9-]/gi, '')}`}
          label={t('editNote', { title: name })}
          initial={{ title: note.title, body: note.body }}
          submitLabel={t('save')}
          onSubmit={async (title, body) => {
            const changes: { title?: string; body?: string } = {};
            if (title !== note.title) changes.title = title;
            if (body !== note.body) changes.body = body;
            if (changes.title !== undefined || changes.body !== undefined) await explorer.research.updateNote(note.id, changes);
            setEditing(false);
            onChanged();
            return null;
          }}
          onCancel={() => setEditing(false)}
        />
      </li>
    );
  return (
    <li class="note" data-note={note.id}>
      <div class="note-head">
        {note.title && !repeatsBody && <strong>{note.title}</strong>}
        <span class="muted small">
          {note.target.kind !== 'node' && targetText === undefined ? `${t(TARGET_KIND_KEY[note.target.kind])} · ` : ''}
          {note.author ? `${note.author} · ` : ''}
          <time dateTime={note.updated} title={note.created === note.updated ? undefined : t('createdAt', { date: stamp(note.created) })}>
            {note.created === note.updated ? note.updated.slice(0, 10) : t('editedAt', { date: note.updated.slice(0, 10) })}
          </time>
        </span>
        <span class="note-actions">
          <button
            type="button"
            class="link small"
            ref={editButton}
            aria-label={t('editNote', { title: name })}
            onClick={() => setEditing(true)}
          >
            {t('edit')}
          </button>
          <button type="button" class="link small" aria-label={t('deleteNote', { title: name })} onClick={() => void remove()}>
            {t('delete')}
          </button>
        </span>
      </div>
      {targetText !== undefined && (
        <p class="note-target small">
          <span class="muted">{t(TARGET_KIND_KEY[note.target.kind])}</span>
          {targetText ? ' ' : ''}
          {note.target.exists ? (
            <button type="button" class="link" title={t('openNoteTarget')} onClick={() => void openTarget(note.target)}>
              {targetText}
            </button>
          ) : (
            // Gone since the note was written: named as far as it can be, and nothing to open.
            <>
              {targetText}
              <span class="muted target-gone">
                {t('aside', { text: t(note.target.kind === 'view' ? 'noteViewGone' : 'noteTargetGone') })}
              </span>
            </>
          )}
        </p>
      )}
      <div class="note-body markdown" dangerouslySetInnerHTML={{ __html: safeMarkdown(note.body) }} />
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

const TARGET_KIND_KEY = { node: 'onNode', relationship: 'onRelationship', path: 'onPath', view: 'onView' } as const satisfies Record<
  NoteDTO['target']['kind'],
  MessageKey
>;

/** An ISO time as a reader writes it: date and minutes. */
export function stamp(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

/**
 * The title and body fields of a note, for a new note and for changing one. `onSubmit` answers a
 * message to show (null when done); a refused or failed write is shown in place.
 */
function NoteForm({
  idBase,
  label,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  idBase: string;
  label: string;
  initial: { title: string; body: string };
  submitLabel: string;
  onSubmit: (title: string, body: string) => Promise<PanelMessage | null>;
  onCancel?: () => void;
}) {
  const { t } = useI18n();
  const [title, setTitle] = useState(initial.title);
  const [body, setBody] = useState(initial.body);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<PanelMessage | null>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  // Changing a note starts in its text; a new note's editor waits to be clicked.
  useEffect(() => {
    if (onCancel) bodyRef.current?.focus();
  }, []);
  async function save(e: Event) {
    e.preventDefault();
    if (!body.trim()) {
      setMessage({ key: 'noteEmpty', tone: 'warning' });
      return;
    }
    setBusy(true);
    try {
      setMessage(await onSubmit(title.trim(), body));
      setTitle(initial.title);
      setBody(initial.body);
    } catch (error) {
      setMessage({ ...writeErrorKey(error), tone: 'error' });
    } finally {
      setBusy(false);
    }
  }
  return (
    <form
      class="note-editor"
      onSubmit={save}
      aria-label={label}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && onCancel) {
          e.stopPropagation();
          onCancel();
        } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save(e);
      }}
    >
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
        ref={bodyRef}
        rows={onCancel ? 5 : 3}
        placeholder={t('noteBody')}
        value={body}
        onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)}
      />
      <div class="row">
        {/* A plain button (the form still submits on Enter): the editor sits inside other forms' panels. */}
        <button type="button" class="primary small note-save" disabled={busy} onClick={(e) => void save(e)}>
          {busy ? t('saving') : submitLabel}
        </button>
        {onCancel && (
          <button type="button" class="small" onClick={onCancel}>
            {t('cancel')}
          </button>
        )}
      </div>
      {message && (
        <p class={`notice ${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'}>
          {t(message.key, message.params)}
        </p>
      )}
    </form>
  );
}

/** A message a panel shows: a dictionary key, its parameters and its tone. */
export type PanelMessage = { key: MessageKey; params?: Record<string, string>; tone: 'info' | 'warning' | 'error' };

/** The editor of a new note on `target`; `idBase` names its fields when several editors of a kind are shown at once. */
export function NoteEditor({
  target,
  label,
  onSaved,
  idBase = `note-${target.kind}`,
}: {
  target: NoteTargetInput;
  label: string;
  onSaved?: (note: NoteDTO) => void;
  idBase?: string;
}) {
  const explorer = useExplorer();
  const { t } = useI18n();
  return (
    <NoteForm
      idBase={idBase}
      label={label}
      initial={{ title: '', body: '' }}
      submitLabel={t('addNote')}
      onSubmit={async (title, body) => {
        const note = await explorer.research.createNote(target, body, title || undefined);
        onSaved?.(note);
        return { key: 'noteSaved', tone: 'info' };
      }}
    />
  );
}

/**
 * Notes from the API, last changed first, each with Edit and Delete, `query.limit` at a time (then
 * "older notes" asks for the next page); `reload` changes when a note was added elsewhere. With
 * `withTargets`, each note names what it is on and opens it (but for a note on the very node the
 * list is about).
 */
export function NoteList({
  query,
  reload = 0,
  withTargets = false,
  viewName,
  filter = '',
  onLoaded,
}: {
  query: { node?: string; target?: string; limit?: number };
  reload?: number;
  withTargets?: boolean;
  viewName?: (id: string) => string | undefined;
  /** Words a shown note holds in its title, body, signature or what it is on (case, width and spacing folded). */
  filter?: string;
  /** The notes loaded so far, and whether older ones may follow. */
  onLoaded?: (notes: NoteDTO[], more: boolean) => void;
}) {
  const explorer = useExplorer();
  const { lang, t } = useI18n();
  const [notes, setNotes] = useState<NoteDTO[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [bump, setBump] = useState(0);
  // A full page may have older notes after it (asked for with the last note as the cursor).
  const [more, setMore] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  useRequest(
    () => explorer.research.notes(query),
    (list) => {
      setNotes(list);
      setError(null);
      const full = query.limit !== undefined && list.length === query.limit;
      setMore(full);
      onLoaded?.(list, full);
    },
    (e) => setError(t('listLoadFailed', { message: e.message })),
    [explorer, query.node, query.target, query.limit, reload, bump],
  );
  async function loadOlder() {
    if (!notes?.length) return;
    setLoadingMore(true);
    try {
      const page = await explorer.research.notes({ ...query, after: notes[notes.length - 1]! });
      const all = [...notes, ...page];
      setNotes(all);
      setMore(page.length === query.limit);
      onLoaded?.(all, page.length === query.limit);
    } catch (e) {
      setError(t('listLoadFailed', { message: (e as Error).message }));
    } finally {
      setLoadingMore(false);
    }
  }
  const nameOf = (id: string) => {
    const record = explorer.store.nodeRecord(id);
    return record ? nodeName(record, lang) : id;
  };
  const needle = normalizeQuery(filter);
  // With older notes still to load, the words are also asked of the server (title, text, signature), so a
  // note not loaded yet is found too; what is on a note (a name) is matched among the notes loaded.
  const [found, setFound] = useState<NoteDTO[] | null>(null);
  useEffect(() => {
    setFound(null);
    if (!needle || !more) return undefined;
    let live = true;
    const timer = setTimeout(() => {
      // One more than a page: whether more notes hold the words than are shown.
      explorer.research.notes({ ...query, q: needle, ...(query.limit ? { limit: query.limit + 1 } : {}) }).then(
        (list) => {
          if (!live) return;
          setFound(list);
          setError(null);
        },
        (e: Error) => {
          if (live) setError(t('listLoadFailed', { message: e.message }));
        },
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [explorer, needle, more, query.node, query.target, query.limit, reload, bump]);
  const foundMore = !!found && query.limit !== undefined && found.length > query.limit;
  const pool = found ? mergeNotes(notes ?? [], foundMore ? found.slice(0, query.limit) : found) : (notes ?? []);
  const shown = pool.flatMap((n) => {
    // A deleted view's name went with it: the line says "deleted" alone.
    const targetText =
      withTargets && !(n.target.kind === 'node' && n.target.id === query.node)
        ? n.target.kind === 'view' && !n.target.exists
          ? ''
          : noteTargetText(n.target, nameOf, lang, viewName)
        : undefined;
    if (needle && ![n.title, n.body, n.author, targetText ?? ''].some((text) => normalizeQuery(text).includes(needle))) return [];
    return [{ note: n, targetText }];
  });
  return (
    <>
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      {needle && notes && notes.length > 0 && (
        <p class="small muted" role="status">
          {!more
            ? t('notesFound', { count: shown.length, total: notes.length })
            : found
              ? t(foundMore ? 'notesFoundMany' : 'notesFoundAll', { count: shown.length })
              : t('notesFoundSoFar', { count: shown.length, total: notes.length })}
        </p>
      )}
      {shown.length > 0 && (
        <ul class="note-list">
          {shown.map(({ note, targetText }) => (
            <NoteItem
              key={`${note.id}:${note.updated}`}
              note={note}
              onChanged={() => setBump((x) => x + 1)}
              {...(targetText !== undefined ? { targetText } : {})}
            />
          ))}
        </ul>
      )}
      {more && (
        <button type="button" class="small notes-more" disabled={loadingMore} onClick={() => void loadOlder()}>
          {loadingMore ? t('loading') : t('olderNotes', { count: query.limit ?? 0 })}
        </button>
      )}
    </>
  );
}

/** Two lists of notes as one, each note once, last changed first (the API's order). */
function mergeNotes(a: readonly NoteDTO[], b: readonly NoteDTO[]): NoteDTO[] {
  const byId = new Map([...a, ...b].map((n) => [n.id, n]));
  return [...byId.values()].sort((x, y) =>
    x.updated > y.updated ? -1 : x.updated < y.updated ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0,
  );
}

/** The notes a node's details list at a time. */
const NODE_NOTES_PAGE = 50;

/** Notes touching a node (on it, on its relationships, or on a path through it), with the editor. */
export function NodeNotes({
  node,
  relationship,
  onClearRelationship,
  onNotes,
}: {
  node: string;
  relationship?: { id: string; text: string } | null;
  onClearRelationship?: () => void;
  /** The notes loaded, each time they change (the details panel marks the relationships that have some). */
  onNotes?: (notes: NoteDTO[]) => void;
}) {
  const { t } = useI18n();
  const [count, setCount] = useState<{ shown: number; more: boolean } | null>(null);
  const [reload, setReload] = useState(0);
  const saved = () => setReload((n) => n + 1);
  return (
    <section class="notes" aria-labelledby="notes-title">
      <h3 id="notes-title">
        {t('notes')}
        <span class="muted small">{t('aside', { text: count ? `${count.shown}${count.more ? '+' : ''}` : 0 })}</span>
      </h3>
      <NoteList
        query={{ node, limit: NODE_NOTES_PAGE }}
        reload={reload}
        withTargets
        onLoaded={(list, more) => {
          setCount({ shown: list.length, more });
          onNotes?.(list);
        }}
      />
      {count?.shown === 0 && <p class="muted small">{t('noNotes')}</p>}
      {relationship ? (
        <>
          <NoteEditor
            key={relationship.id}
            target={{ kind: 'relationship', id: relationship.id }}
            label={t('noteOnRelationship', { text: relationship.text })}
            onSaved={saved}
          />
          <button type="button" class="link small" onClick={onClearRelationship}>
            {t('noteOnNodeInstead')}
          </button>
        </>
      ) : (
        <NoteEditor target={{ kind: 'node', id: node }} label={t('noteOnNode')} onSaved={saved} />
      )}
    </section>
  );
}
