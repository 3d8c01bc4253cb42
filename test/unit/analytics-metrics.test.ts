/**
 * test/unit/analytics-metrics — centrality, communities, similarity and ranking on
 * small hand-built graphs whose answers can be worked out on paper.
 */
import { UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import {
  betweenness,
  buildAnalyticsGraph,
  centrality,
  closeness,
  communities,
  degree,
  modularity,
  pagerank,
  rank,
  renumber,
  similarity,
  weightedDegree,
  adamicAdar,
  jaccard,
  sharedNeighbours,
  seededRandom,
  type AnalyticsEdgeInput,
} from '../../graph/analytics';

function edges(pairs: Array<[string, string]>, type = 'RELATED_TO'): AnalyticsEdgeInput[] {
  return pairs.map(([s, t]) => ({ id: `${s}-${type}-${t}`, type, source: s, target: t }));
}

function graphOf(pairs: Array<[string, string]>) {
  const ids = [...new Set(pairs.flat())];
  return buildAnalyticsGraph({ nodes: ids.map((id) => ({ id })), edges: edges(pairs) });
}

/** A star: centre c and five leaves. */
const STAR = graphOf([
  ['c', 'l1'],
  ['c', 'l2'],
  ['c', 'l3'],
  ['c', 'l4'],
  ['c', 'l5'],
]);

/** Two 4-cliques, a1..a4 and b1..b4, joined by the bridge a4–b1. */
function clique(prefix: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 1; i <= 4; i++) for (let j = i + 1; j <= 4; j++) out.push([`${prefix}${i}`, `${prefix}${j}`]);
  return out;
}
const BARBELL = graphOf([...clique('a'), ...clique('b'), ['a4', 'b1']]);

