/**
 * The query API against the real Neo4j and the real HTTP server: content of
 * every endpoint's answer, and its bad inputs (always 4xx with the field).
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CypherResultDTO,
  ErrorDTO,
  NodeDetailsDTO,
  PathsResultDTO,
  SchemaDTO,
  SearchResultDTO,
  SourceTextDTO,
  SubgraphDTO,
  TemplateDTO,
} from '../../graph/contracts';
import { loadDataset } from '../../graph/dataset/load';
import { NODE_KINDS, REL_TYPES } from '../../graph/model';
import { api, startTestServer, type TestServer } from '../helpers/server';

const dataset = loadDataset();
let srv: TestServer;
const get = <T>(path: string) => api<T>(srv.baseUrl, path);

beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv.close());

function expectError(r: { status: number; body: unknown }, status: number, field?: RegExp) {
  expect(r.status).toBe(status);
  const body = r.body as ErrorDTO;
  expect(body.error.code).toMatch(/^[A-Z_]+$/);
  expect(body.error.message.length).toBeGreaterThan(10);
  if (field) expect(body.error.message).toMatch(field);
  expect(JSON.stringify(body)).not.toMatch(/at .+\.ts:\d+/); // no stack traces
}

describe('GET /api/schema', () => {
  it('lists every kind and type with bilingual descriptions and counts matching the dataset', async () => {
    const r = await get<SchemaDTO>('/api/schema');
    expect(r.status).toBe(200);
    expect(r.body.kinds.map((k) => k.kind)).toEqual([...NODE_KINDS]);
    expect(r.body.types.map((t) => t.type)).toEqual([...REL_TYPES]);
    for (const kind of NODE_KINDS) {
      const expected =
        dataset.nodes.filter((n) => n.kind === kind).length +
        (kind === 'Document' ? dataset.documents.filter((d) => !dataset.nodes.some((n) => n.id === d.id)).length : 0);
      expect(r.body.kinds.find((k) => k.kind === kind)?.count, kind).toBe(expected);
    }
    const mitigates = r.body.types.find((t) => t.type === 'MITIGATES')!;
    expect(mitigates.count).toBe(dataset.relationships.filter((x) => x.type === 'MITIGATES').length);
    expect(mitigates.description.zh.length).toBeGreaterThan(2);
    expect(mitigates.verb.en).toBe('mitigates');
  });
});

describe('GET /api/search', () => {
  it.each([
    ['幻觉', 'challenge:hallucination'],
    ['hallucination', 'challenge:hallucination'],
    ['RAG', 'technology:rag'],
    ['检索增强', 'technology:rag'],
    ['retrieval-augmented generation', 'technology:rag'],
    ['halucination', 'challenge:hallucination'], // a typo
    ['federat', 'technology:federated-learning'], // a prefix
    ['ＲＡＧ', 'technology:rag'], // full-width
    ['联邦', 'technology:federated-learning'],
    ['OpenAI', 'org:openai'],
  ])('%s finds %s first', async (q, id) => {
    const r = await get<SearchResultDTO>(`/api/search?q=${encodeURIComponent(q)}`);
    expect(r.status).toBe(200);
    expect(r.body.hits[0]?.id).toBe(id);
  });

  it('finds what the bigram index cannot: one Chinese character, a fragment inside a word', async () => {
    for (const [q, id] of [
      ['幻', 'challenge:hallucination'],
      ['ucinat', 'challenge:hallucination'],
      ['derated lear', 'technology:federated-learning'],
    ] as const) {
      const r = await get<SearchResultDTO>(`/api/search?q=${encodeURIComponent(q)}&limit=20`);
      expect(r.status, q).toBe(200);
      expect(
        r.body.hits.map((h) => h.id),
        q,
      ).toContain(id);
    }
  });

  it('filters by kind and honours the limit', async () => {
    const r = await get<SearchResultDTO>('/api/search?q=llama&kinds=Model&limit=3');
    expect(r.status).toBe(200);
    expect(r.body.hits.length).toBeGreaterThan(0);
    expect(r.body.hits.length).toBeLessThanOrEqual(3);
    expect(r.body.hits.every((h) => h.kind === 'Model')).toBe(true);
  });

  it('treats query syntax as text', async () => {
    for (const q of ["'}) DETACH DELETE n //", 'title:*', 'a AND (b', '"unterminated', '\\']) {
      const r = await get<SearchResultDTO>(`/api/search?q=${encodeURIComponent(q)}`);
      expect(r.status, q).toBe(200);
      expect(Array.isArray(r.body.hits)).toBe(true);
    }
  });

  it('refuses bad parameters with the field named', async () => {
    expectError(await get('/api/search'), 400, /query\.q/);
    expectError(await get('/api/search?q='), 400, /query\.q/);
    expectError(await get(`/api/search?q=${'x'.repeat(201)}`), 400, /query\.q/);
    expectError(await get('/api/search?q=a&q=b'), 400, /query\.q/);
    expectError(await get('/api/search?q=rag&limit=0'), 400, /query\.limit/);
    expectError(await get('/api/search?q=rag&limit=abc'), 400, /query\.limit/);
    expectError(await get('/api/search?q=rag&kinds=Person,Hacker'), 400, /query\.kinds/);
  });
});

describe('GET /api/nodes/:id', () => {
  it('gives an inferred relationship its rationale in English and in Chinese', async () => {
    const id = 'technology:federated-learning-BUILDS_ON-technology:distributed-computing';
    const source = dataset.relationships.find((r) => r.id === id)!;
    expect(source.evidence).toBe('inferred');
    const r = await get<NodeDetailsDTO>('/api/nodes/technology:federated-learning');
    const edge = r.body.relationships.find((x) => x.edge.id === id)?.edge;
    expect(edge).toMatchObject({ evidence: 'inferred', rationale: source.rationale, rationale_zh: source.rationale_zh });
    expect(edge!.rationale_zh).toMatch(/分布式训练框架/);
  });

  it('returns the node with resolved provenance and relationships in words', async () => {
    const r = await get<NodeDetailsDTO>('/api/nodes/technology:federated-learning');
    expect(r.status).toBe(200);
    const node = r.body.node;
    const source = dataset.nodes.find((n) => n.id === 'technology:federated-learning')!;
    expect(node.name_zh).toBe(source.name_zh);
    expect(node.name_en).toBe(source.name_en);
    expect(node.citations.length).toBe(source.citations.length);
    for (const c of node.citations) {
      expect(c.paragraph).toBeTruthy();
      expect(c.paragraph!.slice(c.start, c.end)).toBe(c.quote);
    }
    const privacy = r.body.relationships.find((x) => x.other.id === 'challenge:data-privacy');
    expect(privacy).toBeDefined();
    expect(privacy!.edge.type).toBe('MITIGATES');
    expect(privacy!.direction).toBe('out');
    expect(privacy!.sentence.zh).toContain('联邦学习');
    expect(privacy!.sentence.en.toLowerCase()).toContain('mitigates');
    expect(privacy!.edge.citations[0]!.paragraph).toContain(privacy!.edge.citations[0]!.quote);
    const expectedDegree = dataset.relationships.filter((x) => x.source === node.id || x.target === node.id).length;
    expect(r.body.relationships.length).toBe(expectedDegree);
  });

  it('404s an unknown id with how to find one', async () => {
    expectError(await get('/api/nodes/technology:rag2'), 404, /technology:rag2.*\/api\/search/);
  });

  it('400s a malformed id', async () => {
    expectError(await get('/api/nodes/nocolon'), 400, /params\.id/);
    expectError(await get(`/api/nodes/technology:${'x'.repeat(300)}`), 400, /params\.id/);
  });
});

describe('GET /api/nodes/:id/text', () => {
  const DOC = dataset.documents[0]!.id;

  it("reads the source article paragraph by paragraph, each with every quote the dataset's nodes and relationships take from it", async () => {
    const r = await get<SourceTextDTO>(`/api/nodes/${DOC}/text`);
    expect(r.status).toBe(200);
    const paragraphs = dataset.passages.filter((p) => p.document === DOC && p.sentence === 0).sort((a, b) => a.paragraph - b.paragraph);
    expect(r.body.document).toMatchObject({ id: DOC, kind: 'Document' });
    expect(r.body.paragraphs.map((p) => [p.id, p.text])).toEqual(paragraphs.map((p) => [p.id, p.text]));

    // Every citation in the dataset, by node and by relationship, stands in its paragraph, quote placed.
    const sentence = new Map(dataset.passages.map((p) => [p.id, p]));
    const paragraphOf = (passage: string) => paragraphs.find((p) => p.paragraph === sentence.get(passage)!.paragraph)!.id;
    const expected = [
      ...dataset.nodes.flatMap((n) => n.citations.map((c) => `${paragraphOf(c.passage)} node ${n.id} ${c.quote}`)),
      ...dataset.relationships.flatMap((x) => x.citations.map((c) => `${paragraphOf(c.passage)} rel ${x.id} ${c.quote}`)),
    ];
    const got = r.body.paragraphs.flatMap((p) =>
      p.citations.map((c) => `${p.id} ${c.node ? `node ${c.node.id}` : `rel ${c.relationship!.id}`} ${c.quote}`),
    );
    expect(got.sort()).toEqual(expected.sort());
    for (const p of r.body.paragraphs) {
      for (const c of p.citations) {
        expect(c.start, `${c.passage} ${c.quote}`).toBeGreaterThanOrEqual(0);
        expect(p.text.slice(c.start, c.end)).toBe(c.quote);
      }
      // In reading order.
      expect(p.citations.map((c) => c.start)).toEqual([...p.citations.map((c) => c.start)].sort((a, b) => a - b));
    }
    // A relationship names both ends, as the dataset has them.
    const rel = dataset.relationships[0]!;
    const cited = r.body.paragraphs.flatMap((p) => p.citations).find((c) => c.relationship?.id === rel.id)!;
    expect(cited.relationship).toMatchObject({
      type: rel.type,
      evidence: rel.evidence,
      source: { id: rel.source },
      target: { id: rel.target },
    });
    expect(r.body.counts).toEqual({
      paragraphs: paragraphs.length,
      cited: r.body.paragraphs.filter((p) => p.citations.length > 0).length,
      nodes: dataset.nodes.filter((n) => n.citations.length > 0).length,
      relationships: dataset.relationships.filter((x) => x.citations.length > 0).length,
    });
    expect(r.body.counts.cited).toBeGreaterThan(paragraphs.length / 2);
  });

  it('refuses a node that is not a Document with its kind and where its citations are, and a missing one with 404', async () => {
    const notDoc = await get('/api/nodes/technology:federated-learning/text');
    expectError(notDoc, 400, /"technology:federated-learning" is a Technology, not a Document/);
    expect((notDoc.body as ErrorDTO).error.message).toContain('/api/nodes/technology:federated-learning');
    expectError(await get('/api/nodes/document:no-such-article/text'), 404, /document:no-such-article/);
    expectError(await get('/api/nodes/not-an-id/text'), 400, /id/);
  });
});

describe('GET /api/nodes/:id/neighbors', () => {
  it('returns the depth-1 neighbourhood with the edges among it', async () => {
    const r = await get<SubgraphDTO>('/api/nodes/challenge:hallucination/neighbors?depth=1');
    expect(r.status).toBe(200);
    const expected = new Set(
      dataset.relationships.flatMap((x) =>
        x.source === 'challenge:hallucination' ? [x.target] : x.target === 'challenge:hallucination' ? [x.source] : [],
      ),
    );
    expect(new Set(r.body.nodes.map((n) => n.id))).toEqual(new Set(['challenge:hallucination', ...expected]));
    expect(r.body.truncated).toBe(false);
    const ids = new Set(r.body.nodes.map((n) => n.id));
    expect(r.body.edges.every((e) => ids.has(e.source) && ids.has(e.target))).toBe(true);
    expect(r.body.edges.some((e) => e.source === 'technology:rag' && e.type === 'MITIGATES')).toBe(true);
  });

  it('says truncated, with the total, when the limit cuts', async () => {
    const full = await get<SubgraphDTO>('/api/nodes/challenge:hallucination/neighbors?depth=2&limit=5000');
    const cut = await get<SubgraphDTO>('/api/nodes/challenge:hallucination/neighbors?depth=2&limit=3');
    expect(cut.body.truncated).toBe(true);
    expect(cut.body.nodes.length).toBe(4); // the start node and three neighbours
    expect(cut.body.total?.nodes).toBe(full.body.nodes.length - 1);
    // Depth 1: the only level is the last, counted without its ids.
    const full1 = await get<SubgraphDTO>('/api/nodes/challenge:hallucination/neighbors?depth=1&limit=5000');
    const cut1 = await get<SubgraphDTO>('/api/nodes/challenge:hallucination/neighbors?depth=1&limit=2');
    expect(cut1.body.truncated).toBe(true);
    expect(cut1.body.total?.nodes).toBe(full1.body.nodes.length - 1);
  });

  it('filters by kind and type', async () => {
    const r = await get<SubgraphDTO>('/api/nodes/challenge:hallucination/neighbors?kinds=Technology&types=MITIGATES');
    expect(r.body.nodes.slice(1).every((n) => n.kind === 'Technology')).toBe(true);
    expect(r.body.edges.every((e) => e.type === 'MITIGATES')).toBe(true);
    expect(r.body.nodes.length).toBeGreaterThan(3);
  });

  it('refuses out-of-range depth and unknown types', async () => {
    expectError(await get('/api/nodes/challenge:hallucination/neighbors?depth=4'), 400, /query\.depth/);
    expectError(await get('/api/nodes/challenge:hallucination/neighbors?types=KNOWS'), 400, /query\.types/);
    expectError(await get('/api/nodes/challenge:nothing/neighbors'), 404);
  });
});

describe('GET /api/paths', () => {
  it('connects federated learning to data privacy in one cited hop', async () => {
    const r = await get<PathsResultDTO>('/api/paths?from=technology:federated-learning&to=challenge:data-privacy');
    expect(r.status).toBe(200);
    expect(r.body.paths).toHaveLength(1);
    const path = r.body.paths[0]!;
    expect(path.length).toBe(1);
    expect(path.explanation[0]!.sentence.zh).toBe('联邦学习缓解数据隐私保护');
    // The hop's quotes are its edge's, given once in the answer's edges.
    const edge = r.body.edges.find((e) => e.id === path.explanation[0]!.edge)!;
    expect(edge.citations[0]!.document).toBe('document:llm-ten-challenges');
    expect(edge.citations[0]!.paragraph).toContain(edge.citations[0]!.quote);
    expect(r.body.nodes.map((n) => n.id)).toEqual(['technology:federated-learning', 'challenge:data-privacy']);
  });

  it('explains how federated learning connects to the energy problem, hop by hop', async () => {
    const r = await get<PathsResultDTO>('/api/paths?from=technology:federated-learning&to=challenge:energy-consumption');
    const path = r.body.paths[0]!;
    expect(path.nodes[0]).toBe('technology:federated-learning');
    expect(path.nodes.at(-1)).toBe('challenge:energy-consumption');
    expect(path.explanation).toHaveLength(path.length);
    expect(path.edges).toEqual(path.explanation.map((h) => h.edge));
    const edges = new Map(r.body.edges.map((e) => [e.id, e]));
    for (const [i, hop] of path.explanation.entries()) {
      expect(hop.from).toBe(path.nodes[i]);
      expect(hop.to).toBe(path.nodes[i + 1]);
      expect(hop.sentence.en.length).toBeGreaterThan(5);
      const edge = edges.get(hop.edge)!;
      expect([edge.source, edge.target].sort()).toEqual([hop.from, hop.to].sort());
      expect(hop.direction).toBe(edge.source === hop.from ? 'forward' : 'backward');
      expect(edge.citations.length).toBeGreaterThan(0);
    }
  });

  it('agrees with a breadth-first search over the dataset on the shortest length', async () => {
    const adj = new Map<string, Set<string>>();
    for (const x of dataset.relationships) {
      if (!adj.has(x.source)) adj.set(x.source, new Set());
      if (!adj.has(x.target)) adj.set(x.target, new Set());
      adj.get(x.source)!.add(x.target);
      adj.get(x.target)!.add(x.source);
    }
    const bfs = (a: string, b: string) => {
      const dist = new Map([[a, 0]]);
      const queue = [a];
      while (queue.length) {
        const u = queue.shift()!;
        for (const v of adj.get(u) ?? []) {
          if (!dist.has(v)) {
            dist.set(v, dist.get(u)! + 1);
            queue.push(v);
          }
        }
      }
      return dist.get(b);
    };
    for (const [a, b] of [
      ['org:epochai', 'model:recurrentgemma'],
      ['regulation:gdpr', 'challenge:energy-consumption'],
      ['technology:dola', 'org:oecd'],
    ] as const) {
      const r = await get<PathsResultDTO>(`/api/paths?from=${a}&to=${b}&maxHops=10`);
      expect(r.body.paths[0]?.length, `${a} → ${b}`).toBe(bfs(a, b));
    }
  });

  it('returns all shortest paths, each of the same length', async () => {
    const r = await get<PathsResultDTO>('/api/paths?from=technology:rag&to=challenge:energy-consumption&mode=all');
    expect(r.body.paths.length).toBeGreaterThan(0);
    expect(new Set(r.body.paths.map((p) => p.length)).size).toBe(1);
    expect(new Set(r.body.paths.map((p) => p.nodes.join('>'))).size).toBe(r.body.paths.length);
  });

  it('gives every node and edge of the paths once, and the paths by id', async () => {
    const r = await get<PathsResultDTO>('/api/paths?from=technology:rag&to=challenge:energy-consumption&mode=all');
    expect(r.body.paths.length).toBeGreaterThan(1);
    const nodeIds = r.body.nodes.map((n) => n.id);
    const edgeIds = r.body.edges.map((e) => e.id);
    // Once each, and exactly those the paths run through.
    expect(new Set(nodeIds).size).toBe(nodeIds.length);
    expect(new Set(edgeIds).size).toBe(edgeIds.length);
    expect(new Set(nodeIds)).toEqual(new Set(r.body.paths.flatMap((p) => p.nodes)));
    expect(new Set(edgeIds)).toEqual(new Set(r.body.paths.flatMap((p) => p.edges)));
    // The paths share nodes, so the answer holds fewer nodes than the paths visit.
    expect(nodeIds.length).toBeLessThan(r.body.paths.reduce((sum, p) => sum + p.nodes.length, 0));
    const curated = new Map(dataset.nodes.map((n) => [n.id, n]));
    for (const n of r.body.nodes) expect(n.name_en).toBe(curated.get(n.id)!.name_en);
  });

  it('returns k simple paths in non-decreasing length', async () => {
    const r = await get<PathsResultDTO>('/api/paths?from=technology:federated-learning&to=challenge:data-privacy&mode=k&k=3');
    expect(r.body.paths.length).toBe(3);
    const lengths = r.body.paths.map((p) => p.length);
    expect([...lengths].sort((a, b) => a - b)).toEqual(lengths);
    for (const p of r.body.paths) expect(new Set(p.nodes).size).toBe(p.nodes.length);
  });

  it('honours exclude and types', async () => {
    const direct = await get<PathsResultDTO>('/api/paths?from=technology:federated-learning&to=challenge:data-privacy&types=MITIGATES');
    expect(direct.body.paths[0]!.explanation.every((h) => h.type === 'MITIGATES')).toBe(true);
    const around = await get<PathsResultDTO>(
      '/api/paths?from=technology:federated-learning&to=challenge:energy-consumption&exclude=challenge:data-privacy',
    );
    for (const p of around.body.paths) expect(p.nodes).not.toContain('challenge:data-privacy');
    expect(around.body.nodes.map((n) => n.id)).not.toContain('challenge:data-privacy');
  });

  it('says plainly when no path exists within the cap', async () => {
    const r = await get<PathsResultDTO>('/api/paths?from=technology:federated-learning&to=challenge:energy-consumption&maxHops=1');
    expect(r.status).toBe(200);
    expect(r.body.paths).toEqual([]);
    expect(r.body.nodes).toEqual([]);
    expect(r.body.edges).toEqual([]);
    expect(r.body.reason?.en).toMatch(/No path within 1 hops/);
    expect(r.body.reason?.zh).toMatch(/1 跳/);
  });

  it('refuses bad parameters', async () => {
    expectError(await get('/api/paths?to=challenge:data-privacy'), 400, /query\.from/);
    expectError(await get('/api/paths?from=technology:rag&to=challenge:data-privacy&maxHops=0'), 400, /query\.maxHops/);
    expectError(await get('/api/paths?from=technology:rag&to=challenge:data-privacy&maxHops=11'), 400, /query\.maxHops/);
    expectError(await get('/api/paths?from=technology:rag&to=challenge:data-privacy&mode=longest'), 400, /query\.mode/);
    expectError(await get('/api/paths?from=technology:rag&to=technology:rag'), 400, /same node/);
    expectError(await get('/api/paths?from=technology:rag&to=challenge:nothing'), 404, /challenge:nothing/);
    expectError(
      await get(`/api/paths?from=${encodeURIComponent("technology:rag'}) DETACH DELETE n //")}&to=challenge:data-privacy`),
      400,
      /query\.from/,
    );
  });
});

/** Every field an API node carries, against the dataset it was loaded from. */
function expectLoadedNode(dto: SubgraphDTO['nodes'][number]) {
  const source = dataset.nodes.find((n) => n.id === dto.id)!;
  expect(source, dto.id).toBeDefined();
  const { id, kind, name_zh, name_en, aliases_zh, aliases_en, description_zh, description_en, evidence, rationale } = source;
  expect({ ...dto, citations: dto.citations.map((c) => [c.passage, c.quote]) }).toMatchObject({
    ...{ id, kind, name_zh, name_en, aliases_zh, aliases_en, description_zh, description_en, evidence, ns: 'curated' },
    citations: source.citations.map((c) => [c.passage, c.quote]),
  });
  expect(dto.rationale).toBe(rationale);
  expect(dto.rationale_zh).toBe(source.rationale_zh);
  expect(dto.props !== undefined, dto.id).toBe(Object.keys(source.props ?? {}).length > 0 || source.figure !== undefined);
  if (source.figure) expect(dto.props?.figure).toBe(JSON.stringify(source.figure));
  expect(typeof dto.x === 'number' && typeof dto.y === 'number', dto.id).toBe(true);
  // Index-only properties (search_text, aliases_text, the per-type degrees) stay in Neo4j.
  expect(Object.keys(dto).filter((k) => /search_text|aliases_text|degrees/.test(k))).toEqual([]);
}

