/**
 * ui/PathPanel — the path finder: two node pickers and the query options,
 * then the paths as readable chains, every hop with its sentence and quote.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { pathTargetId } from '../../../graph/analytics/contracts';
import type { HopDTO } from '../../../graph/contracts';
import { type ExpandedHop, type ExpandedPath, expandPaths } from '../../../graph/path-result';
import { textLanguage } from '../../../graph/ingest/normalize';
import { verbArrow } from '../../../graph/sentences';
import { REL_TYPES, type RelType } from '../../../graph/model';
import type { PathQuery } from '../api/client';
import { nodeName, pick, relVerb, type Lang } from '../i18n/dictionary';
import { kindColor } from '../store/attributes';
import type { ExplorerStore } from '../store/explorer';
import { Citations, EvidenceBadge } from './Citation';
import { useExplorer, useI18n, useStoreState } from './context';
import { NoteEditor, NoteList } from './Notes';
import { SearchBox } from './SearchBox';

interface Picked {
  id: string;
  name: string;
}

function named(store: ExplorerStore, id: string, lang: Lang): Picked {
  const record = store.nodeRecord(id);
  return { id, name: record ? nodeName(record, lang) : id };
}

/** The chain of a path in one line: A → verb → B ← verb ← C. */
export function chainText(path: ExpandedPath, lang: Lang): string {
  const names = new Map(path.nodes.map((n) => [n.id, nodeName(n, lang)]));
  if (path.explanation.length === 0) return path.nodes.map((n) => nodeName(n, lang)).join(' → ');
  let text = names.get(path.explanation[0]!.from) ?? path.explanation[0]!.from;
  for (const hop of path.explanation) {
    const verb = relVerb(hop.type, lang);
    text += ` ${verbArrow(verb, hop.direction)} `;
    text += names.get(hop.to) ?? hop.to;
  }
  return text;
}

function Hop({ hop, lang }: { hop: ExpandedHop; lang: Lang }) {
  const { t } = useI18n();
  const quote = hop.citations[0];
  return (
    <li class="hop">
      <p>
        {pick(hop.sentence, lang)} <EvidenceBadge evidence={hop.evidence} />
      </p>
      {quote && (
        <details>
          <summary>
            <q lang={textLanguage(quote.quote)}>{quote.quote}</q>
          </summary>
          <Citations citations={hop.citations} />
        </details>
      )}
      {!quote && <p class="muted small">{t('noCitations')}</p>}
    </li>
  );
}

