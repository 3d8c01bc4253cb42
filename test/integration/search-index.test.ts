/**
 * Substring search through the TEXT index on search_text: the plan uses the
 * index, and entities written before search_text existed are backfilled.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { searchText } from '../../graph/search-text';
import { loadConfig } from '../../server/config';
import { loadCypherRegistry } from '../../server/db/cypher';
import { Database } from '../../server/db/database';
import { GraphRepository } from '../../server/repositories/graph-repository';
import { SeedRepository } from '../../server/repositories/seed-repository';
import { ANALYZER_STOP_WORDS, SearchService, toLuceneQuery } from '../../server/services/search';

const NS = 'searchtest';
const FLOOD = 'searchflood';
const SMALL = 'searchsmall';
const LARGE = 'searchlarge';
const PREFIX = 'searchprefix';
// A namespace made only of the analyzer's stop words: the index cannot be asked for it by name.
const STOPWORDS = 'the';
const db = new Database(loadConfig());
const cypher = loadCypherRegistry();
const graph = new GraphRepository(db, cypher);
const seed = new SeedRepository(db, cypher);

afterAll(async () => {
  await db.write(
    (tx) => tx.run('MATCH (n:Entity) WHERE n.ns IN $ns DETACH DELETE n', { ns: [NS, FLOOD, SMALL, LARGE, PREFIX, STOPWORDS] }),
    {
      owner: 'test',
    },
  );
  await db.close();
});

interface PlanNode {
  operatorType: string;
  arguments: Record<string, unknown>;
  children: PlanNode[];
}

function operators(plan: PlanNode): string[] {
  return [`${plan.operatorType} ${String(plan.arguments.Details ?? '')}`, ...plan.children.flatMap(operators)];
}

/** The operators of a registry statement's plan (EXPLAIN: nothing runs). */
async function planOf(statement: 'search-contains' | 'search-contains-scan', params: Record<string, unknown>): Promise<string[]> {
  const plan = await db.read(async (tx) => (await tx.run(`EXPLAIN ${cypher[statement]}`, params)).summary.plan as unknown as PlanNode, {
    owner: 'test',
  });
  return operators(plan);
}

describe('search-contains', () => {
  it('is answered by the TEXT index on search_text, not by reading every name', async () => {
    const ops = await planOf('search-contains', { needle: '幻', ns: ['curated'], kinds: null, candidates: 50 });
    expect(
      ops.some((o) => /^NodeIndexContainsScan.*TEXT INDEX .*search_text/.test(o)),
      ops.join('\n'),
    ).toBe(true);
    expect(
      ops.some((o) => /^NodeIndexSeek|^NodeByLabelScan|^AllNodesScan/.test(o)),
      ops.join('\n'),
    ).toBe(false);
  });

  it('backfills search_text on entities written without it, and finds them by a fragment', async () => {
    const names = { name_zh: '碎片探针', name_en: 'Fragmentary Probe', aliases_zh: [] as string[], aliases_en: ['ＺＱＸ Sonde'] };
    await db.write(
      (tx) => tx.run('CREATE (n:Entity:Concept {id: $id, ns: $ns, kind: "Concept"}) SET n += $names', { id: `${NS}:probe`, ns: NS, names }),
      { owner: 'test' },
    );
    expect((await graph.search('', 'ragmentary', [NS], null, 10, null)).contains).toEqual({ scanned: null, hits: [] });

    expect(await seed.backfillSearchText()).toBeGreaterThanOrEqual(1);
    const stored = await db.read(
      async (tx) => (await tx.run('MATCH (n:Entity {id: $id}) RETURN n.search_text AS t', { id: `${NS}:probe` })).records[0]?.get('t'),
      { owner: 'test' },
    );
    expect(stored).toBe(searchText(['碎片探针', 'Fragmentary Probe', 'ＺＱＸ Sonde']));
    for (const needle of ['ragmentary', '片探', 'zqx son']) {
      // The TEXT index (null) and the namespace read whole find the same.
      for (const scanLimit of [null, 50]) {
        const found = await graph.search('', needle, [NS], null, 10, scanLimit);
        expect(
          found.contains.hits.map((r) => r.node.id),
          `${needle} ${scanLimit}`,
        ).toEqual([`${NS}:probe`]);
      }
    }
    // Nothing left to fill: a second run writes nothing.
    expect(await seed.backfillSearchText()).toBe(0);
  });
});

