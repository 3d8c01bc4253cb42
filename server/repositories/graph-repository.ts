/**
 * server/repositories/graph-repository — every read of the knowledge graph.
 *
 * Returns plain objects in the API's shapes (graph/records does the
 * conversion); services never see a driver value. Each method runs in its own
 * read transaction; a service that needs several reads (a neighbourhood, a
 * path and its nodes) runs them through `read()` in one transaction, so they
 * see one snapshot and pay for one BEGIN/COMMIT.
 */
import type { GraphEdgeDTO, GraphNodeDTO, NodeSummaryDTO, RelationshipSummaryDTO } from '../../graph/contracts';
import type { NodeKind, RelType } from '../../graph/model';
import { NODE_KINDS } from '../../graph/model';
import { degreeIndexes, fromNodeRecord, fromRelationshipRecord } from '../../graph/records';
import type { ManagedTransaction } from 'neo4j-driver';
import type { CypherRegistry, StatementName } from '../db/cypher';
import { type Database, recordsToObjects } from '../db/database';

export interface PassageRecord {
  id: string;
  document: string;
  paragraph: number;
  sentence: number;
  text: string;
  start: number;
  end: number;
  paragraphId: string;
  paragraphText: string;
}

/** A cited sentence as the source reader needs it: where it sits in its paragraph. */
export interface CitedSentence {
  id: string;
  paragraphId: string;
  start: number;
  text: string;
}

/** One quote of a source document by a node or a relationship of its namespace. */
export type SourceCitationRecord = { passage: CitedSentence; quote: string } & (
  { node: NodeSummaryDTO } | { relationship: RelationshipSummaryDTO }
);

/** A path as found: its node ids in order and its relationships, properties included. */
export interface RawPath {
  nodeIds: string[];
  rels: GraphEdgeDTO[];
}

export interface Scope {
  /** Namespaces visible to the caller. */
  ns: string[];
  kinds: NodeKind[] | null;
  types: RelType[];
}

type NodeRecord = { node: Record<string, unknown>; degree: number };
type SearchRow = { node: Pick<GraphNodeDTO, 'id' | 'kind' | 'name_zh' | 'name_en' | 'aliases_zh' | 'aliases_en'>; score?: number };
/** What one read of the full-text index kept (`hits`) out of how many it gave (`read`). */
export type FulltextRead = { read: number; hits: SearchRow[] };
/** A substring read: `scanned` is how many of the namespace's nodes were read, null when the TEXT index answered. */
export type ContainsRead = { scanned: number | null; hits: SearchRow[] };

/** The graph's reads, bound to one open transaction (see GraphRepository.read). */
export class GraphReader {
  constructor(
    private readonly tx: ManagedTransaction,
    private readonly cypher: CypherRegistry,
  ) {}

  private async rows<T>(statement: StatementName, params: Record<string, unknown>): Promise<T[]> {
    return recordsToObjects<T>(await this.tx.run(this.cypher[statement], params));
  }

  async nodeById(id: string): Promise<GraphNodeDTO | null> {
    const rows = await this.rows<NodeRecord>('node-by-id', { id });
    return rows[0] ? fromNodeRecord(rows[0].node, rows[0].degree) : null;
  }

  async nodesByIds(ids: string[]): Promise<GraphNodeDTO[]> {
    if (ids.length === 0) return [];
    return (await this.rows<NodeRecord>('nodes-by-ids', { ids })).map((r) => fromNodeRecord(r.node, r.degree));
  }

  async missingIds(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    return (await this.rows<{ id: string; exists: boolean }>('nodes-exist', { ids })).filter((r) => !r.exists).map((r) => r.id);
  }

  async relationshipsOf(
    id: string,
    types: RelType[],
    limit: number,
  ): Promise<{ edge: GraphEdgeDTO; other: Pick<GraphNodeDTO, 'id' | 'kind' | 'name_zh' | 'name_en'> }[]> {
    return (await this.rows<{ rel: Record<string, unknown>; other: GraphNodeDTO }>('node-relationships', { id, types, limit })).map(
      (r) => ({ edge: fromRelationshipRecord(r.rel), other: r.other }),
    );
  }

  async mentionsOf(id: string): Promise<{ document: string; title: string; count: number }[]> {
    return this.rows('node-mentions', { id });
  }

