/**
 * bench/api/workloads — the API requests under load and, for each, the same Cypher through a bare driver.
 *
 * Every workload has three forms over one seeded sequence of parameters
 * (request k uses parameters k, on every side):
 *   api     — the HTTP request (autocannon);
 *   rawSeq  — the same statements the API's service runs for that request, in
 *             the same order and the same transactions, those it sends together
 *             (pipelined) sent together, on a bare neo4j-driver (read from the
 *             cypher registry, so literally the same text);
 *   rawOne  — the one statement that does the work, alone.
 * The sequences mirror server/services/{search,neighbors,paths,graph-view}.ts;
 * keep them in step when those change.
 */
import neo4j, { type Driver, type Record as Neo4jRecord } from 'neo4j-driver';
import { REL_TYPES, type NodeKind, type RelType } from '../../graph/model';
import { seededRandom } from '../../graph/analytics/random';
import { syntheticId, syntheticNames } from '../../graph/synthetic';
import { degreeIndexes } from '../../graph/records';
import type { CypherRegistry, StatementName } from '../../server/db/cypher';
import { toNeo4jParams } from '../../server/db/database';
import { normalizeQuery } from '../../graph/search-text';
import { SEARCH_DEFAULTS, nextFulltextDepth, searchCandidates, toLuceneQuery } from '../../server/services/search';
// The caps the services apply, so the sequences below send the same limits.
import { VIEW_EDGE_CAP } from '../../server/services/graph-view';
import { NEIGHBOR_COUNT_CAP, NEIGHBOR_EDGE_CAP } from '../../server/services/neighbors';
import { MAX_PATHS } from '../../server/services/paths';

const ALL_TYPES: RelType[] = [...REL_TYPES];

/** Runs one named statement inside the current transaction. */
export type Run = (name: StatementName, params: Record<string, unknown>) => Promise<Neo4jRecord[]>;

/** A bare driver with the API's pool settings; one session and one managed read transaction per unit, as the API does. */
export class RawDb {
  readonly driver: Driver;
  constructor(
    uri: string,
    user: string,
    password: string,
    readonly cypher: CypherRegistry,
    private readonly timeoutMs = 5000,
  ) {
    this.driver = neo4j.driver(uri, neo4j.auth.basic(user, password), {
      connectionTimeout: 3000,
      connectionAcquisitionTimeout: 5000,
      maxTransactionRetryTime: 3000,
      maxConnectionPoolSize: 50,
      logging: { level: 'error', logger: () => {} },
    });
  }

  /** One statement in its own read transaction. */
  read(name: StatementName, params: Record<string, unknown>): Promise<Neo4jRecord[]> {
    return this.tx([[name, params]]).then((r) => r[0]!);
  }

  /** Independent statements sent together in one read transaction (the API's search does this). */
  tx(statements: [StatementName, Record<string, unknown>][]): Promise<Neo4jRecord[][]> {
    return this.within((run) => Promise.all(statements.map(([name, params]) => run(name, params))));
  }

  /** A sequence decided as it goes (a walk, a path and its nodes) in one read transaction, as the API runs it. */
  async within<T>(work: (run: Run) => Promise<T>): Promise<T> {
    const session = this.driver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      return await session.executeRead(
        (tx) => work(async (name, params) => (await tx.run(this.cypher[name], toNeo4jParams(params) as Record<string, unknown>)).records),
        { timeout: this.timeoutMs },
      );
    } finally {
      await session.close();
    }
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}

export interface Outcome {
  /** No hit / no path / no node: reported as the share of empty answers. */
  empty: boolean;
}

export interface Workload {
  name: string;
  /** What the API request is, for the report. */
  request: string;
  /** The statements of one API request, in order, for the report. */
  sequence: string;
  /** The statement timed alone. */
  single: StatementName;
  path(k: number): string;
  /** Whether an API answer was empty (parsed from the body). */
  emptyBody?(body: string): boolean;
  rawSeq(db: RawDb, k: number): Promise<Outcome>;
  rawOne(db: RawDb, k: number): Promise<Outcome>;
}

export interface ParamSource {
  /** Nodes in the graph (indices 0..nodes-1 exist). */
  nodes: number;
  seed: number;
  ns: string;
}

const enc = encodeURIComponent;

