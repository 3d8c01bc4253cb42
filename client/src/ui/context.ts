/**
 * ui/context — how panels reach the explorer and follow its state.
 */
import { createContext } from 'preact';
import { useContext, useEffect, useReducer, useRef } from 'preact/hooks';
import type { Explorer, PanelState } from '../explorer';
import { t as translate, type Lang, type MessageKey } from '../i18n/dictionary';
import type { ExplorerState } from '../store/explorer';

/** The explorer of the page, provided by the App. */
export const ExplorerContext = createContext<Explorer | null>(null);

/** The page's explorer (panels are only ever rendered inside the provider). */
export function useExplorer(): Explorer {
  const explorer = useContext(ExplorerContext);
  if (!explorer) throw new Error('useExplorer: no ExplorerContext provider');
  return explorer;
}

/**
 * A slice of the store state; the component re-renders only when the slice
 * changes (by identity), so hovering on the canvas does not re-render panels.
 */
export function useStoreState<T>(select: (state: ExplorerState) => T): T {
  const explorer = useExplorer();
  const [, bump] = useReducer((n: number) => n + 1, 0);
  const selectRef = useRef(select);
  selectRef.current = select;
  const value = select(explorer.store.state);
  const valueRef = useRef(value);
  valueRef.current = value;
  useEffect(
    () =>
      explorer.store.subscribe((state) => {
        if (!Object.is(selectRef.current(state), valueRef.current)) bump(0);
      }),
    [explorer],
  );
  return value;
}

/** The panel state (open tab, drawer). */
export function usePanel(): PanelState {
  const explorer = useExplorer();
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => explorer.onPanel(() => bump(0)), [explorer]);
  return explorer.panelState;
}

/** The current language and a translator bound to it. */
export function useI18n(): { lang: Lang; t: (key: MessageKey, params?: Record<string, string | number>) => string } {
  const lang = useStoreState((s) => s.lang);
  return { lang, t: (key, params) => translate(lang, key, params) };
}

/**
 * Asks `load` again whenever `deps` change and hands its answer to `onDone`, its failure to `onError` —
 * only while those deps are still current: the answer to an earlier request (a panel closed, another
 * node picked before the first answer came) is dropped instead of overwriting the newer one.
 */
export function useRequest<T>(
  load: () => Promise<T>,
  onDone: (value: T) => void,
  onError: (error: Error) => void,
  deps: readonly unknown[],
): void {
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && onDone(value),
      (error: unknown) => live && onError(error as Error),
    );
    return () => {
      live = false;
    };
    // The callers list what the request depends on; the callbacks are fresh every render by design.
  }, deps);
}
