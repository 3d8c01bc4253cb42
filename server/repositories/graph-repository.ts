/**
 * server/repositories/graph-repository — every read of the knowledge graph.
 *
 * Returns plain objects in the API's shapes (graph/records does the
 * conversion); services never see a driver value.
 */
import type { GraphEdgeDTO, GraphNodeDTO } from '../../graph/contracts';
import type { NodeKind, RelType } from '../../graph/model';
import { REL_TYPES } from '../../graph/model';
import { fromNodeRecord, fromRelationshipRecord } from '../../graph/records';
import type { CypherRegistry } from '../db/cypher';
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

export interface RawPath {
  nodeIds: string[];
  rels: { id: string; type: RelType; source: string; target: string }[];
}

export interface Scope {
  /** Namespaces visible to the caller. */
  ns: string[];
  kinds: NodeKind[] | null;
  types: RelType[];
}

export class GraphRepository {
  constructor(
    private readonly db: Database,
    private readonly cypher: CypherRegistry,
  ) {}

  async nodeById(id: string): Promise<GraphNodeDTO | null> {
    return this.db.read(
      async (tx) => {
        const rows = recordsToObjects<{ node: Record<string, unknown>; degree: number }>(
          await tx.run(this.cypher['node-by-id'], { id, types: REL_TYPES }),
        );
        return rows[0] ? fromNodeRecord(rows[0].node, rows[0].degree) : null;
      },
      { owner: 'nodes' },
    );
  }

  async nodesByIds(ids: string[]): Promise<GraphNodeDTO[]> {
    if (ids.length === 0) return [];
    return this.db.read(
      async (tx) =>
        recordsToObjects<{ node: Record<string, unknown>; degree: number }>(
          await tx.run(this.cypher['nodes-by-ids'], { ids, types: REL_TYPES }),
        ).map((r) => fromNodeRecord(r.node, r.degree)),
      { owner: 'nodes' },
    );
  }

  async missingIds(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    return this.db.read(
      async (tx) =>
        recordsToObjects<{ id: string; exists: boolean }>(await tx.run(this.cypher['nodes-exist'], { ids }))
          .filter((r) => !r.exists)
          .map((r) => r.id),
      { owner: 'nodes' },
    );
  }

  async relationshipsOf(
    id: string,
    types: RelType[],
    limit: number,
  ): Promise<{ edge: GraphEdgeDTO; other: Pick<GraphNodeDTO, 'id' | 'kind' | 'name_zh' | 'name_en'> }[]> {
    return this.db.read(
      async (tx) =>
        recordsToObjects<{ rel: Record<string, unknown>; other: GraphNodeDTO }>(
          await tx.run(this.cypher['node-relationships'], { id, types, limit }),
        ).map((r) => ({ edge: fromRelationshipRecord(r.rel), other: r.other })),
      { owner: 'nodes' },
    );
  }

  async mentionsOf(id: string): Promise<{ document: string; title: string; count: number }[]> {
    return this.db.read(async (tx) => recordsToObjects(await tx.run(this.cypher['node-mentions'], { id })), { owner: 'nodes' });
  }

  async passages(ids: string[]): Promise<Map<string, PassageRecord>> {
    if (ids.length === 0) return new Map();
    return this.db.read(
      async (tx) => {
        const rows = recordsToObjects<{ passage: Omit<PassageRecord, 'paragraphText'>; paragraphText: string }>(
          await tx.run(this.cypher['passages-by-ids'], { ids: [...new Set(ids)] }),
        );
        return new Map(rows.map((r) => [r.passage.id, { ...r.passage, paragraphText: r.paragraphText }]));
      },
      { owner: 'passages' },
    );
  }

  /** One breadth-first step from `frontier`; at most `limit` new ids. */
  async neighborStep(frontier: string[], seen: string[], scope: Scope, limit: number): Promise<string[]> {
    return this.db.read(
      async (tx) =>
        recordsToObjects<{ id: string }>(
          await tx.run(this.cypher.neighbors, { frontier, seen, ns: scope.ns, kinds: scope.kinds, types: scope.types, limit }),
        ).map((r) => r.id),
      { owner: 'neighbors' },
    );
  }

