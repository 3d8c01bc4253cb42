/**
 * console/editor — the Cypher editor of the console: CodeMirror 6 with
 * @neo4j-cypher/codemirror (highlighting, completion from the graph's
 * labels, types and property keys, linting).
 *
 * Loaded on demand (a dynamic import from the console panel) because the
 * Cypher grammar is the largest part of the bundle.
 */
import { closeCompletion } from '@codemirror/autocomplete';
import { createCypherEditor, type EditorApi } from '@neo4j-cypher/codemirror';
import '@neo4j-cypher/codemirror/css/cypher-codemirror.css';
import { NODE_KINDS, REL_TYPES } from '../../../graph/model';

/** What the console needs from its editor. */
export interface CypherEditor {
  getValue(): string;
  setValue(text: string): void;
  focus(): void;
  destroy(): void;
}

/** Property keys of the graph's nodes and relationships (for completion). */
const PROPERTY_KEYS = [
  'id',
  'name_zh',
  'name_en',
  'aliases_zh',
  'aliases_en',
  'description_zh',
  'description_en',
  'evidence',
  'rationale',
  'rationale_zh',
  'ns',
  'x',
  'y',
];

/**
 * Creates the editor in `parent`. `onRun` is called on Ctrl/Cmd+Enter.
 */
export function createEditor(parent: HTMLElement, opts: { value: string; onRun: () => void; ariaLabel: string }): CypherEditor {
  const created: unknown = createCypherEditor(parent, {
    value: opts.value,
    lineNumbers: true,
    lineWrapping: true,
    autocomplete: true,
    lint: true,
    history: true,
    theme: 'light',
    // Tab must move focus out of the editor (keyboard users would be trapped otherwise).
    tabKey: false,
    schema: {
      labels: NODE_KINDS.map((k) => `:${k}`),
      relationshipTypes: REL_TYPES.map((r) => `:${r}`),
      propertyKeys: PROPERTY_KEYS,
    },
  });
  // The package's typings say it returns the editor API; version 1.0.3 returns `{ editor: api }`.
  const api = ('editor' in (created as object) ? (created as { editor: EditorApi }).editor : created) as EditorApi;
  api.onKeyDown((event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      // The completion list typing opened would otherwise stay over the query and its results.
      closeCompletion(api.codemirror);
      opts.onRun();
    }
  });
  api.codemirror.contentDOM.setAttribute('aria-label', opts.ariaLabel);
  return {
    getValue: () => api.codemirror.state.doc.toString(),
    setValue: (text) => api.setValue(text),
    focus: () => api.focus(),
    destroy: () => api.destroy(),
  };
}
