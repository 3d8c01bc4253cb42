/**
 * ui/SearchBox — a combobox that searches nodes by Chinese or English name
 * or alias, with a keyboard-navigable suggestion list (WAI-ARIA combobox
 * pattern). Used for the main search and for every node picker.
 */
import type { Ref } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SearchHitDTO } from '../../../graph/contracts';
import type { NodeKind } from '../../../graph/model';
import { kindName, nodeName } from '../i18n/dictionary';
import { kindColor } from '../store/attributes';
import { useExplorer, useI18n } from './context';

export interface SearchBoxProps {
  /** Base id for the input and its list (must be unique on the page). */
  id: string;
  label: string;
  placeholder?: string;
  onPick: (hit: SearchHitDTO) => void;
  kinds?: readonly NodeKind[];
  /** Keep the picked name in the box (pickers) or empty it (main search). */
  keepPicked?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  /** Text shown initially (a picker's current value); a change from the parent replaces the typed text. */
  initialText?: string;
  /**
   * Called when the user edits the text of a picker that holds a node
   * (`keepPicked`): the text no longer names it, so the parent drops it.
   */
  onEdit?: () => void;
  className?: string;
  /** A last option that looks for the typed words in the source article's text (the main search). */
  onFindInText?: (text: string) => void;
}

/** A node search box with autocomplete. */
export function SearchBox(props: SearchBoxProps) {
  const explorer = useExplorer();
  const { lang, t } = useI18n();
  const [text, setText] = useState(props.initialText ?? '');
  const [hits, setHits] = useState<SearchHitDTO[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [error, setError] = useState<string | null>(null);
  const [searched, setSearched] = useState('');
  const abortRef = useRef<AbortController | null>(null);
  // Closing after a blur waits a moment; coming back to the box (focus, typing) must cancel it, or the
  // list would close under the user's fingers when they leave the box and return at once.
  const closeTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const reopen = () => {
    clearTimeout(closeTimer.current);
    setOpen(true);
  };
  useEffect(() => () => clearTimeout(closeTimer.current), []);
  // The text of the node the parent holds, as far as this box knows ('' once the user edits it).
  const held = useRef(props.initialText ?? '');
  const listId = `${props.id}-list`;

  useEffect(() => {
    // The parent dropping the node because of an edit (onEdit) must not wipe what the user is typing.
    if (props.initialText === undefined || props.initialText === held.current) return;
    held.current = props.initialText;
    setText(props.initialText);
  }, [props.initialText]);

  useEffect(() => {
    const q = text.trim();
    if (!open || q.length === 0) {
      setHits([]);
      return undefined;
    }
    // Debounced so typing a word makes one request, and aborted so a slow answer never replaces a newer one.
    const timer = setTimeout(() => {
      abortRef.current?.abort();
      const controller = new AbortController();
      abortRef.current = controller;
      explorer.api
        .search(q, { kinds: props.kinds, limit: 10, signal: controller.signal })
        .then((result) => {
          setHits(result.hits);
          // With no hit, the find-in-the-article option (when offered) is the one Enter takes.
          setActive(result.hits.length > 0 || props.onFindInText ? 0 : -1);
          setError(null);
          setSearched(q);
        })
        .catch((e: unknown) => {
          if ((e as Error)?.name === 'AbortError') return;
          setHits([]);
          setError((e as Error).message);
        });
    }, 150);
    return () => clearTimeout(timer);
  }, [text, open, explorer, props.kinds]);

  const showList = open && text.trim().length > 0 && (hits.length > 0 || error !== null || searched === text.trim());
  const textOption = props.onFindInText ? 1 : 0;
  const options = hits.length + textOption;
  // A picker's list with nothing to pick ("no matches", an error) takes its place in the flow instead of
  // covering what lies below it (a form's submit button, which would otherwise take two clicks).
  const onlyMessage = hits.length === 0 && !textOption;

  function findInText() {
    const q = text.trim();
    setOpen(false);
    setHits([]);
    setText('');
    props.onFindInText?.(q);
  }

  function pick(hit: SearchHitDTO) {
    setOpen(false);
    setHits([]);
    const name = props.keepPicked ? nodeName(hit, lang) : '';
    held.current = name;
    setText(name);
    props.onPick(hit);
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((i) => (options ? (i + 1) % options : -1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => (options ? (i - 1 + options) % options : -1));
    } else if (e.key === 'Enter') {
      // The find-in-the-article option sits after the hits (it is the active one when there is no hit).
      if (textOption && showList && active === hits.length) {
        e.preventDefault();
        findInText();
        return;
      }
      const hit = hits[active] ?? hits[0];
      if (hit) {
        e.preventDefault();
        pick(hit);
      }
    } else if (e.key === 'Escape') {
      if (open && (hits.length > 0 || text)) {
        // The first Escape closes the list; the global handler gets the next one.
        e.stopPropagation();
        setOpen(false);
      }
    }
  }

  return (
    <div class={`search ${props.className ?? ''}`}>
      <input
        id={props.id}
        ref={props.inputRef}
        type="search"
        role="combobox"
        list={undefined}
        aria-label={props.label}
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && active >= 0 ? `${props.id}-opt-${active}` : undefined}
        placeholder={props.placeholder}
        autocomplete="off"
        spellcheck={false}
        value={text}
        onInput={(e) => {
          setText((e.target as HTMLInputElement).value);
          reopen();
          if (props.keepPicked && held.current !== '') {
            held.current = '';
            props.onEdit?.();
          }
        }}
        onFocus={reopen}
        onBlur={() => {
          clearTimeout(closeTimer.current);
          closeTimer.current = setTimeout(() => setOpen(false), 150);
        }}
        onKeyDown={onKeyDown}
      />
      {showList && (
        <ul id={listId} role="listbox" class={`search-list${onlyMessage ? ' search-message' : ''}`} aria-label={props.label}>
          {error && <li class="search-empty">{t('searchFailed', { message: error })}</li>}
          {!error && hits.length === 0 && !textOption && <li class="search-empty">{t('searchNoHits')}</li>}
          {hits.map((hit, i) => {
            const other = lang === 'zh' ? hit.name_en : hit.name_zh;
            const primary = nodeName(hit, lang);
            return (
              <li
                id={`${props.id}-opt-${i}`}
                key={hit.id}
                role="option"
                aria-selected={i === active}
                class={i === active ? 'active' : ''}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(hit);
                }}
                onMouseEnter={() => setActive(i)}
              >
                <span class="dot" style={{ background: kindColor(hit.kind) }} aria-hidden="true" />
                <span class="hit-name">{primary}</span>
                {other && other !== primary && <span class="hit-other">{other}</span>}
                {hit.matched && hit.matched !== primary && hit.matched !== other && <span class="hit-matched">“{hit.matched}”</span>}
                <span class="hit-kind">{kindName(hit.kind, lang)}</span>
              </li>
            );
          })}
          {textOption > 0 && !error && (
            <li
              id={`${props.id}-opt-${hits.length}`}
              role="option"
              aria-selected={active === hits.length}
              class={`search-text${active === hits.length ? ' active' : ''}`}
              onMouseDown={(e) => {
                e.preventDefault();
                findInText();
              }}
              onMouseEnter={() => setActive(hits.length)}
            >
              {hits.length === 0 && <span class="muted">{t('searchNoHits')} · </span>}
              <span class="hit-name">{t('findInArticle', { text: text.trim() })}</span>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