describe('nodes in every answer', () => {
  it('carry each field the dataset gave them, from every statement that reads nodes', async () => {
    const withFigure = dataset.nodes.filter((n) => n.figure).map((n) => n.id);
    // graph-nodes: the whole curated view.
    const graph = (await get<SubgraphDTO>('/api/graph')).body.nodes;
    // nodes-by-ids: the neighbourhoods of whatever each figure's claim is linked to, so every claim comes from it.
    const neighbours: SubgraphDTO['nodes'] = [];
    for (const id of withFigure) {
      const rel = dataset.relationships.find((r) => r.source === id || r.target === id)!;
      const other = rel.source === id ? rel.target : rel.source;
      neighbours.push(...(await get<SubgraphDTO>(`/api/nodes/${encodeURIComponent(other)}/neighbors?depth=1&limit=500`)).body.nodes);
    }
    // node-by-id: each claim's own page.
    const details = await Promise.all(
      withFigure.map(async (id) => (await get<NodeDetailsDTO>(`/api/nodes/${encodeURIComponent(id)}`)).body.node),
    );
    for (const [statement, nodes] of Object.entries({ graph, neighbours, details })) {
      const loaded = nodes.filter((n) => n.kind !== 'Document');
      expect(new Set(loaded.filter((n) => n.props?.figure !== undefined).map((n) => n.id)), statement).toEqual(new Set(withFigure));
      for (const n of loaded) expectLoadedNode(n);
    }
    // A view cut by its limit reads only the nodes whose total degree reaches its floor (graph-nodes above 0).
    const cut = (await get<SubgraphDTO>('/api/graph?limit=30')).body;
    expect(cut.truncated).toBe(true);
    expect(cut.nodes).toHaveLength(30);
    for (const n of cut.nodes.filter((x) => x.kind !== 'Document')) expectLoadedNode(n);
  });
});

