/**
 * Statements of one request that do not wait on each other go out together (pipelined in the transaction):
 * each round trip is a turn of the server's event loop and of Neo4j's, and a transaction whose next statement
 * comes after a pause costs Neo4j more CPU. A transaction stand-in holds every statement's answer until the
 * test releases them, so each "round" is the set of statements issued before any answer came back.
 */
import { describe, expect, it } from 'vitest';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../../server/db/database';
import { loadCypherRegistry, type StatementName } from '../../server/db/cypher';
import { GraphRepository } from '../../server/repositories/graph-repository';
import { NeighborService } from '../../server/services/neighbors';
import { PathService } from '../../server/services/paths';
import { SearchService } from '../../server/services/search';
import { GraphViewService } from '../../server/services/graph-view';
import { ALL_TYPES } from '../../server/services/scope';

const cypher = loadCypherRegistry();
const nameOf = new Map(Object.entries(cypher).map(([name, text]) => [text, name as StatementName]));

const node = (id: string) => ({ id, kind: 'technology', name_zh: id, name_en: id, aliases_zh: [], aliases_en: [], ns: 'curated' });
type Row = Record<string, unknown>;

/** What each statement answers; `params` are the statement's. */
const answers: Partial<Record<StatementName, (params: Row) => Row[]>> = {
  'node-by-id': (p) => [{ node: node(String(p.id)), degree: 1 }],
  neighbors: () => [{ id: 'b' }, { id: 'c' }],
  'neighbors-count-last': () => [{ count: 2 }],
  'nodes-by-ids': (p) => (p.ids as string[]).map((id) => ({ node: node(id), degree: 1 })),
  'graph-edges-among': () => [],
  'nodes-exist': (p) => (p.ids as string[]).map((id) => ({ id, exists: true })),
  'paths-shortest': () => [
    { nodeIds: ['a', 'b'], rels: [{ id: 'r1', type: 'ADDRESSES', source: 'a', target: 'b', cite_passages: ['p1'], cite_quotes: ['q'] }] },
  ],
  'passages-by-ids': () => [],
  'search-fulltext': () => [{ read: 1, hits: [{ node: node('a'), score: 1 }] }],
  'search-contains': () => [{ node: node('b') }],
  // The namespace "big" is larger than any scan's bound; every other is two entities.
  'search-contains-scan': (p) => [{ scanned: (p.ns as string[]).includes('big') ? Number(p.scan) + 1 : 2, hits: [{ node: node('b') }] }],
  'graph-floor': (p) => [{ floor: p.limit === 1 ? 2 : 0 }],
  // Answers only when the floor it was sent is the one graph-floor found, so a floor not passed on shows.
  'graph-nodes': (p) => (p.floor === (p.limit === 1 ? 2 : 0) ? [{ node: node('a'), degree: 2 }] : []),
  'graph-count': () => [{ nodes: 1 }],
};

/** A repository over a transaction that answers only when `release()` is called; `rounds` records what went out. */
function heldRepository() {
  const pending: { name: StatementName; answer: () => void }[] = [];
  const rounds: StatementName[][] = [];
  const tx = {
    run(query: string, params: Row) {
      const name = nameOf.get(query);
      if (!name) throw new Error(`statement-rounds: a statement outside the registry: ${query.slice(0, 60)}`);
      const rows = answers[name]?.(params);
      if (!rows) throw new Error(`statement-rounds: no canned answer for "${name}" — add one to the test`);
      return new Promise((resolve) => {
        pending.push({ name, answer: () => resolve({ records: rows.map((r) => ({ toObject: () => r })) }) });
      });
    },
  } as unknown as ManagedTransaction;
  const db = { read: (work: (t: ManagedTransaction) => Promise<unknown>) => work(tx) } as unknown as Database;
  /** Lets every statement sent so far answer, until the request is done. */
  async function drive<T>(request: Promise<T>): Promise<T> {
    let done = false;
    const result = request.finally(() => (done = true));
    while (!done) {
      // Let the service issue everything it can before an answer arrives.
      await new Promise((r) => setImmediate(r));
      if (pending.length === 0) continue;
      const batch = pending.splice(0);
      rounds.push(batch.map((p) => p.name));
      batch.forEach((p) => p.answer());
    }
    return result;
  }
  return { repo: new GraphRepository(db, cypher), rounds, drive };
}

const scope = { ns: ['curated'], kinds: null, types: ALL_TYPES };

