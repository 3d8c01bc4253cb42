/**
 * test/unit/client-views — derived views: visibility under filters, the
 * emphasis priority (hover > path > selection) and sigma's reducers.
 */
import { describe, expect, it } from 'vitest';
import { ExplorerStore } from '../../client/src/store/explorer';
import {
  DIM_NODE_COLOR,
  NO_FILTERS,
  PATH_EDGE_COLOR,
  computeEmphasis,
  pathMembers,
  reduceEdge,
  reduceNode,
  visibleDegrees,
  visibleSubgraph,
  type ViewInput,
} from '../../client/src/store/views';
import { fakeApi } from './client-fixtures';

async function graph() {
  const store = new ExplorerStore(fakeApi(), { lang: 'en' });
  await store.load();
  return store;
}

const view = (patch: Partial<ViewInput> = {}): ViewInput => ({
  lang: 'en',
  selected: null,
  hovered: null,
  filters: NO_FILTERS,
  path: null,
  ...patch,
});

describe('views', () => {
  it('hides filtered kinds, types and evidence, and edges whose end is hidden', async () => {
    const store = await graph();
    expect(visibleSubgraph(store.graph, NO_FILTERS).nodes).toHaveLength(4);
    const noOutlooks = visibleSubgraph(store.graph, { ...NO_FILTERS, hiddenKinds: ['Outlook'] });
    expect(noOutlooks.nodes).not.toContain('outlook:agi');
    expect(noOutlooks.edges).not.toContain('outlook:agi-ADDRESSES-challenge:hallucination');
    const statedOnly = visibleSubgraph(store.graph, { ...NO_FILTERS, hiddenEvidence: ['inferred'] });
    expect(statedOnly.edges).toHaveLength(2);
    const noMitigation = visibleSubgraph(store.graph, { ...NO_FILTERS, hiddenTypes: ['MITIGATES'] });
    expect(noMitigation.edges).toEqual(['outlook:agi-ADDRESSES-challenge:hallucination']);
  });

  it('counts degrees in the visible graph, not the whole one', async () => {
    const store = await graph();
    const all = visibleDegrees(store.graph, visibleSubgraph(store.graph, NO_FILTERS));
    expect(Object.fromEntries(all)).toEqual({
      'technology:rag': 2,
      'challenge:hallucination': 2,
      'challenge:data-privacy': 1,
      'outlook:agi': 1,
    });
    // Hiding MITIGATES leaves RAG with no visible relationship (the whole graph still gives it 2).
    const noMitigation = visibleDegrees(store.graph, visibleSubgraph(store.graph, { ...NO_FILTERS, hiddenTypes: ['MITIGATES'] }));
    expect(noMitigation.get('technology:rag')).toBe(0);
    expect(store.graph.degree('technology:rag')).toBe(2);
    expect(noMitigation.get('challenge:hallucination')).toBe(1);
    // A hidden kind takes its node's relationships out of its neighbours' degrees, and the node out of the map.
    const noOutlooks = visibleDegrees(store.graph, visibleSubgraph(store.graph, { ...NO_FILTERS, hiddenKinds: ['Outlook'] }));
    expect(noOutlooks.has('outlook:agi')).toBe(false);
    expect(noOutlooks.get('challenge:hallucination')).toBe(1);
  });

  it('emphasises hover over path over selection', async () => {
    const store = await graph();
    const path = {
      nodes: new Set(['outlook:agi', 'challenge:hallucination']),
      edges: new Set(['outlook:agi-ADDRESSES-challenge:hallucination']),
    };
    expect(computeEmphasis(store.graph, view()).source).toBeNull();
    expect(computeEmphasis(store.graph, view({ selected: 'technology:rag' })).nodes).toEqual(
      new Set(['technology:rag', 'challenge:hallucination', 'challenge:data-privacy']),
    );
    expect(computeEmphasis(store.graph, view({ selected: 'technology:rag', path })).source).toBe('path');
    expect(computeEmphasis(store.graph, view({ selected: 'technology:rag', path, hovered: 'outlook:agi' })).source).toBe('hover');
  });

  it('collects the members of one path or of all paths', async () => {
    const api = fakeApi();
    const result = await api.paths({ from: 'a', to: 'b', mode: 'shortest', k: 1, maxHops: 6, types: [], exclude: [] });
    const all = pathMembers(result, null);
    expect(all.nodes).toEqual(new Set(['technology:dola', 'challenge:hallucination', 'outlook:agi']));
    expect(all.edges.size).toBe(2);
    expect(pathMembers(result, 5).nodes.size).toBe(0);
    expect(pathMembers(null, null).nodes.size).toBe(0);
  });

  it('reduces nodes: language label, dimming outside the emphasis, hidden when filtered', async () => {
    const store = await graph();
    const g = store.graph;
    const v = view({ lang: 'zh', selected: 'technology:rag' });
    const e = computeEmphasis(g, v);
    const rag = reduceNode(g, v, e, 'technology:rag', g.getNodeAttributes('technology:rag'));
    expect(rag).toMatchObject({ label: '检索增强生成', highlighted: true, forceLabel: true });
    const agi = reduceNode(g, v, e, 'outlook:agi', g.getNodeAttributes('outlook:agi'));
    expect(agi).toMatchObject({ color: DIM_NODE_COLOR, label: '' });
    const hidden = reduceNode(
      g,
      { ...v, filters: { ...NO_FILTERS, hiddenKinds: ['Outlook'] } },
      e,
      'outlook:agi',
      g.getNodeAttributes('outlook:agi'),
    );
    expect(hidden.hidden).toBe(true);
    // The graph itself is untouched: emphasis lives only in the reducers' output.
    expect(g.getNodeAttribute('outlook:agi', 'color')).not.toBe(DIM_NODE_COLOR);
  });

  it('reduces edges: path edges stand out with their verb, others fade', async () => {
    const store = await graph();
    const g = store.graph;
    const path = {
      nodes: new Set(['outlook:agi', 'challenge:hallucination']),
      edges: new Set(['outlook:agi-ADDRESSES-challenge:hallucination']),
    };
    const v = view({ path });
    const e = computeEmphasis(g, v);
    const on = reduceEdge(
      g,
      v,
      e,
      'outlook:agi-ADDRESSES-challenge:hallucination',
      g.getEdgeAttributes('outlook:agi-ADDRESSES-challenge:hallucination'),
    );
    expect(on).toMatchObject({ color: PATH_EDGE_COLOR, label: 'addresses' });
    const off = reduceEdge(
      g,
      v,
      e,
      'technology:rag-MITIGATES-challenge:hallucination',
      g.getEdgeAttributes('technology:rag-MITIGATES-challenge:hallucination'),
    );
    expect(off.label).toBeNull();
    expect(off.color).not.toBe(PATH_EDGE_COLOR);
  });
});