describe('GET /api/graph', () => {
  it('returns the curated graph with stored positions', async () => {
    const r = await get<SubgraphDTO>('/api/graph');
    expect(r.status).toBe(200);
    expect(r.body.nodes.length).toBe(new Set([...dataset.nodes.map((n) => n.id), ...dataset.documents.map((d) => d.id)]).size);
    expect(r.body.edges.length).toBe(dataset.relationships.length);
    expect(r.body.nodes.every((n) => typeof n.x === 'number' && typeof n.y === 'number')).toBe(true);
    expect(r.body.truncated).toBe(false);
  });

  it('filters kinds and types, and says when a limit cut the view', async () => {
    const r = await get<SubgraphDTO>('/api/graph?kinds=Challenge,Outlook&types=ADDRESSES');
    expect(r.body.nodes.every((n) => n.kind === 'Challenge' || n.kind === 'Outlook')).toBe(true);
    expect(r.body.nodes).toHaveLength(20);
    expect(r.body.edges.every((e) => e.type === 'ADDRESSES')).toBe(true);
    const cut = await get<SubgraphDTO>('/api/graph?limit=10');
    expect(cut.body.nodes).toHaveLength(10);
    expect(cut.body.truncated).toBe(true);
    expect(cut.body.total?.nodes).toBeGreaterThan(10);
  });
});