/** Seeded parameter lists, shared by every side: start nodes, node pairs, search terms. */
export class Params {
  readonly ids: string[] = [];
  readonly pairs: [string, string][] = [];
  readonly terms: string[] = [];
  constructor(
    readonly src: ParamSource,
    count = 4096,
  ) {
    const rand = seededRandom(src.seed ^ 0xbe4c);
    const pick = () => Math.floor(rand() * src.nodes);
    for (let i = 0; i < count; i++) {
      this.ids.push(syntheticId(pick(), src.seed, src.ns));
      const a = pick();
      let b = pick();
      if (src.nodes > 1) while (b === a) b = pick();
      this.pairs.push([syntheticId(a, src.seed, src.ns), syntheticId(b, src.seed, src.ns)]);
      const n = syntheticNames(pick(), src.seed);
      const r = rand();
      // A mix of what people type: a two-word English phrase, a Chinese term, an exact name, a short prefix.
      this.terms.push(r < 0.35 ? n.words.en : r < 0.65 ? n.words.zh : r < 0.85 ? n.name_en : n.words.en.slice(0, 4));
    }
  }
  id(k: number): string {
    return this.ids[k % this.ids.length]!;
  }
  pair(k: number): [string, string] {
    return this.pairs[k % this.pairs.length]!;
  }
  term(k: number): string {
    return this.terms[k % this.terms.length]!;
  }
}

/** The filters the /api/graph workload cycles through. */
export const VIEW_FILTERS: { kinds: NodeKind[]; types: RelType[]; limit: number }[] = [
  { kinds: ['Technology', 'Model', 'Organization'], types: ['DEVELOPS', 'BUILDS_ON'], limit: 500 },
  { kinds: ['Challenge', 'Outlook', 'Technology'], types: ['MITIGATES', 'ADDRESSES', 'ENABLES'], limit: 500 },
  { kinds: ['Publication', 'Person', 'Claim', 'Organization'], types: ['AUTHORED', 'PUBLISHES', 'REPORTS'], limit: 500 },
  { kinds: ['Concept', 'Domain', 'Challenge'], types: ['PART_OF', 'AFFECTS', 'CONTRIBUTES_TO', 'RISKS'], limit: 500 },
];

function strings(records: Neo4jRecord[], key: string): string[] {
  return records.map((r) => r.get(key) as string);
}

/** server/services/neighbors.ts, statement for statement, in one transaction. */
async function neighborsSequence(run: Run, id: string, depth: number, ns: string[], limit: number): Promise<Outcome> {
  const scope = { ns, kinds: null, types: ALL_TYPES };
  // Sent together, as the service sends them (pipelined in the transaction).
  const [start, firstStep] = await Promise.all([
    run('node-by-id', { id }),
    depth >= 1 ? run('neighbors', { frontier: [id], seen: [id], ...scope, limit: limit + 1 }) : Promise.resolve([]),
  ]);
  if (start.length === 0) return { empty: true };
  const seen = [id];
  let frontier = [id];
  let truncated = false;
  for (let level = 1; level <= depth && frontier.length > 0; level++) {
    const room = limit - (seen.length - 1);
    const found = strings(level === 1 ? firstStep : await run('neighbors', { frontier, seen, ...scope, limit: room + 1 }), 'id');
    if (found.length > room) {
      truncated = true;
      seen.push(...found.slice(0, room));
      break;
    }
    seen.push(...found);
    frontier = found;
  }
  const count = async () => {
    const counted = [id];
    let f = [id];
    for (let level = 1; level <= depth && f.length > 0 && counted.length < NEIGHBOR_COUNT_CAP; level++) {
      const cap = NEIGHBOR_COUNT_CAP - counted.length;
      if (level === depth) {
        await run('neighbors-count-last', { frontier: f, seen: counted, ...scope, cap });
        break;
      }
      const rows = await run('neighbors-count', { frontier: f, seen: counted, ...scope, cap });
      const found = (rows[0]?.get('ids') as string[] | undefined) ?? [];
      counted.push(...found);
      f = found;
    }
  };
  await Promise.all([
    truncated ? count() : Promise.resolve(),
    run('nodes-by-ids', { ids: seen }),
    run('graph-edges-among', { ids: seen, types: ALL_TYPES, limit: NEIGHBOR_EDGE_CAP }),
  ]);
  return { empty: seen.length === 1 };
}

