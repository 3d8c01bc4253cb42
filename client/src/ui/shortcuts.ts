/**
 * ui/shortcuts — the page's keyboard shortcuts.
 *
 *   /            focus the search box
 *   f            fit the graph to the screen
 *   Esc          clear the selection, or with none the found path; close the drawer
 *   Ctrl+Z       undo;  Ctrl+Shift+Z or Ctrl+Y  redo
 *
 * Letters are ignored while typing in a field or the Cypher editor.
 */
import type { Explorer } from '../explorer';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('.cm-editor') !== null;
}

/** Installs the shortcuts; returns the function that removes them. */
export function installShortcuts(explorer: Explorer, focusSearch: () => void): () => void {
  const onKey = (e: KeyboardEvent) => {
    const typing = isTyping(e.target);
    const mod = e.ctrlKey || e.metaKey;
    if (mod && !e.altKey && e.key.toLowerCase() === 'z' && !typing) {
      e.preventDefault();
      if (e.shiftKey) explorer.store.redo();
      else explorer.store.undo();
      return;
    }
    if (mod && !e.altKey && e.key.toLowerCase() === 'y' && !typing) {
      e.preventDefault();
      explorer.store.redo();
      return;
    }
    if (e.key === 'Escape') {
      // An open dialog takes Esc to close itself; it must not also step the explorer back.
      if (e.target instanceof Element && e.target.closest('dialog[open]')) return;
      if (typing && e.target instanceof HTMLElement) e.target.blur();
      explorer.store.hover(null);
      // One step back per press: the selection first, then the path (each undoable); from a field, Esc leaves it
      // and clears a selection but keeps the path.
      if (explorer.store.state.selected) void explorer.store.select(null);
      else if (explorer.store.state.path && !typing) explorer.store.clearPath();
      explorer.closeDrawer();
      return;
    }
    if (typing || mod || e.altKey) return;
    if (e.key === '/') {
      e.preventDefault();
      focusSearch();
    } else if (e.key === 'f' || e.key === 'F') {
      e.preventDefault();
      void explorer.fit();
    } else if (e.key === '+' || e.key === '=') {
      void explorer.zoom(1.5);
    } else if (e.key === '-') {
      void explorer.zoom(1 / 1.5);
    }
  };
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}
