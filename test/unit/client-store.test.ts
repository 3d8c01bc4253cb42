/**
 * test/unit/client-store — the explorer store: loading, selection, filters,
 * expansion and collapse, paths, and undo/redo over all of them.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../client/src/api/client';
import { ExplorerStore } from '../../client/src/store/explorer';
import { BASE, fakeApi } from './client-fixtures';

async function loaded() {
  const api = fakeApi();
  const store = new ExplorerStore(api, { lang: 'en' });
  await store.load();
  return { api, store };
}

describe('ExplorerStore', () => {
  it('loads the initial graph into its one graph, with its stored positions', async () => {
    const { store } = await loaded();
    expect(store.state.status).toBe('ready');
    expect(store.graph.order).toBe(BASE.nodes.length);
    expect(store.graph.size).toBe(BASE.edges.length);
    expect(store.graph.getNodeAttributes('challenge:hallucination')).toMatchObject({ x: 10, y: 0, kind: 'Challenge' });
    expect(store.state.truncation).toBeNull();
    expect(store.state.canUndo).toBe(false);
  });

  it('selects a node, loads its details, and undo/redo walk the selection', async () => {
    const { store } = await loaded();
    await store.select('technology:rag');
    expect(store.state.selected).toBe('technology:rag');
    expect(store.state.details?.status).toBe('ready');
    expect(store.state.details?.data?.relationships).toHaveLength(2);
    await store.select('challenge:hallucination');
    store.undo();
    expect(store.state.selected).toBe('technology:rag');
    store.undo();
    expect(store.state.selected).toBeNull();
    expect(store.state.canUndo).toBe(false);
    store.redo();
    expect(store.state.selected).toBe('technology:rag');
    expect(store.state.canRedo).toBe(true);
  });

  it('brings in a node that is not shown when it is selected (from search)', async () => {
    const { store } = await loaded();
    await store.select('technology:dola');
    expect(store.graph.hasNode('technology:dola')).toBe(true);
    // Its link to a shown node came with the details.
    expect(store.graph.hasEdge('technology:dola-MITIGATES-challenge:hallucination')).toBe(true);
    // Placed near that neighbour, not at the origin.
    const { x, y } = store.graph.getNodeAttributes('technology:dola');
    expect(Math.hypot(x - 10, y - 0)).toBeLessThan(40);
  });

  it('a node the server does not hold (a stale link) leaves the view and its history as they were, and says so', async () => {
    const { api, store } = await loaded();
    await store.select('technology:rag');
    const order = store.graph.order;
    await store.select('organization:gone');
    expect(store.state.selected).toBe('technology:rag');
    expect(store.state.details).toMatchObject({ id: 'technology:rag', status: 'ready' });
    expect(store.graph.order).toBe(order);
    expect(store.state.notice).toEqual({ key: 'nodeNotFound', params: { id: 'organization:gone' }, tone: 'error' });
    expect(api.calls.filter((c) => c === 'node organization:gone')).toHaveLength(1);
    store.undo();
    expect(store.state.selected).toBeNull();
  });

  it("the next view (a pasted link, a saved view) opens without the last one's error notice", async () => {
    const { store } = await loaded();
    await store.select('organization:gone');
    expect(store.state.notice).toMatchObject({ key: 'nodeNotFound', tone: 'error' });
    store.resetView();
    expect(store.state.notice).toBeNull();
  });

  it('names the node that is gone when its details, its neighbours or a path cannot be had', async () => {
    const { api, store } = await loaded();
    // Shown, but removed from the store since the view was loaded.
    api.node = async (id) => {
      throw new ApiError(404, 'NOT_FOUND', `nodes: node "${id}" not found — search for an id with /api/search?q=…`, { id });
    };
    await store.select('challenge:data-privacy');
    expect(store.state.details).toMatchObject({ id: 'challenge:data-privacy', status: 'error', missing: 'challenge:data-privacy' });
    api.neighbors = async (id) => {
      throw new ApiError(404, 'NOT_FOUND', `neighbors: node "${id}" not found`, { id });
    };
    expect(await store.expand('outlook:agi')).toBeNull();
    expect(store.state.notice).toEqual({ key: 'nodeNotFound', params: { id: 'outlook:agi' }, tone: 'error' });
    // Any other failure keeps the server's words and names what was attempted.
    api.neighbors = async () => {
      throw new ApiError(503, 'NEO4J_UNAVAILABLE', 'neighbors: Neo4j is unavailable — retry in a moment');
    };
    await store.expand('outlook:agi');
    expect(store.state.notice).toMatchObject({ key: 'expandFailed', params: { id: 'outlook:agi' }, tone: 'error' });
    expect(String(store.state.notice?.params?.message)).toContain('Neo4j is unavailable');
    api.paths = async (q) => {
      throw new ApiError(404, 'NOT_FOUND', `paths: node "${q.to}" not found`, { id: q.to });
    };
    await store.findPaths({ from: 'technology:rag', to: 'outlook:gone', mode: 'shortest', k: 3, maxHops: 6, types: [], exclude: [] });
    expect(store.state.path).toMatchObject({ status: 'error', missing: 'outlook:gone' });
  });

  it('expands and collapses a neighbourhood, reporting truncation, with undo/redo', async () => {
    const { store } = await loaded();
    const expansion = await store.expand('challenge:hallucination', { depth: 1 });
    expect(expansion?.nodes.sort()).toEqual(['domain:medicine', 'technology:dola']);
    expect(store.graph.order).toBe(6);
    expect(store.isExpanded('challenge:hallucination')).toBe(true);
    expect(store.state.notice).toMatchObject({ key: 'truncated', params: { shown: 5, total: 9 } });

    store.collapse('challenge:hallucination');
    expect(store.graph.order).toBe(4);
    expect(store.graph.hasNode('technology:dola')).toBe(false);

    store.undo(); // back to expanded
    expect(store.graph.order).toBe(6);
    expect(store.graph.hasEdge('challenge:hallucination-AFFECTS-domain:medicine')).toBe(true);
    const before = store.graph.getNodeAttributes('domain:medicine');
    store.undo(); // back to the initial graph
    expect(store.graph.order).toBe(4);
    store.redo();
    // A node that comes back returns to where it was.
    expect(store.graph.getNodeAttributes('domain:medicine')).toMatchObject({ x: before.x, y: before.y });
  });

  it('filters are state, not graph changes, and are undoable', async () => {
    const { store } = await loaded();
    store.toggleKind('Challenge');
    store.toggleEvidence('inferred');
    expect(store.state.filters).toEqual({ hiddenKinds: ['Challenge'], hiddenTypes: [], hiddenEvidence: ['inferred'] });
    expect(store.graph.order).toBe(4);
    store.undo();
    expect(store.state.filters.hiddenEvidence).toEqual([]);
    store.resetFilters();
    expect(store.state.filters.hiddenKinds).toEqual([]);
  });

  it('adds the nodes of a path, highlights it, and removes them again when cleared', async () => {
    const { store } = await loaded();
    const result = await store.findPaths({
      from: 'technology:dola',
      to: 'outlook:agi',
      mode: 'shortest',
      k: 3,
      maxHops: 6,
      types: [],
      exclude: [],
    });
    expect(result?.paths).toHaveLength(1);
    expect(store.graph.hasNode('technology:dola')).toBe(true);
    expect(store.state.path?.status).toBe('ready');
    expect(store.state.path?.active).toBeNull();
    store.setActivePath(0);
    expect(store.state.path?.active).toBe(0);
    store.clearPath();
    expect(store.state.path).toBeNull();
    expect(store.graph.hasNode('technology:dola')).toBe(false);
    store.undo();
    expect(store.state.path?.result?.paths).toHaveLength(1);
    expect(store.graph.hasNode('technology:dola')).toBe(true);
  });

  it('keeps the reason of an empty path result', async () => {
    const { store } = await loaded();
    const result = await store.findPaths({
      from: 'technology:dola',
      to: 'outlook:agi',
      mode: 'shortest',
      k: 3,
      maxHops: 1,
      types: [],
      exclude: [],
    });
    expect(result?.paths).toEqual([]);
    expect(store.state.path?.result?.reason?.en).toBe('No path within 1 hop');
  });

  it('notifies subscribers with the new and the previous state', async () => {
    const { store } = await loaded();
    const seen: [string, string][] = [];
    const off = store.subscribe((s, p) => seen.push([p.lang, s.lang]));
    store.setLang('zh');
    store.setLang('zh'); // no change, no notification
    off();
    store.setLang('en');
    expect(seen).toEqual([['en', 'zh']]);
  });
});
