/**
 * ui/ViewsPanel — the API key for writes; saved views: save the current view
 * under a name, then list, open, note, rename and delete them; the name notes
 * are signed with; and every note, each opening what it is on.
 */
import { useState } from 'preact/hooks';
import type { SavedViewSummaryDTO } from '../../../graph/analytics/contracts';
import { ApiError } from '../api/client';
import { useExplorer, useI18n, useRequest } from './context';
import { FilterInput } from './FilterInput';
import { NoteEditor, NoteList, type PanelMessage, stamp, writeErrorKey } from './Notes';

/** The notes the panel lists at a time (older ones a page further each). */
const ALL_NOTES_LIMIT = 100;

/** The API key field (kept in sessionStorage; sent as X-API-Key with every write). */
export function ApiKeyField() {
  const explorer = useExplorer();
  const { t } = useI18n();
  const [key, setKey] = useState(explorer.research.apiKey());
  const [saved, setSaved] = useState(false);
  return (
    <form
      class="api-key"
      onSubmit={(e) => {
        e.preventDefault();
        explorer.research.setApiKey(key);
        setSaved(true);
      }}
    >
      <label for="api-key">{t('apiKey')}</label>
      <div class="row">
        <input
          id="api-key"
          type="password"
          autocomplete="off"
          value={key}
          placeholder={t('apiKeyPlaceholder')}
          onInput={(e) => {
            setKey((e.target as HTMLInputElement).value);
            setSaved(false);
          }}
        />
        <button type="submit">{t('apiKeyUse')}</button>
      </div>
      <p class="muted small">{saved ? t(key ? 'apiKeySaved' : 'apiKeyCleared') : t('apiKeyHint')}</p>
    </form>
  );
}

/** The name new notes are signed with (kept in localStorage: it is no secret, and it outlives the tab). */
export function AuthorField() {
  const explorer = useExplorer();
  const { t } = useI18n();
  const [name, setName] = useState(explorer.research.author());
  return (
    <div class="author-field">
      <label for="note-author">{t('noteAuthor')}</label>
      <input
        id="note-author"
        type="text"
        autocomplete="name"
        maxLength={100}
        value={name}
        placeholder={t('noteAuthorPlaceholder')}
        onInput={(e) => {
          const next = (e.target as HTMLInputElement).value;
          setName(next);
          explorer.research.setAuthor(next);
        }}
      />
      <p class="muted small">{t('noteAuthorHint')}</p>
    </div>
  );
}