describe('statements that do not wait on each other go out together', () => {
  it('a depth-1 neighbourhood takes two rounds: the start node with its first step, then the nodes with the edges', async () => {
    const { repo, rounds, drive } = heldRepository();
    const result = await drive(new NeighborService(repo).neighbors('a', 1, scope, 100));
    expect(rounds).toEqual([
      ['node-by-id', 'neighbors'],
      ['nodes-by-ids', 'graph-edges-among'],
    ]);
    expect(result.nodes.map((n) => n.id)).toEqual(['a', 'b', 'c']);
  });

  it('a cut neighbourhood counts its total in the round that reads the nodes and the edges', async () => {
    const { repo, rounds, drive } = heldRepository();
    const result = await drive(new NeighborService(repo).neighbors('a', 1, scope, 1));
    expect(rounds).toEqual([
      ['node-by-id', 'neighbors'],
      ['neighbors-count-last', 'nodes-by-ids', 'graph-edges-among'],
    ]);
    expect(result).toMatchObject({ truncated: true, total: { nodes: 2 } });
    expect(result.nodes.map((n) => n.id)).toEqual(['a', 'b']);
  });

  it('a depth-2 neighbourhood adds one round per further level only', async () => {
    const { repo, rounds, drive } = heldRepository();
    await drive(new NeighborService(repo).neighbors('a', 2, scope, 100));
    expect(rounds).toEqual([['node-by-id', 'neighbors'], ['neighbors'], ['nodes-by-ids', 'graph-edges-among']]);
  });

  it('a path takes two rounds: the ends checked with the search, then the nodes with the quotes', async () => {
    const { repo, rounds, drive } = heldRepository();
    const result = await drive(new PathService(repo, 5000).find({ from: 'a', to: 'b', mode: 'shortest', k: 1, maxHops: 4, exclude: [] }));
    expect(rounds).toEqual([
      ['nodes-exist', 'paths-shortest'],
      ['nodes-by-ids', 'passages-by-ids'],
    ]);
    expect(result.paths[0]?.nodes).toEqual(['a', 'b']);
    expect(result.nodes.map((n) => n.id)).toEqual(['a', 'b']);
  });

  it('search sends its full-text and substring statements together, reading a small namespace whole', async () => {
    const { repo, rounds, drive } = heldRepository();
    const result = await drive(new SearchService(repo).search('rag', null, 10, ['curated']));
    expect(rounds).toEqual([['search-fulltext', 'search-contains-scan']]);
    expect(result.hits.map((h) => h.id).sort()).toEqual(['a', 'b']);
  });

  it('search asks the TEXT index once a scan finds the namespace too large, and goes to it directly after', async () => {
    const { repo, rounds, drive } = heldRepository();
    const search = new SearchService(repo);
    const first = await drive(search.search('rag', null, 10, ['big']));
    expect(rounds).toEqual([['search-fulltext', 'search-contains-scan'], ['search-contains']]);
    expect(first.hits.map((h) => h.id).sort()).toEqual(['a', 'b']);
    rounds.length = 0;
    await drive(search.search('rag', null, 10, ['big']));
    expect(rounds).toEqual([['search-fulltext', 'search-contains']]);
    // Remembered per namespace set: a small one is still read whole.
    rounds.length = 0;
    await drive(search.search('rag', null, 10, ['curated']));
    expect(rounds).toEqual([['search-fulltext', 'search-contains-scan']]);
  });

  it('an export of chosen nodes reads them and the edges among them together, each id once', async () => {
    const { repo, rounds, drive } = heldRepository();
    const result = await drive(new GraphViewService(repo).byIds(['a', 'b', 'a'], scope));
    expect(rounds).toEqual([['nodes-by-ids', 'graph-edges-among']]);
    expect(result.nodes.map((n) => n.id)).toEqual(['a', 'b']);
  });

  it('a graph view sends its floor and its count together, then its nodes, then the edges among them', async () => {
    const { repo, rounds, drive } = heldRepository();
    const view = await drive(new GraphViewService(repo).view(scope, 500));
    expect(rounds).toEqual([['graph-floor', 'graph-count'], ['graph-nodes'], ['graph-edges-among']]);
    expect(view.nodes.map((n) => n.id)).toEqual(['a']);
  });

  it('a graph view with a floor above 0 reads only the nodes that reach it, passing the floor on', async () => {
    const { repo, rounds, drive } = heldRepository();
    const view = await drive(new GraphViewService(repo).view(scope, 1));
    expect(rounds).toEqual([['graph-floor', 'graph-count'], ['graph-nodes'], ['graph-edges-among']]);
    expect(view.nodes.map((n) => n.id)).toEqual(['a']);
  });
});
