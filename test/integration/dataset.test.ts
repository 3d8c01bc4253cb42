/**
 * The curated graph in Neo4j: counts per kind match the dataset, loading
 * twice changes nothing, full-text search finds names and aliases in both
 * languages, and an export → import round trip keeps nodes, edges and
 * attributes. Bad import files leave nothing behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorDTO, SubgraphDTO } from '../../graph/contracts';
import { loadDataset } from '../../graph/dataset/load';
import { CURATED_NS, type RelationshipRow, toNodeRow, toRelationshipRow } from '../../graph/records';
import { generateSynthetic } from '../../graph/synthetic';
import { datasetFingerprint, datasetRows, seedDatabase } from '../../server/seed';
import { api, startTestServer, type TestServer } from '../helpers/server';

const dataset = loadDataset();
const KEY = 'test-api-key-0123456789';
let srv: TestServer;

beforeAll(async () => {
  srv = await startTestServer({ config: { API_KEY: KEY } });
});
afterAll(async () => {
  for (const name of ['roundtrip', 'roundtrip-ml', 'broken']) {
    await api(srv.baseUrl, `/api/imports/${name}`, { method: 'DELETE', headers: { 'x-api-key': KEY } });
  }
  await srv.close();
});

async function countsByKind(): Promise<Map<string, number>> {
  return srv.app.db.read(
    async (tx) => {
      const r = await tx.run('MATCH (n:Entity {ns: $ns}) RETURN n.kind AS kind, count(*) AS c', { ns: CURATED_NS });
      return new Map(r.records.map((x) => [x.get('kind') as string, Number(x.get('c'))]));
    },
    { owner: 'test' },
  );
}

describe('seeding', () => {
  it('loads one node per dataset entry, of the right kind label', async () => {
    const counts = await countsByKind();
    const expected = new Map<string, number>();
    for (const n of dataset.nodes) expected.set(n.kind, (expected.get(n.kind) ?? 0) + 1);
    for (const d of dataset.documents)
      if (!dataset.nodes.some((n) => n.id === d.id)) expected.set('Document', (expected.get('Document') ?? 0) + 1);
    expect(counts).toEqual(expected);
    const labelled = await srv.app.db.read(
      async (tx) =>
        Number((await tx.run('MATCH (n:Technology:Entity {ns: $ns}) RETURN count(n) AS c', { ns: CURATED_NS })).records[0]!.get('c')),
      { owner: 'test' },
    );
    expect(labelled).toBe(expected.get('Technology'));
  });

  it('loads the curated graph at start only when the shipped dataset differs from the one the store holds', async () => {
    const relId = 'technology:federated-learning-BUILDS_ON-technology:distributed-computing';
    const storedRationale = async () =>
      srv.app.db.read(
        async (tx) =>
          (await tx.run('MATCH ()-[r]->() WHERE r.id = $id RETURN r.rationale_zh AS zh', { id: relId })).records[0]?.get('zh') as string,
        { owner: 'test' },
      );
    expect(await seedDatabase({ db: srv.app.db, ifEmpty: true })).toMatch(/already loaded and matches the dataset \(\d+ nodes\)/);
    // A newer version ships a dataset with one rationale reworded: npm start loads it without a reset.
    const newer = structuredClone(dataset);
    newer.relationships.find((r) => r.id === relId)!.rationale_zh = '联邦学习在众多数据持有方之间训练模型(改写)。';
    const before = await srv.app.services.seedRepository.dbCounts();
    expect(await seedDatabase({ db: srv.app.db, ifEmpty: true, dataset: newer })).toMatch(
      /^the curated dataset differs from the one the store was loaded from, so it is loaded again: loaded \d+ nodes/,
    );
    expect(await storedRationale()).toBe('联邦学习在众多数据持有方之间训练模型(改写)。');
    expect(await srv.app.services.seedRepository.dbCounts()).toEqual(before);
    expect(await seedDatabase({ db: srv.app.db, ifEmpty: true, dataset: newer })).toMatch(/already loaded and matches/);
    // And back to the dataset this version ships.
    expect(await seedDatabase({ db: srv.app.db, ifEmpty: true })).toMatch(/loaded again/);
    expect(await storedRationale()).toBe(dataset.relationships.find((r) => r.id === relId)!.rationale_zh);
  });

  it('fingerprints the rows a seed writes: the same dataset gives the same print, any edit another', () => {
    const print = datasetFingerprint(datasetRows(dataset));
    expect(datasetFingerprint(datasetRows(loadDataset()))).toBe(print);
    const edited = structuredClone(dataset);
    edited.nodes[0]!.name_en += ' ';
    expect(datasetFingerprint(datasetRows(edited))).not.toBe(print);
  });

  it('is idempotent: loading again leaves the same counts and ids', async () => {
    const before = await srv.app.services.seedRepository.dbCounts();
    const summary = await seedDatabase({ db: srv.app.db });
    expect(summary).toMatch(/loaded \d+ nodes/);
    const after = await srv.app.services.seedRepository.dbCounts();
    expect(after).toEqual(before);
    const ns = await srv.app.services.seedRepository.countNamespace(CURATED_NS);
    expect(ns.relationships).toBe(dataset.relationships.length);
  });

  it('stores every relationship with its provenance', async () => {
    const missing = await srv.app.db.read(
      async (tx) =>
        Number(
          (
            await tx.run(
              'MATCH (:Entity {ns: $ns})-[r]->(:Entity) WHERE size(r.cite_passages) = 0 OR r.evidence IS NULL RETURN count(r) AS c',
              { ns: CURATED_NS },
            )
          ).records[0]!.get('c'),
        ),
      { owner: 'test' },
    );
    expect(missing).toBe(0);
  });

  it('stores each relationship exactly as the dataset has it: type, ends, evidence, rationale in both languages and citations', async () => {
    const stored = await storedRelationships(CURATED_NS);
    expect(stored.size).toBe(dataset.relationships.length);
    for (const rel of dataset.relationships) {
      const row = toRelationshipRow(rel, CURATED_NS);
      expect(stored.get(rel.id), rel.id).toEqual(rowView(row));
    }
  });

  it('bulk-writes new relationships with CREATE exactly as the upsert would, and upserting them again changes nothing', async () => {
    const repo = srv.app.services.seedRepository;
    const ns = 'test-bulk';
    const nodes = [];
    const rels: RelationshipRow[] = [];
    for (const chunk of generateSynthetic({ nodes: 400, seed: 7, ns, relsPerNode: 3, chunkSize: 100 })) {
      nodes.push(...chunk.nodes.map((n) => toNodeRow(n, ns)));
      rels.push(...chunk.relationships.map((r) => toRelationshipRow(r, ns)));
    }
    try {
      expect(await repo.upsertBatched('nodes', nodes, 150)).toBe(nodes.length);
      expect(await repo.upsertBatched('relationships', rels, 250, { create: true })).toBe(rels.length);
      const created = await storedRelationships(ns);
      expect(created.size).toBe(rels.length);
      for (const row of rels) expect(created.get(row.id), row.id).toEqual(rowView(row));
      expect(await repo.upsertBatched('relationships', rels, 250)).toBe(rels.length);
      expect(await storedRelationships(ns)).toEqual(created);
    } finally {
      await repo.resetNamespace(ns);
    }
    expect(await repo.countNamespace(ns)).toEqual({ nodes: 0, relationships: 0 });
  });
});

/** What a relationship row should look like once stored, in the shape storedRelationships reads. */
function rowView(row: RelationshipRow) {
  return { type: row.type, source: row.source, target: row.target, ...row.props };
}