/** server/services/paths.ts, statement for statement, in one transaction. */
async function pathsSequence(run: Run, from: string, to: string, mode: 'shortest' | 'all', maxHops: number): Promise<Outcome> {
  const limit = mode === 'shortest' ? 1 : MAX_PATHS;
  const [exist, rows] = await Promise.all([
    run('nodes-exist', { ids: [from, to] }),
    run(mode === 'shortest' ? 'paths-shortest' : 'paths-all-shortest', { from, to, types: ALL_TYPES, exclude: [], maxHops, limit }),
  ]);
  if (exist.some((r) => !r.get('exists'))) return { empty: true };
  const raw = rows
    .map((r) => ({ nodeIds: r.get('nodeIds') as string[], rels: r.get('rels') as { id: string; cite_passages?: string[] }[] }))
    .filter((p) => new Set(p.nodeIds).size === p.nodeIds.length);
  if (raw.length === 0) return { empty: true };
  const nodeIds = [...new Set(raw.flatMap((p) => p.nodeIds))];
  const passages = raw.flatMap((p) => p.rels.flatMap((e) => e.cite_passages ?? []));
  await Promise.all([
    run('nodes-by-ids', { ids: nodeIds }),
    passages.length > 0 ? run('passages-by-ids', { ids: [...new Set(passages)] }) : Promise.resolve([]),
  ]);
  return { empty: false };
}

function pathsEmptyBody(body: string): boolean {
  return body.includes('"paths":[]');
}

