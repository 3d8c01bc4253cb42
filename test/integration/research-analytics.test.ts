/**
 * Analytics on the curated graph, checked against values this test computes
 * itself from /api/graph with textbook algorithms (breadth-first search,
 * Brandes, power iteration, the modularity formula): no number here is copied
 * from the API's own output.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CentralityDTO, CommunitiesDTO, CompareDTO, NodeMetricsDTO } from '../../graph/analytics';
import type { ErrorDTO, SubgraphDTO } from '../../graph/contracts';
import { DocumentRepository } from '../../server/repositories/document-repository';
import { makeScope } from '../../server/services/scope';
import { AnalyticsService } from '../../server/services/research/analytics';
import { api, startTestServer, type TestServer } from '../helpers/server';

type Adjacency = Map<string, Map<string, number>>;

/** Undirected adjacency with, per pair, the number of relationships between them. */
function adjacencyOf(sub: SubgraphDTO): Adjacency {
  const adj: Adjacency = new Map(sub.nodes.map((n) => [n.id, new Map()]));
  for (const e of sub.edges) {
    if (e.source === e.target || !adj.has(e.source) || !adj.has(e.target)) continue;
    adj.get(e.source)!.set(e.target, (adj.get(e.source)!.get(e.target) ?? 0) + 1);
    adj.get(e.target)!.set(e.source, (adj.get(e.target)!.get(e.source) ?? 0) + 1);
  }
  return adj;
}

function bfs(adj: Adjacency, s: string): Map<string, number> {
  const dist = new Map([[s, 0]]);
  const queue = [s];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    for (const w of adj.get(v)!.keys()) {
      if (!dist.has(w)) {
        dist.set(w, dist.get(v)! + 1);
        queue.push(w);
      }
    }
  }
  return dist;
}

/** Brandes' betweenness over ordered pairs, divided by (n − 1)(n − 2). */
function betweenness(adj: Adjacency): Map<string, number> {
  const cb = new Map([...adj.keys()].map((v) => [v, 0]));
  for (const s of adj.keys()) {
    const stack: string[] = [];
    const preds = new Map<string, string[]>([...adj.keys()].map((v) => [v, []]));
    const sigma = new Map([...adj.keys()].map((v) => [v, 0]));
    const dist = new Map<string, number>();
    sigma.set(s, 1);
    dist.set(s, 0);
    const queue = [s];
    for (let i = 0; i < queue.length; i++) {
      const v = queue[i]!;
      stack.push(v);
      for (const w of adj.get(v)!.keys()) {
        if (!dist.has(w)) {
          dist.set(w, dist.get(v)! + 1);
          queue.push(w);
        }
        if (dist.get(w) === dist.get(v)! + 1) {
          sigma.set(w, sigma.get(w)! + sigma.get(v)!);
          preds.get(w)!.push(v);
        }
      }
    }
    const delta = new Map([...adj.keys()].map((v) => [v, 0]));
    while (stack.length > 0) {
      const w = stack.pop()!;
      for (const v of preds.get(w)!) delta.set(v, delta.get(v)! + (sigma.get(v)! / sigma.get(w)!) * (1 + delta.get(w)!));
      if (w !== s) cb.set(w, cb.get(w)! + delta.get(w)!);
    }
  }
  const n = adj.size;
  for (const [v, x] of cb) cb.set(v, x / ((n - 1) * (n - 2)));
  return cb;
}

/** Weighted PageRank by power iteration to a tight tolerance; dangling mass spread evenly. */
function pagerank(adj: Adjacency, alpha = 0.85): Map<string, number> {
  const ids = [...adj.keys()];
  const n = ids.length;
  const out = new Map(ids.map((v) => [v, [...adj.get(v)!.values()].reduce((a, b) => a + b, 0)]));
  let x = new Map(ids.map((v) => [v, 1 / n]));
  for (let it = 0; it < 1000; it++) {
    const dangling = ids.filter((v) => out.get(v) === 0).reduce((a, v) => a + x.get(v)!, 0);
    const next = new Map(ids.map((v) => [v, (1 - alpha) / n + (alpha * dangling) / n]));
    for (const v of ids) for (const [w, weight] of adj.get(v)!) next.set(w, next.get(w)! + (alpha * x.get(v)! * weight) / out.get(v)!);
    const err = ids.reduce((a, v) => a + Math.abs(next.get(v)! - x.get(v)!), 0);
    x = next;
    if (err < 1e-14) break;
  }
  return x;
}