async function storedRelationships(ns: string): Promise<Map<string, ReturnType<typeof rowView>>> {
  return srv.app.db.read(
    async (tx) => {
      const r = await tx.run(
        `MATCH (a:Entity {ns: $ns})-[r]->(b:Entity)
         RETURN r.id AS id, type(r) AS type, a.id AS source, b.id AS target, r.ns AS ns, r.evidence AS evidence,
                r.rationale AS rationale, r.rationale_zh AS rationale_zh, r.cite_passages AS cite_passages, r.cite_quotes AS cite_quotes`,
        { ns },
      );
      return new Map(
        r.records.map((x) => {
          const o = x.toObject() as ReturnType<typeof rowView> & { id: string };
          const { id, ...rest } = o;
          return [id, rest];
        }),
      );
    },
    { owner: 'test' },
  );
}

describe('full-text index', () => {
  it('finds nodes by Chinese and English names and aliases', async () => {
    const hits = async (q: string) =>
      srv.app.db.read(
        async (tx) =>
          (await tx.run("CALL db.index.fulltext.queryNodes('entity_names_scoped', $q) YIELD node RETURN node.id AS id", { q })).records.map(
            (r) => r.get('id') as string,
          ),
        { owner: 'test' },
      );
    expect(await hits('幻觉')).toContain('challenge:hallucination'); // inside 幻觉问题
    expect(await hits('hallucination')).toContain('challenge:hallucination');
    expect(await hits('RAG')).toContain('technology:rag'); // an alias
    expect(await hits('"检索增强"')).toContain('technology:rag');
    expect(await hits('"差分隐私"')).toContain('technology:differential-privacy');
  });
});