  /** The ids of one step without the result limit (capped at `cap` for safety). */
  async neighborStepAll(frontier: string[], seen: string[], scope: Scope, cap: number): Promise<string[]> {
    return this.db.read(
      async (tx) => {
        const rows = recordsToObjects<{ ids: string[] }>(
          await tx.run(this.cypher['neighbors-count'], { frontier, seen, ns: scope.ns, kinds: scope.kinds, types: scope.types, cap }),
        );
        return rows[0]?.ids ?? [];
      },
      { owner: 'neighbors' },
    );
  }

  async edgesAmong(ids: string[], types: RelType[], limit: number): Promise<GraphEdgeDTO[]> {
    if (ids.length === 0) return [];
    return this.db.read(
      async (tx) =>
        recordsToObjects<{ rel: Record<string, unknown> }>(await tx.run(this.cypher['graph-edges-among'], { ids, types, limit })).map((r) =>
          fromRelationshipRecord(r.rel),
        ),
      { owner: 'graph' },
    );
  }

  async graphNodes(scope: Scope, limit: number): Promise<{ nodes: GraphNodeDTO[]; total: number }> {
    return this.db.read(
      async (tx) => {
        const params = { ns: scope.ns, kinds: scope.kinds, types: scope.types, limit };
        const nodes = recordsToObjects<{ node: Record<string, unknown>; degree: number }>(
          await tx.run(this.cypher['graph-nodes'], params),
        ).map((r) => fromNodeRecord(r.node, r.degree));
        const total = recordsToObjects<{ nodes: number }>(await tx.run(this.cypher['graph-count'], params))[0]?.nodes ?? nodes.length;
        return { nodes, total };
      },
      { owner: 'graph' },
    );
  }

  async paths(
    mode: 'shortest' | 'all' | 'k',
    params: { from: string; to: string; types: RelType[]; exclude: string[]; maxHops: number; limit: number },
    timeoutMs: number,
  ): Promise<RawPath[]> {
    const statement = mode === 'shortest' ? 'paths-shortest' : mode === 'all' ? 'paths-all-shortest' : 'paths-k';
    return this.db.read(async (tx) => recordsToObjects<RawPath>(await tx.run(this.cypher[statement], params)), {
      owner: 'paths',
      timeoutMs,
    });
  }

  async search(luceneQuery: string, needle: string, ns: string[], kinds: NodeKind[] | null, candidates: number) {
    type Row = { node: Pick<GraphNodeDTO, 'id' | 'kind' | 'name_zh' | 'name_en' | 'aliases_zh' | 'aliases_en'>; score?: number };
    return this.db.read(
      async (tx) => {
        const fulltext = luceneQuery
          ? recordsToObjects<Row>(await tx.run(this.cypher['search-fulltext'], { query: luceneQuery, ns, kinds, candidates }))
          : [];
        const contains = needle
          ? recordsToObjects<Row>(await tx.run(this.cypher['search-contains'], { needle, ns, kinds, candidates }))
          : [];
        return { fulltext, contains };
      },
      { owner: 'search' },
    );
  }

  async schemaCounts(ns: string[]): Promise<{ kinds: Map<string, number>; types: Map<string, number> }> {
    return this.db.read(
      async (tx) => {
        const kinds = recordsToObjects<{ kind: string; count: number }>(await tx.run(this.cypher['schema-counts-kinds'], { ns }));
        const types = recordsToObjects<{ type: string; count: number }>(await tx.run(this.cypher['schema-counts-types'], { ns }));
        return { kinds: new Map(kinds.map((k) => [k.kind, k.count])), types: new Map(types.map((t) => [t.type, t.count])) };
      },
      { owner: 'schema', timeoutMs: 30_000 },
    );
  }
}