/** Closeness with the Wasserman–Faust correction: (r / Σd) · (r / (n − 1)). */
function closeness(adj: Adjacency): Map<string, number> {
  const n = adj.size;
  return new Map(
    [...adj.keys()].map((v) => {
      const d = [...bfs(adj, v).values()].filter((x) => x > 0);
      const total = d.reduce((a, b) => a + b, 0);
      return [v, total > 0 ? (d.length / total) * (d.length / (n - 1)) : 0];
    }),
  );
}

/** Top entries: highest value first, ties by id. */
function top(values: Map<string, number>, k: number, include: (id: string) => boolean = () => true): Array<[string, number]> {
  return [...values]
    .filter(([id]) => include(id))
    .sort((a, b) => (Math.abs(b[1] - a[1]) > 1e-12 ? b[1] - a[1] : a[0] < b[0] ? -1 : 1))
    .slice(0, k);
}

describe('analytics on the curated graph', () => {
  let srv: TestServer;
  let sub: SubgraphDTO;
  let adj: Adjacency;
  const get = <T>(path: string) => api<T>(srv.baseUrl, path);

  beforeAll(async () => {
    srv = await startTestServer();
    sub = (await get<SubgraphDTO>('/api/graph?limit=20000')).body;
    adj = adjacencyOf(sub);
  });
  afterAll(() => srv.close());

  async function ranking(query: string) {
    const r = await get<CentralityDTO>(`/api/analytics/centrality?${query}`);
    expect(r.status).toBe(200);
    return r.body;
  }

  it('analyses the whole curated graph', async () => {
    const r = await ranking('metric=degree&limit=5');
    const pairs = [...adj.values()].reduce((a, m) => a + m.size, 0) / 2;
    const rels = [...adj.values()].reduce((a, m) => a + [...m.values()].reduce((x, y) => x + y, 0), 0) / 2;
    expect(r.graph).toEqual({ nodes: sub.nodes.length, edges: pairs, relationships: rels, truncated: false });
    expect(r.scope).toEqual({ ns: ['curated'], kinds: null, types: expect.arrayContaining(['MITIGATES', 'ADDRESSES']) });
  });

  it('degree and weighted degree: the best-connected nodes', async () => {
    const expected = top(new Map([...adj].map(([v, m]) => [v, m.size])), 10);
    const r = await ranking('metric=degree&limit=10');
    expect(r.ranking.map((x) => [x.id, x.value])).toEqual(expected);
    expect(r.ranking[0]!.rank).toBe(1);
    const weighted = top(new Map([...adj].map(([v, m]) => [v, [...m.values()].reduce((a, b) => a + b, 0)])), 10);
    expect((await ranking('metric=weightedDegree&limit=10')).ranking.map((x) => [x.id, x.value])).toEqual(weighted);
  });

  it('betweenness: the same ranking and values as Brandes computed here', async () => {
    const expected = top(betweenness(adj), 8);
    const r = await ranking('metric=betweenness&limit=8');
    expect(r.ranking.map((x) => x.id)).toEqual(expected.map(([id]) => id));
    r.ranking.forEach((x, i) => expect(x.value).toBeCloseTo(expected[i]![1], 9));
  });

  it('pagerank and closeness agree with a power iteration and breadth-first searches', async () => {
    const pr = top(pagerank(adj), 8);
    const r = await ranking('metric=pagerank&limit=8');
    expect(r.ranking.map((x) => x.id)).toEqual(pr.map(([id]) => id));
    r.ranking.forEach((x, i) => expect(x.value).toBeCloseTo(pr[i]![1], 6));
    const cl = top(closeness(adj), 8);
    const c = await ranking('metric=closeness&limit=8');
    expect(c.ranking.map((x) => x.id)).toEqual(cl.map(([id]) => id));
    c.ranking.forEach((x, i) => expect(x.value).toBeCloseTo(cl[i]![1], 9));
  });

  it('ranks only the kinds asked for: the most central technologies', async () => {
    const kind = new Map(sub.nodes.map((n) => [n.id, n.kind]));
    const expected = top(betweenness(adj), 5, (id) => kind.get(id) === 'Technology');
    const r = await ranking('metric=betweenness&rankKinds=Technology&limit=5');
    expect(r.ranking.every((x) => x.kind === 'Technology')).toBe(true);
    expect(r.ranking.map((x) => x.id)).toEqual(expected.map(([id]) => id));
    // The metric is still computed on the whole graph, not on technologies alone.
    expect(r.graph.nodes).toBe(sub.nodes.length);
  });

  it('computes on a filtered subgraph when kinds and types are given', async () => {
    const filtered = (await get<SubgraphDTO>('/api/graph?kinds=Challenge,Outlook,Technology&types=MITIGATES,ADDRESSES,ENABLES&limit=20000'))
      .body;
    const fadj = adjacencyOf(filtered);
    const expected = top(new Map([...fadj].map(([v, m]) => [v, m.size])), 5);
    const r = await ranking('metric=degree&kinds=Challenge,Outlook,Technology&types=MITIGATES,ADDRESSES,ENABLES&limit=5');
    expect(r.graph.nodes).toBe(filtered.nodes.length);
    expect(r.ranking.map((x) => [x.id, x.value])).toEqual(expected);
    expect(r.scope.kinds).toEqual(['Challenge', 'Outlook', 'Technology']);
  });

  it('communities partition the graph, with the modularity the formula gives, the same on every call', async () => {
    const r = await get<CommunitiesDTO>('/api/analytics/communities');
    expect(r.status).toBe(200);
    const { communities, modularity, count } = r.body;
    expect(count).toBe(communities.length);
    expect(count).toBeGreaterThan(2);
    const members = communities.flatMap((c) => c.members.map((m) => m.id));
    expect(members.sort()).toEqual([...adj.keys()].sort());
    expect(communities.map((c) => c.size)).toEqual([...communities.map((c) => c.size)].sort((a, b) => b - a));
    for (const c of communities) {
      expect(c.size).toBe(c.members.length);
      expect(c.label).toEqual({ zh: c.members[0]!.name_zh, en: c.members[0]!.name_en });
    }
    // Q = Σ_c [ L_c / m − (d_c / 2m)² ] with weights = relationships per pair.
    const community = new Map(communities.flatMap((c) => c.members.map((m) => [m.id, c.id] as const)));
    let m = 0;
    const inside = new Map<number, number>();
    const degreeSum = new Map<number, number>();
    for (const [v, nbrs] of adj) {
      for (const [w, weight] of nbrs) {
        degreeSum.set(community.get(v)!, (degreeSum.get(community.get(v)!) ?? 0) + weight);
        if (v < w) {
          m += weight;
          if (community.get(v) === community.get(w)) inside.set(community.get(v)!, (inside.get(community.get(v)!) ?? 0) + weight);
        }
      }
    }
    let q = 0;
    for (const c of new Set(community.values())) q += (inside.get(c) ?? 0) / m - ((degreeSum.get(c) ?? 0) / (2 * m)) ** 2;
    expect(modularity).toBeCloseTo(q, 9);
    expect(modularity).toBeGreaterThan(0.3);
    // Deterministic: a fresh server computes the same partition.
    const other = await startTestServer();
    try {
      expect((await api<CommunitiesDTO>(other.baseUrl, '/api/analytics/communities')).body).toEqual(r.body);
    } finally {
      await other.close();
    }
  });

  it('serves every metric and community per node, with the maxima for scaling', async () => {
    const r = (await get<NodeMetricsDTO>('/api/analytics/nodes')).body;
    expect(Object.keys(r.nodes).sort()).toEqual([...adj.keys()].sort());
    const degrees = [...adj.values()].map((nb) => nb.size);
    expect(r.max.degree).toBe(Math.max(...degrees));
    for (const [id, nb] of adj) expect(r.nodes[id]!.degree).toBe(nb.size);
    const communities = (await get<CommunitiesDTO>('/api/analytics/communities')).body;
    for (const c of communities.communities) for (const m of c.members) expect(r.nodes[m.id]!.community).toBe(c.id);
  });

  it('compares federated learning and differential privacy: shared neighbours, similarity, paths', async () => {
    const a = 'technology:federated-learning';
    const b = 'technology:differential-privacy';
    const r = await get<CompareDTO>(`/api/analytics/compare?a=${a}&b=${b}`);
    expect(r.status).toBe(200);
    const na = new Set(adj.get(a)!.keys());
    const nb = new Set(adj.get(b)!.keys());
    const shared = [...na].filter((z) => nb.has(z) && z !== a && z !== b).sort();
    const union = new Set([...na, ...nb]);
    expect(r.body.shared.map((s) => s.id).sort()).toEqual(shared);
    expect(shared.length).toBeGreaterThan(0);
    expect(r.body.jaccard).toBeCloseTo(shared.length / union.size, 12);
    expect(r.body.adamicAdar).toBeCloseTo(
      shared.reduce((s, z) => s + 1 / Math.log(adj.get(z)!.size), 0),
      12,
    );
    expect(r.body.adjacent).toBe(na.has(b));
    // Each shared neighbour says how a and b are linked to it, in words.
    for (const s of r.body.shared) {
      expect(s.viaA.length).toBe(adj.get(a)!.get(s.id));
      expect(s.viaB.length).toBe(adj.get(b)!.get(s.id));
      expect(s.viaA[0]!.sentence.zh).toMatch(/联邦学习/);
    }
    // Paths: the shortest one is as long as a breadth-first search says.
    expect(r.body.paths.paths.length).toBeGreaterThan(0);
    expect(r.body.paths.paths[0]!.length).toBe(bfs(adj, a).get(b));
    expect(r.body.onlyA.map((x) => x.id).sort()).toEqual([...na].filter((z) => !nb.has(z) && z !== b).sort());
  });

  it('refuses betweenness and closeness on request when they would block the server too long', async () => {
    const { services, db, cypher } = srv.app;
    const small = new AnalyticsService(services.graphView, services.paths, services.graphRepository, new DocumentRepository(db, cypher), {
      maxPathWork: 1000,
    });
    const scope = makeScope({});
    const opts = { limit: 5, rankKinds: null, maxNodes: 5000 };
    await expect(small.centrality(scope, 'betweenness', opts)).rejects.toThrow(
      /too costly to compute on request — .* set maxNodes to about \d+/,
    );
    await expect(small.centrality(scope, 'closeness', opts)).rejects.toThrow(/too costly/);
    expect((await small.centrality(scope, 'pagerank', opts)).ranking).toHaveLength(5);
  });

  it('explains bad comparisons', async () => {
    const same = await get<ErrorDTO>('/api/analytics/compare?a=technology:rag&b=technology:rag');
    expect(same.status).toBe(400);
    expect(same.body.error.message).toMatch(/same node/);
    const missing = await get<ErrorDTO>('/api/analytics/compare?a=technology:rag&b=technology:rag2');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('analytics: node "technology:rag2" not found — search for an id with /api/search?q=…');
    const outside = await get<ErrorDTO>('/api/analytics/compare?a=technology:rag&b=challenge:hallucination&kinds=Technology');
    expect(outside.status).toBe(400);
    expect(outside.body.error.message).toMatch(/outside the analysed scope/);
    const metric = await get<ErrorDTO>('/api/analytics/centrality?metric=katz');
    expect(metric.status).toBe(400);
    expect(metric.body.error.message).toMatch(/metric must be one of degree, weightedDegree, pagerank, betweenness, closeness/);
  });
});