describe('centrality on a star', () => {
  it('degree: the centre touches every leaf, each leaf only the centre', () => {
    const d = degree(STAR);
    expect(d).toEqual({ c: 5, l1: 1, l2: 1, l3: 1, l4: 1, l5: 1 });
    expect(degree(STAR, { normalized: true }).c).toBe(1);
    expect(degree(STAR, { normalized: true }).l1).toBeCloseTo(1 / 5);
  });

  it('betweenness: every leaf-to-leaf shortest path runs through the centre', () => {
    const b = betweenness(STAR);
    // 10 leaf pairs, all through c; normalised by the 10 pairs that do not involve c.
    expect(b.c).toBeCloseTo(1);
    for (const leaf of ['l1', 'l2', 'l3', 'l4', 'l5']) expect(b[leaf]).toBe(0);
    expect(betweenness(STAR, { normalized: false }).c).toBeCloseTo(10);
  });

  it('pagerank: the centre ranks first, the leaves tie, the total is 1', () => {
    const p = pagerank(STAR);
    const leaves = ['l1', 'l2', 'l3', 'l4', 'l5'].map((l) => p[l]!);
    for (const v of leaves) expect(v).toBeCloseTo(leaves[0]!, 9);
    expect(p.c!).toBeGreaterThan(leaves[0]!);
    expect(Object.values(p).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    // Stationary equations of the undirected star, solved by hand with alpha = 0.85:
    // c = 0.15/6 + 0.85 * 5 * leaf, leaf = 0.15/6 + 0.85 * c / 5.
    const leaf = ((0.15 / 6) * (1 + 0.85 / 5)) / (1 - 0.85 * 0.85);
    expect(leaves[0]!).toBeCloseTo(leaf, 6);
    expect(p.c!).toBeCloseTo(0.15 / 6 + 0.85 * 5 * leaf, 6);
  });

  it('closeness: the centre is one hop from all; a leaf averages (1 + 2·4)/5 hops', () => {
    const c = closeness(STAR);
    expect(c.c).toBeCloseTo(1);
    expect(c.l1).toBeCloseTo(5 / 9);
  });

  it('centrality(name) runs the metric with its defaults', () => {
    expect(centrality(STAR, 'betweenness')).toEqual(betweenness(STAR));
    expect(centrality(STAR, 'degree')).toEqual(degree(STAR));
  });
});

describe('centrality on two cliques joined by a bridge', () => {
  it('the bridge ends carry all the traffic between the cliques', () => {
    const top = rank(betweenness(BARBELL), { limit: 2 }).map((r) => r.id);
    expect(top).toEqual(['a4', 'b1']);
    // a4 lies on every path from a1..a3 to b1..b4 (12 pairs) and b1 likewise: 12 each, unnormalised.
    expect(betweenness(BARBELL, { normalized: false }).a4).toBeCloseTo(12);
  });

  it('closeness is highest at the bridge ends', () => {
    const top = rank(closeness(BARBELL), { limit: 2 }).map((r) => r.id);
    expect(top.sort()).toEqual(['a4', 'b1']);
  });
});

describe('communities (Louvain)', () => {
  it('finds the two cliques, with the modularity worked out by hand', () => {
    const result = communities.detailed(BARBELL);
    expect(result.count).toBe(2);
    const c = result.communities;
    for (const n of ['a1', 'a2', 'a3', 'a4']) expect(c[n]).toBe(c.a1);
    for (const n of ['b1', 'b2', 'b3', 'b4']) expect(c[n]).toBe(c.b1);
    expect(c.a1).not.toBe(c.b1);
    // m = 13 edges; each side: 6 internal edges, degree sum 13. Q = 2 (6/13 − (13/26)²).
    const expected = 2 * (6 / 13 - (13 / 26) ** 2);
    expect(result.modularity).toBeCloseTo(expected, 9);
    expect(modularity(BARBELL, c)).toBeCloseTo(expected, 9);
  });

  it('is deterministic: same answer on every run and for any input order', () => {
    const pairs: Array<[string, string]> = [];
    const rnd = seededRandom(7);
    const ids = Array.from({ length: 40 }, (_, i) => `n${String(i).padStart(2, '0')}`);
    for (let i = 0; i < 120; i++) {
      const a = ids[Math.floor(rnd() * ids.length)]!;
      const b = ids[Math.floor(rnd() * ids.length)]!;
      if (a !== b) pairs.push([a, b]);
    }
    const first = communities.detailed(graphOf(pairs));
    const again = communities.detailed(graphOf(pairs));
    const shuffled = communities.detailed(graphOf([...pairs].reverse().map(([a, b]) => [b, a] as [string, string])));
    expect(again).toEqual(first);
    expect(shuffled).toEqual(first);
    expect(first.count).toBeGreaterThan(1);
  });

  it('numbers communities by size, largest first', () => {
    const g = graphOf([...clique('a'), ['x', 'y']]);
    const c = communities(g);
    expect(c.a1).toBe(0);
    expect(c.x).toBe(1);
    expect(renumber({ p: 'z', q: 'z', r: 'y' })).toEqual({ p: 0, q: 0, r: 1 });
  });

  it('handles graphs without edges or nodes', () => {
    const lonely = buildAnalyticsGraph({ nodes: [{ id: 'b' }, { id: 'a' }], edges: [] });
    expect(communities.detailed(lonely)).toEqual({ communities: { a: 0, b: 1 }, count: 2, modularity: 0 });
    const empty = buildAnalyticsGraph({ nodes: [], edges: [] });
    expect(communities.detailed(empty)).toEqual({ communities: {}, count: 0, modularity: 0 });
    expect(pagerank(empty)).toEqual({});
    expect(betweenness(empty)).toEqual({});
  });

  it('assign writes the community attribute', () => {
    const g = BARBELL.copy();
    communities.assign(g, { attribute: 'group' });
    expect(g.getNodeAttribute('a1', 'group')).toBe(g.getNodeAttribute('a2', 'group'));
    expect(g.getNodeAttribute('a1', 'group')).not.toBe(g.getNodeAttribute('b4', 'group'));
  });
});

describe('similarity', () => {
  // N(a) = {x, y, z}, N(b) = {x, y, w}; x also links to q.
  const g = graphOf([
    ['a', 'x'],
    ['a', 'y'],
    ['a', 'z'],
    ['b', 'x'],
    ['b', 'y'],
    ['b', 'w'],
    ['x', 'q'],
  ]);

  it('shared neighbours, Jaccard and Adamic–Adar by hand', () => {
    expect(sharedNeighbours(g, 'a', 'b')).toEqual(['x', 'y']);
    expect(jaccard(g, 'a', 'b')).toBeCloseTo(2 / 4);
    // deg(x) = 3 (a, b, q), deg(y) = 2 (a, b).
    expect(adamicAdar(g, 'a', 'b')).toBeCloseTo(1 / Math.log(3) + 1 / Math.log(2));
    const s = similarity(g, 'a', 'b');
    expect(s).toMatchObject({ shared: ['x', 'y'], onlyA: ['z'], onlyB: ['w'], adjacent: false });
  });

  it('is symmetric and zero for strangers', () => {
    expect(jaccard(g, 'b', 'a')).toBe(jaccard(g, 'a', 'b'));
    expect(jaccard(g, 'z', 'w')).toBe(0);
    expect(adamicAdar(g, 'q', 'w')).toBe(0);
    expect(jaccard(g, 'a', 'missing')).toBe(0);
  });
});

describe('the analytics graph', () => {
  it('merges parallel relationships into one weighted edge and drops self-loops and dangling edges', () => {
    const g = buildAnalyticsGraph({
      nodes: [
        { id: 'b', kind: 'Challenge' },
        { id: 'a', kind: 'Outlook' },
      ],
      edges: [
        { id: 'a-ADDRESSES-b', type: 'ADDRESSES', source: 'a', target: 'b' },
        { id: 'b-PART_OF-a', type: 'PART_OF', source: 'b', target: 'a' },
        { id: 'a-ADDRESSES-b', type: 'ADDRESSES', source: 'a', target: 'b' },
        { id: 'a-RELATED_TO-a', type: 'RELATED_TO', source: 'a', target: 'a' },
        { id: 'a-RELATED_TO-zzz', type: 'RELATED_TO', source: 'a', target: 'zzz' },
      ],
    });
    expect(g.order).toBe(2);
    expect(g.size).toBe(1);
    const [edge] = g.edges();
    expect(g.getEdgeAttribute(edge!, 'weight')).toBe(2);
    expect(g.getEdgeAttribute(edge!, 'rels').map((r) => r.id)).toEqual(['a-ADDRESSES-b', 'b-PART_OF-a']);
    expect(g.nodes()).toEqual(['a', 'b']);
    expect(weightedDegree(g)).toEqual({ a: 2, b: 2 });
    expect(degree(g)).toEqual({ a: 1, b: 1 });
  });

  it("takes the caller's weights (co-occurrence counts)", () => {
    const g = buildAnalyticsGraph({
      nodes: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      edges: [
        { id: 'ab', type: 'CO_OCCURS', source: 'a', target: 'b', weight: 5 },
        { id: 'bc', type: 'CO_OCCURS', source: 'b', target: 'c', weight: 1 },
      ],
    });
    expect(weightedDegree(g)).toEqual({ a: 5, b: 6, c: 1 });
    const p = pagerank(g);
    expect(p.a!).toBeGreaterThan(p.c!);
    const flat = pagerank(g, { weighted: false });
    expect(flat.a!).toBeCloseTo(flat.c!, 9);
  });
});

describe('options merge over defaults', () => {
  it('exposes frozen defaults and ignores options given as undefined', () => {
    expect(pagerank.defaults.alpha).toBe(0.85);
    expect(Object.isFrozen(pagerank.defaults)).toBe(true);
    expect(pagerank(STAR, { alpha: undefined })).toEqual(pagerank(STAR));
    expect(pagerank(STAR, { alpha: 0.5 }).c).not.toBeCloseTo(pagerank(STAR).c!, 3);
  });

  it('assign writes to the attribute named in the options, or the default one', () => {
    const g = new UndirectedGraph();
    g.mergeEdge('x', 'y');
    g.mergeEdge('y', 'z');
    degree.assign(g);
    betweenness.assign(g, { attribute: 'between', normalized: false });
    expect(g.getNodeAttribute('y', 'degree')).toBe(2);
    expect(g.getNodeAttribute('y', 'between')).toBeCloseTo(1);
    expect(g.getNodeAttribute('x', 'between')).toBe(0);
  });
});

describe('rank', () => {
  it('orders by value, breaks ties by id, shares ranks between equal values', () => {
    const r = rank({ d: 1, b: 3, c: 3, a: 5, e: 0.1 + 0.2, f: 0.3 });
    expect(r.map((x) => x.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(r.map((x) => x.rank)).toEqual([1, 2, 2, 4, 5, 5]);
    expect(rank({ a: 1, b: 2, c: 3 }, { limit: 2, include: (id) => id !== 'c' }).map((x) => x.id)).toEqual(['b', 'a']);
  });
});