describe('search over a full-text index that ranks every namespace together', () => {
  // 120 short names in another namespace outrank, for "probe lantern", the one longer name in NS:
  // the index's first 50 are all theirs. Word order keeps the substring match out of it.
  it('still finds the matches of a namespace or kind when others fill the first read of the index', async () => {
    await db.write(
      async (tx) => {
        await tx.run(
          `UNWIND range(1, 120) AS i
           CREATE (n:Entity:Concept {id: $flood + ':lantern-' + i, ns: $flood, kind: 'Concept',
                                     name_zh: '灯笼探针', name_en: 'Lantern Probe', aliases_zh: [], aliases_en: [], aliases_text: ''})`,
          { flood: FLOOD },
        );
        await tx.run(
          `CREATE (:Entity:Concept {id: $ns + ':lantern-array', ns: $ns, kind: 'Concept', name_zh: '灯笼探针阵列',
                                    name_en: 'Lantern Probe Array Assembly Unit', aliases_zh: [], aliases_en: [], aliases_text: ''})
           CREATE (:Entity:Organization {id: $flood + ':lantern-guild', ns: $flood, kind: 'Organization', name_zh: '灯笼探针行会',
                                    name_en: 'Lantern Probe Makers Guild of Guilds', aliases_zh: [], aliases_en: [], aliases_text: ''})`,
          { ns: NS, flood: FLOOD },
        );
      },
      { owner: 'test' },
    );
    const fulltext = (
      await graph.search('+(probe^4 OR probe*^2 OR probe~1) +(lantern^4 OR lantern*^2 OR lantern~1)', '', [NS], null, 50, null)
    ).fulltext;
    // Without the namespace clause the first read is crowded out: the index gave all 50 asked for, none in NS.
    expect(fulltext).toEqual({ read: 50, hits: [] });
    // With it the index keeps NS itself, and the first read holds the one match.
    const kept = (await graph.search(toLuceneQuery('probe lantern', [NS]), '', [NS], null, 50, null)).fulltext;
    expect(kept.read).toBe(1);
    expect(kept.hits.map((h) => h.node.id)).toEqual([`${NS}:lantern-array`]);
    // Kinds the same way: asked of the namespace alone, 120 concepts crowd the one organization out of
    // the first 50; with the kind clause the index gives it first.
    const crowdedKind = (await graph.search(toLuceneQuery('probe lantern', [FLOOD]), '', [FLOOD], ['Organization'], 50, null)).fulltext;
    expect(crowdedKind).toEqual({ read: 50, hits: [] });
    const keptKind = (
      await graph.search(toLuceneQuery('probe lantern', [FLOOD], ['Organization']), '', [FLOOD], ['Organization'], 50, null)
    ).fulltext;
    expect(keptKind.read).toBe(1);
    expect(keptKind.hits.map((h) => h.node.id)).toEqual([`${FLOOD}:lantern-guild`]);

    const search = new SearchService(graph);
    const inNs = await search.search('probe lantern', null, 10, [NS]);
    expect(inNs.hits.map((h) => h.id)).toEqual([`${NS}:lantern-array`]);
    const byKind = await search.search('probe lantern', ['Organization'], 10, [FLOOD]);
    expect(byKind.hits.map((h) => h.id)).toEqual([`${FLOOD}:lantern-guild`]);
    // Both namespaces together: the best-ranked first, the crowded one still there.
    const both = await search.search('probe lantern', null, 100, [NS, FLOOD]);
    expect(both.hits).toHaveLength(100);
    const all = await search.search('probe lantern', null, 200, [NS, FLOOD]);
    expect(all.hits.map((h) => h.id)).toContain(`${NS}:lantern-array`);
    expect(all.hits).toHaveLength(122);
  });
});

describe('a namespace the full-text index cannot be asked for', () => {
  it('is still searched, by the statement filtering after the read', async () => {
    await db.write(
      (tx) =>
        tx.run(
          `CREATE (n:Entity:Concept {id: $ns + ':quillwort', ns: $ns, kind: 'Concept', name_zh: '水韭信标', name_en: 'Quillwort Beacon',
                                     aliases_zh: [], aliases_en: [], aliases_text: ''})
           SET n.search_text = n.name_zh + '\t' + toLower(n.name_en)`,
          { ns: STOPWORDS },
        ),
      { owner: 'test' },
    );
    const search = new SearchService(graph);
    // A typo: only the full-text index finds it (the substring match needs the letters as typed).
    for (const ns of [[STOPWORDS], [STOPWORDS, 'curated']]) {
      expect(
        (await search.search('quilwort beacon', null, 10, ns)).hits.map((h) => h.id),
        ns.join(),
      ).toEqual([`${STOPWORDS}:quillwort`]);
    }
  });
});