describe('POST /api/cypher and templates', () => {
  const cypher = (query: string, params: Record<string, unknown> = {}) =>
    api<CypherResultDTO & ErrorDTO>(srv.baseUrl, '/api/cypher', { json: { query, params } });

  it('runs a parameterized read and returns rows and a graph', async () => {
    const r = await cypher('MATCH (t:Technology)-[m:MITIGATES]->(c:Challenge {id: $id}) RETURN t, m, c ORDER BY t.id', {
      id: 'challenge:data-privacy',
    });
    expect(r.status).toBe(200);
    expect(r.body.columns).toEqual(['t', 'm', 'c']);
    const kindOf = new Map(dataset.nodes.map((n) => [n.id, n.kind]));
    const expected = dataset.relationships.filter(
      (x) => x.type === 'MITIGATES' && x.target === 'challenge:data-privacy' && kindOf.get(x.source) === 'Technology',
    ).length;
    expect(r.body.rows).toHaveLength(expected);
    expect(r.body.graph.nodes.map((n) => n.id)).toContain('technology:federated-learning');
    expect(r.body.graph.edges.filter((e) => e.type === 'MITIGATES')).toHaveLength(expected);
    expect(r.body.truncated).toBe(false);
  });

  it('caps rows and says truncated', async () => {
    const r = await cypher('UNWIND range(1, 5000) AS i RETURN i');
    expect(r.status).toBe(200);
    expect(r.body.rows).toHaveLength(1000);
    expect(r.body.truncated).toBe(true);
  });

  it.each([
    'CREATE (n:Hack {x: 1}) RETURN n',
    "MERGE (n:Entity {id: 'hack:1'})",
    "MATCH (n:Entity {id: 'technology:rag'}) SET n.name_en = 'hacked'",
    "MATCH (n:Entity {id: 'technology:rag'}) DETACH DELETE n",
    "MATCH (n:Entity {id: 'technology:rag'}) REMOVE n.name_en",
    'CREATE INDEX hack FOR (n:Hack) ON (n.x)',
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    'CALL db.clearQueryCaches()',
    "ALTER USER neo4j SET PASSWORD 'hacked123'",
  ])('refuses %s and leaves the data untouched', async (query) => {
    const before = await cypher('MATCH (n) WITH count(n) AS n MATCH ()-[r]->() RETURN n, count(r) AS r');
    const rag = await cypher("MATCH (n:Entity {id: 'technology:rag'}) RETURN n.name_en AS name");
    const r = await cypher(query);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toMatch(/READ_ONLY|CYPHER_ERROR/);
    const after = await cypher('MATCH (n) WITH count(n) AS n MATCH ()-[r]->() RETURN n, count(r) AS r');
    expect(after.body.rows).toEqual(before.body.rows);
    expect((await cypher("MATCH (n:Entity {id: 'technology:rag'}) RETURN n.name_en AS name")).body.rows).toEqual(rag.body.rows);
  });

  it('reports a syntax error as a 400 with Neo4j’s words', async () => {
    const r = await cypher('MATCH (n RETURN n');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('CYPHER_ERROR');
  });

  it('lists templates and runs one', async () => {
    const list = await get<TemplateDTO[]>('/api/templates');
    expect(list.body.map((t) => t.name)).toContain('technologies-for-challenge');
    expect(list.body.every((t) => t.cypher.length > 10 && t.title.zh && t.title.en)).toBe(true);
    const r = await api<CypherResultDTO>(srv.baseUrl, '/api/templates/technologies-for-challenge', {
      json: { params: { challenge: 'challenge:hallucination' } },
    });
    expect(r.status).toBe(200);
    const ids = r.body.graph.nodes.map((n) => n.id);
    expect(ids).toContain('technology:rag');
    expect(ids).toContain('technology:dola');
    const top = await api<CypherResultDTO>(srv.baseUrl, '/api/templates/most-connected', {
      json: { params: { kind: 'Challenge', limit: 3 } },
    });
    expect(top.body.rows).toHaveLength(3);
  });

  it('refuses unknown templates and bad template parameters', async () => {
    expectError(await api(srv.baseUrl, '/api/templates/nope', { json: {} }), 404);
    expectError(await api(srv.baseUrl, '/api/templates/most-connected', { json: { params: { limit: 'many' } } }), 400, /limit/);
    expectError(await api(srv.baseUrl, '/api/templates/most-connected', { json: { params: { bogus: 1 } } }), 400, /bogus/);
  });

  it('refuses bodies that are not JSON objects', async () => {
    const bad = await fetch(`${srv.baseUrl}/api/cypher`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorDTO).error.code).toBe('INVALID_JSON');
    expectError(await api(srv.baseUrl, '/api/cypher', { json: { params: {} } }), 400, /body\.query/);
    expectError(await api(srv.baseUrl, '/api/cypher', { json: { query: 42 } }), 400, /body\.query/);
  });
});

describe('GET /api/openapi.json', () => {
  it('documents every endpoint from the same schemas', async () => {
    const r = await get<{ openapi: string; paths: Record<string, Record<string, { parameters?: { name: string }[] }>> }>(
      '/api/openapi.json',
    );
    expect(r.body.openapi).toBe('3.1.0');
    for (const p of [
      '/api/health',
      '/api/schema',
      '/api/search',
      '/api/nodes/{id}',
      '/api/nodes/{id}/neighbors',
      '/api/paths',
      '/api/graph',
      '/api/export',
      '/api/cypher',
      '/api/templates',
      '/api/templates/{name}',
    ]) {
      expect(r.body.paths[p], p).toBeDefined();
    }
    const params = r.body.paths['/api/paths']!.get!.parameters!.map((x) => x.name);
    expect(params).toEqual(expect.arrayContaining(['from', 'to', 'mode', 'k', 'maxHops', 'types', 'exclude']));
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const doc = (await get<Record<string, unknown>>('/api/openapi.json')).body;
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('answers unknown API paths with the JSON error format', async () => {
    expectError(await get('/api/nothing-here'), 404, /openapi/);
  });
});