  async passages(ids: string[]): Promise<Map<string, PassageRecord>> {
    if (ids.length === 0) return new Map();
    const rows = await this.rows<{ passage: Omit<PassageRecord, 'paragraphText'>; paragraphText: string }>('passages-by-ids', {
      ids: [...new Set(ids)],
    });
    return new Map(rows.map((r) => [r.passage.id, { ...r.passage, paragraphText: r.paragraphText }]));
  }

  /** A document's paragraphs (sentence 0 passages) in order. */
  async sourceParagraphs(document: string): Promise<{ id: string; paragraph: number; text: string }[]> {
    return (await this.rows<{ paragraph: { id: string; paragraph: number; text: string } }>('source-paragraphs', { document })).map(
      (r) => r.paragraph,
    );
  }

  /** Every quote of `document` by an entity or a relationship of namespace `ns`; both reads go out together. */
  async sourceCitations(document: string, ns: string, types: RelType[]): Promise<SourceCitationRecord[]> {
    type Row = { passage: CitedSentence; quote: string };
    const [nodes, rels] = await Promise.all([
      this.rows<Row & { node: NodeSummaryDTO }>('source-node-citations', { document, ns }),
      this.rows<Row & RelationshipSummaryDTO>('source-relationship-citations', { document, ns, types }),
    ]);
    return [...nodes, ...rels.map(({ passage, quote, ...relationship }) => ({ passage, quote, relationship }))];
  }

  /** One breadth-first step from `frontier`; at most `limit` new ids. */
  async neighborStep(frontier: string[], seen: string[], scope: Scope, limit: number): Promise<string[]> {
    const params = { frontier, seen, ns: scope.ns, kinds: scope.kinds, types: scope.types, limit };
    return (await this.rows<{ id: string }>('neighbors', params)).map((r) => r.id);
  }

  /** The ids of one step without the result limit (capped at `cap` for safety). */
  async neighborStepAll(frontier: string[], seen: string[], scope: Scope, cap: number): Promise<string[]> {
    const params = { frontier, seen, ns: scope.ns, kinds: scope.kinds, types: scope.types, cap };
    return (await this.rows<{ ids: string[] }>('neighbors-count', params))[0]?.ids ?? [];
  }

  /** How many new ids one more step would add (capped at `cap`), without shipping them. */
  async neighborStepCount(frontier: string[], seen: string[], scope: Scope, cap: number): Promise<number> {
    const params = { frontier, seen, ns: scope.ns, kinds: scope.kinds, types: scope.types, cap };
    return (await this.rows<{ count: number }>('neighbors-count-last', params))[0]?.count ?? 0;
  }

  async edgesAmong(ids: string[], types: RelType[], limit: number): Promise<GraphEdgeDTO[]> {
    if (ids.length === 0) return [];
    return (await this.rows<{ rel: Record<string, unknown> }>('graph-edges-among', { ids, types, limit })).map((r) =>
      fromRelationshipRecord(r.rel),
    );
  }

  /** The view's best-connected nodes over the scope's types, and how many the filter selects in all. */
  async graphNodes(scope: Scope, limit: number): Promise<{ nodes: GraphNodeDTO[]; total: number }> {
    const params = { ns: scope.ns, kinds: scope.kinds ?? NODE_KINDS, typeIndexes: degreeIndexes(scope.types), limit };
    // The floor and the count go out together (see NeighborService.walk); the nodes wait for the floor,
    // which lets the index seek only the nodes that can rank (0: every candidate).
    const [floorRows, count] = await Promise.all([
      this.rows<{ floor: number }>('graph-floor', params),
      this.rows<{ nodes: number }>('graph-count', params),
    ]);
    const rows = await this.rows<NodeRecord>('graph-nodes', { ...params, floor: floorRows[0]?.floor ?? 0 });
    const nodes = rows.map((r) => fromNodeRecord(r.node, r.degree));
    return { nodes, total: count[0]?.nodes ?? nodes.length };
  }

  async paths(
    mode: 'shortest' | 'all' | 'k',
    params: { from: string; to: string; types: RelType[]; exclude: string[]; maxHops: number; limit: number },
  ): Promise<RawPath[]> {
    const statement = mode === 'shortest' ? 'paths-shortest' : mode === 'all' ? 'paths-all-shortest' : 'paths-k';
    // The relationships come with their properties, so no second read has to expand the path's hubs.
    const rows = await this.rows<{ nodeIds: string[]; rels: Record<string, unknown>[] }>(statement, params);
    return rows.map((r) => ({ nodeIds: r.nodeIds, rels: r.rels.map(fromRelationshipRecord) }));
  }