describe('the substring match of a small namespace beside a large one', () => {
  /** `count` entities in `ns` whose folded names (graph/search-text) all contain "glimmer". */
  async function entities(ns: string, from: number, count: number): Promise<void> {
    await db.write(
      (tx) =>
        tx.run(
          `UNWIND range($from, $from + $count - 1) AS i
           CREATE (n:Entity:Concept {id: $ns + ':glimmer-' + i, ns: $ns, kind: 'Concept', name_zh: '微光' + i,
                                     name_en: 'Glimmer ' + i, aliases_zh: [], aliases_en: [], aliases_text: ''})
           SET n.search_text = n.name_zh + '\t' + toLower(n.name_en)`,
          { ns, from, count },
        ),
      { owner: 'test' },
    );
  }

  it("reads the small namespace itself, not every namespace's matches in the TEXT index", async () => {
    await entities(LARGE, 0, 80);
    await entities(SMALL, 0, 3);
    const ops = await planOf('search-contains-scan', { needle: 'glimmer', ns: [SMALL], kinds: null, candidates: 10, scan: 50 });
    expect(
      ops.some((o) => /^NodeIndexSeek.*RANGE INDEX .*ns/.test(o)),
      ops.join('\n'),
    ).toBe(true);
    expect(
      ops.some((o) => /TEXT INDEX/.test(o)),
      ops.join('\n'),
    ).toBe(false);

    // Scan bound 50: the small namespace is read whole (3 entities); the large one (80) is past the bound,
    // so the TEXT index answers it.
    const small = await graph.search('', 'glimmer', [SMALL], null, 10, 50);
    expect(small.contains.scanned).toBe(3);
    expect(small.contains.hits.map((h) => h.node.id).sort()).toEqual([0, 1, 2].map((i) => `${SMALL}:glimmer-${i}`));
    const large = await graph.search('', 'glimmer', [LARGE], null, 10, 50);
    expect(large.contains.scanned).toBeNull();
    expect(large.contains.hits).toHaveLength(10);
    expect(large.contains.hits.every((h) => h.node.id.startsWith(`${LARGE}:`))).toBe(true);
    // Both together are past it as well; a kind filter applies to the scan as to the index.
    expect((await graph.search('', 'glimmer', [SMALL, LARGE], null, 10, 50)).contains.scanned).toBeNull();
    expect(await graph.search('', 'glimmer', [SMALL], ['Organization'], 10, 50)).toMatchObject({ contains: { scanned: 3, hits: [] } });
  });

  it('keeps the names that start with the needle when a small namespace has more matches than candidates', async () => {
    // 30 names with the needle inside, then (last in the namespace's index order) one that starts with it.
    await db.write(
      (tx) =>
        tx.run(
          `UNWIND range(0, 30) AS i
           WITH i, CASE WHEN i = 30 THEN 'Glimmerstone' ELSE 'Xglimmer ' + i END AS name
           CREATE (n:Entity:Concept {id: $ns + ':m-' + i, ns: $ns, kind: 'Concept', name_zh: '闪' + i, name_en: name,
                                     aliases_zh: [], aliases_en: [], aliases_text: ''})
           SET n.search_text = n.name_zh + '\t' + toLower(n.name_en)`,
          { ns: PREFIX },
        ),
      { owner: 'test' },
    );
    const found = await graph.search('', 'glimmer', [PREFIX], null, 5, 50);
    expect(found.contains.scanned).toBe(31);
    expect(found.contains.hits).toHaveLength(5);
    expect(found.contains.hits[0]?.node.name_en).toBe('Glimmerstone');
    const hits = (await new SearchService(graph, { scanLimit: 50 }).search('glimmer', null, 1, [PREFIX])).hits;
    expect(hits.map((h) => h.name_en)).toEqual(['Glimmerstone']);
  });

  it('finds the same through the service whether a namespace is small, large, or grows past the bound', async () => {
    const search = new SearchService(graph, { scanLimit: 50 });
    // A fragment inside the word: only the substring match finds it (the full-text index has whole words,
    // prefixes and one edit).
    const ids = async (ns: string[], limit: number) => (await search.search('immer', null, limit, ns)).hits.map((h) => h.id).sort();
    expect(await ids([SMALL], 10)).toEqual([0, 1, 2].map((i) => `${SMALL}:glimmer-${i}`));
    expect(await ids([LARGE], 100)).toHaveLength(80);
    // The small namespace grows past the bound between two searches: the next one still finds all.
    await entities(SMALL, 3, 60);
    expect(await ids([SMALL], 100)).toHaveLength(63);
    expect(await ids([SMALL], 100)).toHaveLength(63);
  });
});

describe('the full-text index', () => {
  it("knows the analyzer's stop words as Neo4j reports them (the namespaces it cannot be asked for)", async () => {
    const [reported] = await db.read(
      async (tx) =>
        (
          await tx.run("CALL db.index.fulltext.listAvailableAnalyzers() YIELD analyzer, stopwords WHERE analyzer = 'cjk' RETURN stopwords")
        ).records.map((r) => r.get('stopwords') as string[]),
      { owner: 'test' },
    );
    expect([...ANALYZER_STOP_WORDS].sort()).toEqual([...(reported ?? [])].sort());
  });

  it('indexes the namespace and the kind, and replaces the entity_names index of an older store when the schema is applied', async () => {
    await db.autoCommit(
      (run) =>
        run(
          `CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Entity) ON EACH [n.name_zh, n.name_en, n.aliases_text]
           OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'cjk' } }`,
        ),
      { owner: 'test', mode: 'WRITE' },
    );
    await seed.applySchema();
    const indexes = await db.read(
      async (tx) =>
        (await tx.run('SHOW FULLTEXT INDEXES YIELD name, properties, state RETURN name, properties, state')).records.map((r) =>
          r.toObject(),
        ),
      { owner: 'test' },
    );
    expect(indexes.map((i) => i.name)).not.toContain('entity_names');
    expect(indexes.find((i) => i.name === 'entity_names_scoped')).toEqual({
      name: 'entity_names_scoped',
      properties: ['name_zh', 'name_en', 'aliases_text', 'ns', 'kind'],
      state: 'ONLINE',
    });
  });
});