/** The path finder panel. */
export function PathPanel() {
  const explorer = useExplorer();
  const store = explorer.store;
  const { lang, t } = useI18n();
  const path = useStoreState((s) => s.path);
  const query = path?.query;
  const [from, setFrom] = useState<Picked | null>(query ? named(store, query.from, lang) : null);
  const [to, setTo] = useState<Picked | null>(query ? named(store, query.to, lang) : null);
  const [mode, setMode] = useState<PathQuery['mode']>(query?.mode ?? 'shortest');
  const [k, setK] = useState(query?.k ?? 3);
  const [maxHops, setMaxHops] = useState(query?.maxHops ?? 6);
  const [types, setTypes] = useState<RelType[]>(query?.types ?? []);
  const [exclude, setExclude] = useState<Picked[]>(query?.exclude.map((id) => named(store, id, lang)) ?? []);
  const [message, setMessage] = useState<string | null>(null);
  const list = useRef<HTMLOListElement>(null);

  // A path highlighted from elsewhere (a note on it) may be far down the list: bring it into sight.
  const active = path?.active ?? null;
  useEffect(() => {
    if (active !== null) list.current?.children[active]?.scrollIntoView({ block: 'nearest' });
  }, [active, path?.result]);

  // A query restored from a link (or undo) shows up in the form.
  useEffect(() => {
    if (!query) return;
    setFrom(named(store, query.from, lang));
    setTo(named(store, query.to, lang));
    setMode(query.mode);
    setK(query.k);
    setMaxHops(query.maxHops);
    setTypes(query.types);
    setExclude(query.exclude.map((id) => named(store, id, lang)));
  }, [query, lang, store]);

  async function run(e: Event) {
    e.preventDefault();
    // A box whose text was edited holds no node: say which one, rather than run with a node it no longer names.
    if (!from || !to) {
      setMessage(!from && !to ? t('pickNodesFor', { a: t('from'), b: t('to') }) : t('pickNodeFor', { box: t(from ? 'to' : 'from') }));
      return;
    }
    setMessage(null);
    await explorer.findPaths({ from: from.id, to: to.id, mode, k, maxHops, types, exclude: exclude.map((x) => x.id) });
  }

  const result = path?.result;
  return (
    <div class="paths">
      <form onSubmit={run} aria-label={t('pathFinder')}>
        <div class="field">
          <label for="path-from">{t('from')}</label>
          <SearchBox
            id="path-from"
            label={t('from')}
            placeholder={t('pickNode')}
            keepPicked
            initialText={from?.name ?? ''}
            onPick={(hit) => {
              setFrom({ id: hit.id, name: nodeName(hit, lang) });
              setMessage(null);
            }}
            onEdit={() => setFrom(null)}
          />
        </div>
        <div class="field">
          <label for="path-to">{t('to')}</label>
          <SearchBox
            id="path-to"
            label={t('to')}
            placeholder={t('pickNode')}
            keepPicked
            initialText={to?.name ?? ''}
            onPick={(hit) => {
              setTo({ id: hit.id, name: nodeName(hit, lang) });
              setMessage(null);
            }}
            onEdit={() => setTo(null)}
          />
        </div>
        <button
          type="button"
          class="small"
          onClick={() => {
            setFrom(to);
            setTo(from);
          }}
        >
          ⇅ {t('swap')}
        </button>
        <fieldset class="row wrap">
          <legend>{t('mode')}</legend>
          {(['shortest', 'all', 'k'] as const).map((m) => (
            <label key={m}>
              <input type="radio" name="path-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
              {t(m === 'shortest' ? 'modeShortest' : m === 'all' ? 'modeAll' : 'modeK')}
            </label>
          ))}
          {mode === 'k' && (
            <label>
              {t('k')}{' '}
              <input
                type="number"
                class="narrow"
                min={1}
                max={10}
                value={k}
                onChange={(e) => setK(Math.min(10, Math.max(1, Number((e.target as HTMLInputElement).value) || 1)))}
              />
            </label>
          )}
          <label>
            {t('maxHops')}{' '}
            <input
              type="number"
              class="narrow"
              min={1}
              max={10}
              value={maxHops}
              onChange={(e) => setMaxHops(Math.min(10, Math.max(1, Number((e.target as HTMLInputElement).value) || 1)))}
            />
          </label>
        </fieldset>
        <details>
          <summary>
            {t('allowTypes')}
            {t('colon')}
            {types.length ? types.map((x) => relVerb(x, lang)).join(t('listSeparator')) : t('allTypes')}
          </summary>
          <div class="chips">
            {REL_TYPES.map((x) => (
              <label key={x} class="chip">
                <input
                  type="checkbox"
                  checked={types.includes(x)}
                  onChange={() => setTypes(types.includes(x) ? types.filter((y) => y !== x) : [...types, x])}
                />
                {relVerb(x, lang)}
              </label>
            ))}
          </div>
        </details>
        <div class="field">
          <label for="path-exclude">{t('exclude')}</label>
          <SearchBox
            id="path-exclude"
            label={t('exclude')}
            placeholder={t('pickNode')}
            onPick={(hit) => {
              if (!exclude.some((x) => x.id === hit.id)) setExclude([...exclude, { id: hit.id, name: nodeName(hit, lang) }]);
            }}
          />
          {exclude.length > 0 && (
            <ul class="chips" aria-label={t('exclude')}>
              {exclude.map((x) => (
                <li key={x.id} class="chip">
                  {x.name}
                  <button
                    type="button"
                    class="link"
                    aria-label={t('remove', { name: x.name })}
                    onClick={() => setExclude(exclude.filter((y) => y.id !== x.id))}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div class="row">
          <button type="submit" class="primary" disabled={path?.status === 'loading'}>
            {path?.status === 'loading' ? t('loading') : t('findPaths')}
          </button>
          <button type="button" disabled={!path} onClick={() => store.clearPath()}>
            {t('clearPaths')}
          </button>
        </div>
        {message && <p class="notice warning">{message}</p>}
      </form>
      <div class="path-results" aria-live="polite">
        {path?.status === 'error' && (
          <p class="notice error" role="alert">
            {path.missing ? t('nodeNotFound', { id: path.missing }) : `${t('errorPrefix')}${t('colon')}${path.error}`}
          </p>
        )}
        {result && result.paths.length === 0 && (
          <p class="notice warning" role="status" data-testid="path-reason">
            {result.reason ? pick(result.reason, lang) : t('noPath')}
          </p>
        )}
        {result && result.paths.length > 0 && (
          <>
            <p class="row">
              <strong>{t('pathsFound', { count: result.paths.length })}</strong>
              {result.paths.length > 1 && (
                <button type="button" class="small" aria-pressed={path?.active === null} onClick={() => store.setActivePath(null)}>
                  {t('showAllPaths')}
                </button>
              )}
            </p>
            <ol class="path-list" ref={list}>
              {expandPaths(result).map((p, i) => (
                <li key={i} class={`path ${path?.active === i ? 'active' : ''}`}>
                  <button
                    type="button"
                    class="path-head"
                    aria-pressed={path?.active === i}
                    onClick={() => store.setActivePath(path?.active === i ? null : i)}
                  >
                    {t('pathN', { n: i + 1, length: p.length })}
                  </button>
                  <p class="chain" data-testid="path-chain">
                    {p.nodes.map((n, j) => (
                      <span key={n.id}>
                        {/* The spaces stay outside the verb's nowrap, so a long name can start the next line. */}
                        {j > 0 && (
                          <>
                            {' '}
                            <span class="chain-verb">{hopArrow(p.explanation[j - 1], lang)}</span>{' '}
                          </>
                        )}
                        <button type="button" class="link chain-node" onClick={() => void explorer.focus(n.id)}>
                          <span class="dot small-dot" style={{ background: kindColor(n.kind) }} aria-hidden="true" />
                          {nodeName(n, lang)}
                        </button>
                      </span>
                    ))}
                  </p>
                  <ol class="hops">
                    {p.explanation.map((hop) => (
                      <Hop key={hop.edge} hop={hop} lang={lang} />
                    ))}
                  </ol>
                  <PathNotes path={p} index={i} lang={lang} />
                </li>
              ))}
            </ol>
          </>
        )}
      </div>
    </div>
  );
}

/** The notes on one path, and the editor of a new one, folded until asked for unless the path has notes. */
function PathNotes({ path, index, lang }: { path: ExpandedPath; index: number; lang: Lang }) {
  const { t } = useI18n();
  const nodes = path.nodes.map((n) => n.id);
  const [count, setCount] = useState<number | null>(null);
  const [reload, setReload] = useState(0);
  return (
    <details class="path-note" open={count !== null && count > 0}>
      <summary>✎ {count ? t('notesOnPath', { count }) : t('noteOnPath')}</summary>
      <NoteList query={{ target: pathTargetId(nodes) }} reload={reload} onLoaded={(list) => setCount(list.length)} />
      <NoteEditor
        idBase={`note-path-${index + 1}`}
        target={{ kind: 'path', nodes, from: nodes[0]!, to: nodes[nodes.length - 1]! }}
        label={chainText(path, lang)}
        onSaved={() => setReload((n) => n + 1)}
      />
    </details>
  );
}

function hopArrow(hop: HopDTO | undefined, lang: Lang): string {
  if (!hop) return '→';
  return verbArrow(relVerb(hop.type, lang), hop.direction);
}
