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
import { SearchService } from '../../server/services/search';

const NS = 'searchtest';
const FLOOD = 'searchflood';
const db = new Database(loadConfig());
const cypher = loadCypherRegistry();
const graph = new GraphRepository(db, cypher);
const seed = new SeedRepository(db, cypher);

afterAll(async () => {
  await db.write((tx) => tx.run('MATCH (n:Entity) WHERE n.ns IN $ns DETACH DELETE n', { ns: [NS, FLOOD] }), { owner: 'test' });
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

describe('search-contains', () => {
  it('is answered by the TEXT index on search_text, not by reading every name', async () => {
    const plan = await db.read(
      async (tx) =>
        (await tx.run(`EXPLAIN ${cypher['search-contains']}`, { needle: '幻', ns: ['curated'], kinds: null, candidates: 50 })).summary
          .plan as unknown as PlanNode,
      { owner: 'test' },
    );
    const ops = operators(plan);
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
    expect((await graph.search('', 'ragmentary', [NS], null, 10)).contains).toEqual([]);

    expect(await seed.backfillSearchText()).toBeGreaterThanOrEqual(1);
    const stored = await db.read(
      async (tx) => (await tx.run('MATCH (n:Entity {id: $id}) RETURN n.search_text AS t', { id: `${NS}:probe` })).records[0]?.get('t'),
      { owner: 'test' },
    );
    expect(stored).toBe(searchText(['碎片探针', 'Fragmentary Probe', 'ＺＱＸ Sonde']));
    for (const needle of ['ragmentary', '片探', 'zqx son']) {
      const found = await graph.search('', needle, [NS], null, 10);
      expect(
        found.contains.map((r) => r.node.id),
        needle,
      ).toEqual([`${NS}:probe`]);
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
    const fulltext = (await graph.search('+(probe^4 OR probe*^2 OR probe~1) +(lantern^4 OR lantern*^2 OR lantern~1)', '', [NS], null, 50))
      .fulltext;
    // The first read is crowded out: the index gave all 50 asked for, none of them in NS.
    expect(fulltext).toEqual({ read: 50, hits: [] });

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
