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

const NS = 'searchtest';
const db = new Database(loadConfig());
const cypher = loadCypherRegistry();
const graph = new GraphRepository(db, cypher);
const seed = new SeedRepository(db, cypher);

afterAll(async () => {
  await db.write((tx) => tx.run('MATCH (n:Entity {ns: $ns}) DETACH DELETE n', { ns: NS }), { owner: 'test' });
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