/** The saved views panel. */
export function ViewsPanel() {
  const explorer = useExplorer();
  const { t } = useI18n();
  const [views, setViews] = useState<SavedViewSummaryDTO[] | null>(null);
  const [name, setName] = useState('');
  const [message, setMessage] = useState<PanelMessage | null>(null);
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [bump, setBump] = useState(0);
  const [noteCount, setNoteCount] = useState<number | null>(null);
  const [moreNotes, setMoreNotes] = useState(false);
  const [noting, setNoting] = useState<string | null>(null);
  const [noteFilter, setNoteFilter] = useState('');
  useRequest(
    () => explorer.research.views(),
    setViews,
    (e) => setMessage({ key: 'listLoadFailed', params: { message: e.message }, tone: 'error' }),
    [explorer, bump],
  );

  /** Runs a write; `name` is the view name it writes, for the message when another view has it already. */
  async function attempt(action: () => Promise<unknown>, done?: PanelMessage, name?: string) {
    try {
      await action();
      setMessage(done ?? null);
      setBump((n) => n + 1);
    } catch (error) {
      if (name !== undefined && error instanceof ApiError && error.status === 409)
        setMessage({ key: 'viewNameTaken', params: { name }, tone: 'error' });
      else setMessage({ ...writeErrorKey(error), tone: 'error' });
    }
  }

  return (
    <div class="views">
      <ApiKeyField />
      <AuthorField />
      <form
        class="save-view"
        onSubmit={(e) => {
          e.preventDefault();
          const n = name.trim();
          if (!n) return;
          void attempt(
            async () => {
              await explorer.saveView(n);
              setName('');
            },
            { key: 'viewSaved', params: { name: n }, tone: 'info' },
            n,
          );
        }}
      >
        <label for="view-name">{t('saveViewAs')}</label>
        <div class="row">
          <input
            id="view-name"
            type="text"
            maxLength={100}
            value={name}
            placeholder={t('viewName')}
            onInput={(e) => setName((e.target as HTMLInputElement).value)}
          />
          <button type="submit" class="primary" disabled={!name.trim()}>
            {t('saveView')}
          </button>
        </div>
      </form>
      {message && (
        <p class={`notice ${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'} data-testid="views-message">
          {t(message.key, message.params)}
        </p>
      )}
      <h3>{t('savedViews')}</h3>
      {views && views.length === 0 && <p class="muted small">{t('noViews')}</p>}
      {views && views.length > 0 && (
        <ul class="view-list">
          {views.map((v) => (
            <li key={v.id} data-view={v.id}>
              {renaming?.id === v.id ? (
                <form
                  class="row"
                  onSubmit={(e) => {
                    e.preventDefault();
                    const next = renaming.name.trim();
                    if (!next) return;
                    void attempt(
                      async () => {
                        await explorer.research.renameView(v.id, next);
                        setRenaming(null);
                      },
                      undefined,
                      next,
                    );
                  }}
                >
                  <label class="sr-only" for={`rename-${v.id}`}>
                    {t('rename')}
                  </label>
                  <input
                    id={`rename-${v.id}`}
                    type="text"
                    value={renaming.name}
                    maxLength={100}
                    onInput={(e) => setRenaming({ id: v.id, name: (e.target as HTMLInputElement).value })}
                    onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), setRenaming(null))}
                  />
                  <button type="submit" class="small primary">
                    {t('save')}
                  </button>
                  <button type="button" class="small" onClick={() => setRenaming(null)}>
                    {t('cancel')}
                  </button>
                </form>
              ) : (
                <div class="view-row">
                  <span class="view-info">
                    <button
                      type="button"
                      class="link view-open"
                      title={t('openView')}
                      onClick={() =>
                        void explorer
                          .openView(v.id)
                          .then(() => explorer.store.setNotice({ key: 'viewOpened', params: { name: v.name }, tone: 'info' }))
                          .catch((e: unknown) =>
                            setMessage({ key: 'listLoadFailed', params: { message: (e as Error).message }, tone: 'error' }),
                          )
                      }
                    >
                      {v.name}
                    </button>
                    <span class="muted small">{stamp(v.updated)}</span>
                  </span>
                  <button
                    type="button"
                    class="link small"
                    aria-expanded={noting === v.id}
                    aria-label={t('noteOnView', { name: v.name })}
                    onClick={() => setNoting(noting === v.id ? null : v.id)}
                  >
                    ✎ {t('note')}
                  </button>
                  <button
                    type="button"
                    class="small"
                    aria-label={`${t('rename')}${t('colon')}${v.name}`}
                    onClick={() => setRenaming({ id: v.id, name: v.name })}
                  >
                    {t('rename')}
                  </button>
                  <button
                    type="button"
                    class="small"
                    aria-label={`${t('delete')}${t('colon')}${v.name}`}
                    onClick={() => {
                      if (confirm(t('confirmDeleteView', { name: v.name }))) void attempt(() => explorer.research.deleteView(v.id));
                    }}
                  >
                    {t('delete')}
                  </button>
                </div>
              )}
              {noting === v.id && (
                <NoteEditor
                  idBase="note-view"
                  target={{ kind: 'view', id: v.id }}
                  label={t('noteOnView', { name: v.name })}
                  onSaved={() => setBump((n) => n + 1)}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      <h3>
        {t('allNotes')}
        {noteCount !== null && <span class="muted small">{t('aside', { text: `${noteCount}${moreNotes ? '+' : ''}` })}</span>}
      </h3>
      <p class="muted small">{noteCount === 0 ? t('noNotesAnywhere') : t('allNotesHint')}</p>
      {!!noteCount && (
        <FilterInput id="notes-filter" className="notes-filter" label={t('notesFilter')} value={noteFilter} onChange={setNoteFilter} />
      )}
      <NoteList
        filter={noteFilter}
        query={{ limit: ALL_NOTES_LIMIT }}
        reload={bump}
        withTargets
        viewName={(id) => views?.find((v) => v.id === id)?.name}
        onLoaded={(list, more) => {
          setNoteCount(list.length);
          setMoreNotes(more);
        }}
      />
    </div>
  );
}