  /**
   * One read of the full-text index, `fetch` deep: `hits` are the first `candidates` of those in
   * `ns` and `kinds`, best first; `read` is how many the index gave before that filter.
   */
  async searchFulltext(
    luceneQuery: string,
    ns: string[],
    kinds: NodeKind[] | null,
    candidates: number,
    fetch: number,
  ): Promise<FulltextRead> {
    const [row] = await this.rows<FulltextRead>('search-fulltext', { query: luceneQuery, ns, kinds, candidates, fetch });
    return row ?? { read: 0, hits: [] };
  }

  /**
   * The substring match. With `scanLimit`, namespaces of at most that many nodes together are read whole
   * (their size bounds the cost, whatever other namespaces hold); larger ones, or `scanLimit` null, are
   * answered by the TEXT index.
   */
  async searchContains(
    needle: string,
    ns: string[],
    kinds: NodeKind[] | null,
    candidates: number,
    scanLimit: number | null,
  ): Promise<ContainsRead> {
    if (scanLimit !== null) {
      const params = { needle, ns, kinds, candidates, scan: scanLimit };
      const [row] = await this.rows<{ scanned: number; hits: SearchRow[] }>('search-contains-scan', params);
      if (!row || row.scanned <= scanLimit) return { scanned: row?.scanned ?? 0, hits: row?.hits ?? [] };
    }
    return { scanned: null, hits: await this.rows<SearchRow>('search-contains', { needle, ns, kinds, candidates }) };
  }

  async search(
    luceneQuery: string,
    needle: string,
    ns: string[],
    kinds: NodeKind[] | null,
    candidates: number,
    scanLimit: number | null,
  ): Promise<{ fulltext: FulltextRead; contains: ContainsRead }> {
    // Both reads go out together (see NeighborService.walk); the index is read `candidates` deep.
    const [fulltext, contains] = await Promise.all([
      luceneQuery ? this.searchFulltext(luceneQuery, ns, kinds, candidates, candidates) : { read: 0, hits: [] },
      needle ? this.searchContains(needle, ns, kinds, candidates, scanLimit) : { scanned: 0, hits: [] },
    ]);
    return { fulltext, contains };
  }

  async schemaCounts(ns: string[]): Promise<{ kinds: Map<string, number>; types: Map<string, number> }> {
    const [kinds, types] = await Promise.all([
      this.rows<{ kind: string; count: number }>('schema-counts-kinds', { ns }),
      this.rows<{ type: string; count: number }>('schema-counts-types', { ns }),
    ]);
    return { kinds: new Map(kinds.map((k) => [k.kind, k.count])), types: new Map(types.map((t) => [t.type, t.count])) };
  }
}

export class GraphRepository {
  constructor(
    private readonly db: Database,
    private readonly cypher: CypherRegistry,
  ) {}

  /**
   * Runs `work` in one read transaction: its reads see one snapshot and cost
   * one BEGIN/COMMIT. `owner` names the caller in error messages.
   */
  read<T>(owner: string, work: (reader: GraphReader) => Promise<T>, timeoutMs?: number): Promise<T> {
    return this.db.read((tx) => work(new GraphReader(tx, this.cypher)), { owner, ...(timeoutMs ? { timeoutMs } : {}) });
  }

  nodesByIds(ids: string[]): Promise<GraphNodeDTO[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.read('nodes', (r) => r.nodesByIds(ids));
  }

  missingIds(ids: string[]): Promise<string[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.read('nodes', (r) => r.missingIds(ids));
  }

  passages(ids: string[]): Promise<Map<string, PassageRecord>> {
    return ids.length === 0 ? Promise.resolve(new Map()) : this.read('passages', (r) => r.passages(ids));
  }

  edgesAmong(ids: string[], types: RelType[], limit: number): Promise<GraphEdgeDTO[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.read('graph', (r) => r.edgesAmong(ids, types, limit));
  }

  search(
    luceneQuery: string,
    needle: string,
    ns: string[],
    kinds: NodeKind[] | null,
    candidates: number,
    scanLimit: number | null,
  ): ReturnType<GraphReader['search']> {
    return this.read('search', (r) => r.search(luceneQuery, needle, ns, kinds, candidates, scanLimit));
  }

  schemaCounts(ns: string[]): ReturnType<GraphReader['schemaCounts']> {
    return this.read('schema', (r) => r.schemaCounts(ns), 30_000);
  }
}
