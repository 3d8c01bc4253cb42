/**
 * main — the page's entry point: creates the explorer, renders the
 * interface, starts loading, and installs the test hook.
 */
import { render } from 'preact';
import { Explorer } from './explorer';
import type { ExplorerSigma } from './render/renderer';
import type { ExplorerGraph } from './store/attributes';
import type { ExplorerStore } from './store/explorer';
import { App } from './ui/App';
import './styles.css';

/**
 * Test hook (also handy in the devtools console): read-only access to the
 * graph, the sigma renderer and the store. End-to-end tests wait on
 * `sigma.on('afterRender')` and compare `graph.order` with the API. Not an
 * API for the page itself: nothing in the client reads it.
 */
export interface ExplorerTestHook {
  readonly graph: ExplorerGraph;
  readonly sigma: ExplorerSigma | null;
  readonly store: ExplorerStore;
  readonly explorer: Explorer;
}

declare global {
  interface Window {
    __explorer?: ExplorerTestHook;
  }
}

const explorer = new Explorer();
const root = document.getElementById('app');
if (!root) throw new Error('main: #app is missing from index.html');
render(<App explorer={explorer} />, root);

window.__explorer = Object.freeze({
  graph: explorer.store.graph,
  get sigma() {
    return explorer.sigma;
  },
  store: explorer.store,
  explorer,
});

void explorer.start();