describe('export → import round trip', () => {
  for (const format of ['gexf', 'graphml'] as const) {
    it(`keeps nodes, edges and attributes through ${format.toUpperCase()}`, async () => {
      const res = await fetch(`${srv.baseUrl}/api/export?format=${format}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain(format === 'gexf' ? 'application/gexf+xml' : 'application/graphml+xml');
      expect(res.headers.get('content-disposition')).toMatch(new RegExp(`attachment; filename=".+\\.${format}"`));
      const content = await res.text();
      const name = format === 'gexf' ? 'roundtrip' : 'roundtrip-ml';
      const imported = await api<{ namespace: string; nodes: number; relationships: number }>(srv.baseUrl, '/api/imports', {
        json: { name, format, content },
        headers: { 'x-api-key': KEY },
      });
      expect(imported.status).toBe(201);
      const original = await api<SubgraphDTO>(srv.baseUrl, '/api/graph');
      expect(imported.body.nodes).toBe(original.body.nodes.length);
      expect(imported.body.relationships).toBe(original.body.edges.length);
      const copy = await api<SubgraphDTO>(srv.baseUrl, `/api/graph?ns=import:${name}`);
      const prefix = `import:${name}/`;
      const byId = new Map(copy.body.nodes.map((n) => [n.id.slice(prefix.length), n]));
      for (const n of original.body.nodes) {
        const c = byId.get(n.id);
        expect(c, n.id).toBeDefined();
        expect(c!.kind).toBe(n.kind);
        expect(c!.name_zh).toBe(n.name_zh);
        expect(c!.name_en).toBe(n.name_en);
        expect(c!.aliases_en).toEqual(n.aliases_en);
        expect(c!.description_zh).toBe(n.description_zh);
        expect(c!.citations.map((x) => [x.passage, x.quote])).toEqual(n.citations.map((x) => [x.passage, x.quote]));
        expect(c!.ns).toBe(`import:${name}`);
      }
      const edgeKey = (e: SubgraphDTO['edges'][number], strip = '') =>
        `${e.source.slice(strip.length)}|${e.type}|${e.target.slice(strip.length)}|${e.evidence}|${e.citations.map((x) => x.quote).join('¦')}`;
      expect(new Set(copy.body.edges.map((e) => edgeKey(e, prefix)))).toEqual(new Set(original.body.edges.map((e) => edgeKey(e))));
      // An inferred edge keeps its reason in both languages.
      const copied = new Map(copy.body.edges.map((e) => [edgeKey(e, prefix), e]));
      const inferred = original.body.edges.filter((e) => e.evidence === 'inferred');
      expect(inferred.filter((e) => e.rationale_zh).length).toBeGreaterThan(0);
      for (const e of inferred)
        expect([copied.get(edgeKey(e))?.rationale, copied.get(edgeKey(e))?.rationale_zh], e.id).toEqual([e.rationale, e.rationale_zh]);
      // The curated graph is untouched by the import.
      expect((await api<SubgraphDTO>(srv.baseUrl, '/api/graph')).body.nodes.length).toBe(original.body.nodes.length);
    });
  }

  it('exports JSON and CSV with the right content types', async () => {
    const json = await fetch(`${srv.baseUrl}/api/export?format=json&kinds=Challenge`);
    expect(json.headers.get('content-type')).toContain('application/json');
    const parsed = (await json.json()) as { nodes: { key: string; attributes: { kind: string } }[] };
    expect(parsed.nodes).toHaveLength(10);
    expect(parsed.nodes.every((n) => n.attributes.kind === 'Challenge')).toBe(true);
    const csv = await fetch(`${srv.baseUrl}/api/export?format=csv&part=edges&id=technology:federated-learning&depth=1`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text.split('\n')[0]).toBe('id,source,target,type,evidence,rationale,rationale_zh,cite_passages,cite_quotes');
    expect(text).toContain('technology:federated-learning-MITIGATES-challenge:data-privacy');
    // Chosen nodes (the client's visible subgraph), one asked twice and one unknown: each node once, and the
    // relationships among those found.
    const chosen = await fetch(
      `${srv.baseUrl}/api/export?format=json&ids=technology:federated-learning,challenge:data-privacy,technology:federated-learning,technology:nope`,
    );
    const picked = (await chosen.json()) as { nodes: { key: string }[]; edges: { key: string; source: string; target: string }[] };
    expect(picked.nodes.map((n) => n.key).sort()).toEqual(['challenge:data-privacy', 'technology:federated-learning']);
    expect(picked.edges.map((e) => e.key)).toContain('technology:federated-learning-MITIGATES-challenge:data-privacy');
    expect(new Set(picked.edges.map((e) => e.key)).size).toBe(picked.edges.length);
    const zip = await fetch(`${srv.baseUrl}/api/export?format=csv`);
    expect(zip.headers.get('content-type')).toBe('application/zip');
    expect(
      Buffer.from(await zip.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
  });

  it('refuses a broken file and writes nothing', async () => {
    const before = await srv.app.services.seedRepository.dbCounts();
    const broken = await api<ErrorDTO>(srv.baseUrl, '/api/imports', {
      json: { name: 'broken', format: 'gexf', content: '<gexf><graph><nodes><node id="a"></nodes>' },
      headers: { 'x-api-key': KEY },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(/not well-formed XML/);
    const dangling = await api<ErrorDTO>(srv.baseUrl, '/api/imports', {
      json: {
        name: 'broken',
        format: 'graphml',
        content:
          '<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed"><node id="a"/><edge source="a" target="zzz"/></graph></graphml>',
      },
      headers: { 'x-api-key': KEY },
    });
    expect(dangling.status).toBe(400);
    const wrongRoot = await api<ErrorDTO>(srv.baseUrl, '/api/imports', {
      json: { name: 'broken', format: 'gexf', content: '<graphml/>' },
      headers: { 'x-api-key': KEY },
    });
    expect(wrongRoot.status).toBe(400);
    expect(wrongRoot.body.error.message).toMatch(/format/);
    expect(await srv.app.services.seedRepository.dbCounts()).toEqual(before);
  });

  it('needs the API key to import', async () => {
    const r = await api<ErrorDTO>(srv.baseUrl, '/api/imports', { json: { name: 'nokey', format: 'gexf', content: '<gexf/>' } });
    expect(r.status).toBe(401);
    const wrong = await api<ErrorDTO>(srv.baseUrl, '/api/imports', {
      json: { name: 'nokey', format: 'gexf', content: '<gexf/>' },
      headers: { 'x-api-key': 'nope' },
    });
    expect(wrong.status).toBe(403);
  });
});