export function workloads(params: Params): Workload[] {
  const ns = [params.src.ns];
  const nsq = `ns=${enc(params.src.ns)}`;
  // The search requests ask for limit=10.
  const SEARCH_CANDIDATES = searchCandidates(10);
  const fulltextParams = (query: string, fetch: number) => ({ query, ns, kinds: null, candidates: SEARCH_CANDIDATES, fetch });
  const hitsOf = (rec: Neo4jRecord) => (rec.get('hits') as unknown[]).length;
  const readOf = (rec: Neo4jRecord) => neo4j.integer.toNumber(rec.get('read') as number);
  // The service reads a namespace of at most scanLimit entities whole for the substring match and asks
  // the TEXT index for a larger one (after one scan that finds it larger, remembered for largeForMs — the
  // warm-up's); the synthetic namespace holds src.nodes entities.
  const scanNamespace = params.src.nodes <= SEARCH_DEFAULTS.scanLimit;
  const containsStatement = scanNamespace ? 'search-contains-scan' : 'search-contains';
  const containsEmpty = (rows: Neo4jRecord[]) =>
    scanNamespace ? !rows[0] || (rows[0].get('hits') as unknown[]).length === 0 : rows.length === 0;
  // Per graph size (a new list each step): the graph view's floor per filter, for raw-one.
  const viewFloors = new Map<number, number>();
  const neighbors = (depth: number): Workload => ({
    name: `neighbors-d${depth}`,
    request: `GET /api/nodes/:id/neighbors?depth=${depth}&limit=100 (random node)`,
    sequence:
      'node-by-id + neighbors, neighbors ×(depth − 1), [neighbors-count per inner level + neighbors-count-last when truncated] + nodes-by-ids + graph-edges-among (one transaction; + joins statements sent together)',
    single: 'neighbors',
    path: (k) => `/api/nodes/${enc(params.id(k))}/neighbors?depth=${depth}&limit=100&${nsq}`,
    emptyBody: (body) => body.startsWith('{"nodes":[') && !body.includes('},{'),
    rawSeq: (db, k) => db.within((run) => neighborsSequence(run, params.id(k), depth, ns, 100)),
    rawOne: async (db, k) => {
      const id = params.id(k);
      const rows = await db.read('neighbors', { frontier: [id], seen: [id], ns, kinds: null, types: ALL_TYPES, limit: 101 });
      return { empty: rows.length === 0 };
    },
  });
  const paths = (mode: 'shortest' | 'all'): Workload => ({
    name: mode === 'shortest' ? 'path-shortest' : 'paths-all-shortest',
    request: `GET /api/paths?mode=${mode}&maxHops=6 (random pair)`,
    sequence: `nodes-exist + ${mode === 'shortest' ? 'paths-shortest' : 'paths-all-shortest'}, nodes-by-ids + passages-by-ids (one transaction; + joins statements sent together)`,
    single: mode === 'shortest' ? 'paths-shortest' : 'paths-all-shortest',
    path: (k) => {
      const [from, to] = params.pair(k);
      return `/api/paths?from=${enc(from)}&to=${enc(to)}&mode=${mode}&maxHops=6`;
    },
    emptyBody: pathsEmptyBody,
    rawSeq: (db, k) => {
      const [from, to] = params.pair(k);
      return db.within((run) => pathsSequence(run, from, to, mode, 6));
    },
    rawOne: async (db, k) => {
      const [from, to] = params.pair(k);
      const rows = await db.read(mode === 'shortest' ? 'paths-shortest' : 'paths-all-shortest', {
        from,
        to,
        types: ALL_TYPES,
        exclude: [],
        maxHops: 6,
        limit: mode === 'shortest' ? 1 : MAX_PATHS,
      });
      return { empty: rows.length === 0 };
    },
  });
  return [
    {
      name: 'search',
      request: 'GET /api/search?q=…&limit=10 (seeded terms: English phrases, Chinese terms, exact names, prefixes)',
      sequence: `search-fulltext + search-contains (search-contains-scan for a namespace of at most ${SEARCH_DEFAULTS.scanLimit} entities; one transaction; sent together) [+ search-fulltext read deeper, in the same transaction, while entities of a namespace the index cannot be asked for crowd out the first read]`,
      single: 'search-fulltext',
      path: (k) => `/api/search?q=${enc(params.term(k))}&limit=10&${nsq}`,
      emptyBody: (body) => body.includes('"hits":[]'),
      rawSeq: async (db, k) => {
        const q = params.term(k);
        const lucene = toLuceneQuery(q, ns);
        const needle = normalizeQuery(q);
        return db.within(async (run) => {
          const [full, contains] = await Promise.all([
            lucene ? run('search-fulltext', fulltextParams(lucene, SEARCH_CANDIDATES)) : [],
            needle
              ? run(containsStatement, { needle, ns, kinds: null, candidates: SEARCH_CANDIDATES, scan: SEARCH_DEFAULTS.scanLimit })
              : [],
          ]);
          // Deeper reads of the index in the same transaction, when the service makes them.
          let fulltext = full[0];
          for (
            let fetch = fulltext ? nextFulltextDepth(hitsOf(fulltext), readOf(fulltext), SEARCH_CANDIDATES, SEARCH_CANDIDATES) : null;
            fetch !== null && fulltext;
            fetch = nextFulltextDepth(hitsOf(fulltext), readOf(fulltext), fetch, SEARCH_CANDIDATES)
          ) {
            fulltext = (await run('search-fulltext', fulltextParams(lucene, fetch)))[0];
          }
          return { empty: (!fulltext || hitsOf(fulltext) === 0) && containsEmpty(contains) };
        });
      },
      rawOne: async (db, k) => {
        const rows = await db.read('search-fulltext', fulltextParams(toLuceneQuery(params.term(k), ns), SEARCH_CANDIDATES));
        return { empty: !rows[0] || hitsOf(rows[0]) === 0 };
      },
    },
    neighbors(1),
    neighbors(2),
    paths('shortest'),
    paths('all'),
    {
      name: 'graph-filtered',
      request: 'GET /api/graph?kinds=…&types=…&limit=500 (four filter sets in turn)',
      sequence: 'graph-floor + graph-count, graph-nodes, graph-edges-among (one transaction; + joins statements sent together)',
      single: 'graph-nodes',
      path: (k) => {
        const f = VIEW_FILTERS[k % VIEW_FILTERS.length]!;
        return `/api/graph?${nsq}&kinds=${f.kinds.join(',')}&types=${f.types.join(',')}&limit=${f.limit}`;
      },
      emptyBody: (body) => body.startsWith('{"nodes":[]'),
      rawSeq: async (db, k) => {
        const f = VIEW_FILTERS[k % VIEW_FILTERS.length]!;
        const p = { ns, kinds: f.kinds, types: f.types, typeIndexes: degreeIndexes(f.types), limit: f.limit };
        return db.within(async (run) => {
          const [floorRows] = await Promise.all([run('graph-floor', p), run('graph-count', p)]);
          const floor = Number(floorRows[0]?.get('floor') ?? 0);
          const nodes = await run('graph-nodes', { ...p, floor });
          const ids = nodes.map((r) => (r.get('node') as { id: string }).id);
          if (ids.length > 0) await run('graph-edges-among', { ids, types: f.types, limit: VIEW_EDGE_CAP });
          return { empty: ids.length === 0 };
        });
      },
      rawOne: async (db, k) => {
        const f = VIEW_FILTERS[k % VIEW_FILTERS.length]!;
        const p = { ns, kinds: f.kinds, typeIndexes: degreeIndexes(f.types), limit: f.limit };
        // The main statement alone: each filter's floor is read once (in the untimed ramp) and reused.
        const i = k % VIEW_FILTERS.length;
        let floor = viewFloors.get(i);
        if (floor === undefined) {
          floor = Number((await db.read('graph-floor', p))[0]?.get('floor') ?? 0);
          viewFloors.set(i, floor);
        }
        const rows = await db.read('graph-nodes', { ...p, floor });
        return { empty: rows.length === 0 };
      },
    },
  ];
}
