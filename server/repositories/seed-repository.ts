/**
 * server/repositories/seed-repository — writes datasets (curated, imported, synthetic) into Neo4j.
 *
 * Batched UNWIND of parameter lists, one round trip per batch; labels and
 * relationship types are checked against the schema's whitelist before a
 * statement sees them (they are the only non-parameter parts of a query).
 */
import type { ManagedTransaction } from 'neo4j-driver';
import { REL_TYPES, isNodeKind, isRelType } from '../../graph/model';
import { type NodeRow, type PassageRow, type RelationshipRow, relationshipColumns } from '../../graph/records';
import { searchText } from '../../graph/search-text';
import type { CypherRegistry } from '../db/cypher';
import { splitStatements } from '../db/cypher';
import { type Database, batches, recordsToObjects, toPlain, writtenCount } from '../db/database';
import { ValidationError } from '../errors';
import { refreshDegrees } from './degrees';

export interface DocumentRow {
  id: string;
  props: Record<string, string | number | boolean | string[] | null>;
}

function checkWhitelist(nodes: readonly NodeRow[], rels: readonly RelationshipRow[]) {
  const badKind = nodes.find((n) => !isNodeKind(n.kind));
  if (badKind)
    throw new ValidationError(
      `seed: node "${badKind.id}" has kind "${badKind.kind}", which is not in the schema — use one of graph/model.ts NODE_KINDS.`,
    );
  const badType = rels.find((r) => !isRelType(r.type));
  if (badType)
    throw new ValidationError(
      `seed: relationship "${badType.id}" has type "${badType.type}", which is not in the schema — use one of graph/model.ts REL_TYPES.`,
    );
}

function sumWritten(tx: ManagedTransaction, query: string, rows: unknown[]): Promise<number> {
  return writtenCount(tx, query, { rows });
}

export class SeedRepository {
  constructor(
    private readonly db: Database,
    private readonly cypher: CypherRegistry,
  ) {}

  /** Creates constraints and indexes (idempotent), then waits for them to come online. */
  async applySchema(): Promise<void> {
    for (const statement of splitStatements(this.cypher.schema)) {
      await this.db.autoCommit((run) => run(statement), { owner: 'schema', mode: 'WRITE', timeoutMs: 120_000 });
    }
    await this.db.autoCommit((run) => run('CALL db.awaitIndexes(120)'), { owner: 'schema', timeoutMs: 130_000 });
  }

  /**
   * Writes one whole dataset in a single transaction: documents, passages,
   * nodes, relationships, then prunes what the namespace held beyond it.
   * All of it commits or none — a failure leaves the previous state.
   */
  async upsertAll(
    ns: string,
    data: { documents: DocumentRow[]; passages: PassageRow[]; nodes: NodeRow[]; relationships: RelationshipRow[] },
    opts: { prune: boolean; batchSize?: number } = { prune: true },
  ): Promise<{ nodes: number; relationships: number; passages: number }> {
    checkWhitelist(data.nodes, data.relationships);
    const size = opts.batchSize ?? 1000;
    return this.db.write(
      async (tx) => {
        for (const batch of batches(data.documents, size)) await sumWritten(tx, this.cypher['seed-documents'], batch);
        let passages = 0;
        for (const batch of batches(data.passages, size)) passages += await sumWritten(tx, this.cypher['seed-passages'], batch);
        let nodes = 0;
        for (const batch of batches(data.nodes, size)) nodes += await sumWritten(tx, this.cypher['seed-nodes'], batch);
        let relationships = 0;
        for (const batch of batches(data.relationships, size))
          relationships += await writtenCount(tx, this.cypher['seed-relationships'], relationshipColumns(batch));
        if (relationships !== data.relationships.length) {
          throw new ValidationError(
            `seed: only ${relationships} of ${data.relationships.length} relationships found both their ends — a source or target id is missing from the nodes.`,
          );
        }
        const nodeIds = [...data.nodes.map((n) => n.id), ...data.documents.map((d) => d.id)];
        if (opts.prune) {
          await tx.run(this.cypher['seed-prune-nodes'], { ns, ids: nodeIds });
          await tx.run(this.cypher['seed-prune-relationships'], { ns, ids: data.relationships.map((r) => r.id) });
        }
        await refreshDegrees(tx, this.cypher, nodeIds);
        return { nodes, relationships, passages };
      },
      { owner: 'seed', timeoutMs: 600_000 },
    );
  }

  /**
   * Stores `search_text` on entities written before it existed (older stores,
   * imports made by an older version), in batches of their own transactions.
   * Returns how many were filled; nothing to do costs one query.
   */
  async backfillSearchText(batchSize = 5000): Promise<number> {
    let filled = 0;
    for (;;) {
      const rows = await this.db.read(
        async (tx) =>
          recordsToObjects<{ id: string; names: (string | null)[] }>(
            await tx.run(this.cypher['search-text-missing'], { limit: batchSize }),
          ),
        { owner: 'seed', timeoutMs: 120_000 },
      );
      if (rows.length === 0) return filled;
      const batch = rows.map((r) => ({ id: r.id, text: searchText(r.names) }));
      filled += await this.db.write((tx) => sumWritten(tx, this.cypher['search-text-save'], batch), { owner: 'seed', timeoutMs: 120_000 });
      if (rows.length < batchSize) return filled;
    }
  }

  /**
   * Stores per-type degrees on entities that lack them or hold them for another
   * list of types (older stores, accepted document terms), in batches of their
   * own transactions. Returns how many were filled; nothing to do costs one query.
   */
  async backfillDegrees(batchSize = 5000): Promise<number> {
    let filled = 0;
    for (;;) {
      const ids = await this.db.read(
        async (tx) =>
          recordsToObjects<{ id: string }>(await tx.run(this.cypher['degrees-missing'], { limit: batchSize, types: REL_TYPES })).map(
            (r) => r.id,
          ),
        { owner: 'seed', timeoutMs: 120_000 },
      );
      if (ids.length === 0) return filled;
      filled += await this.refreshDegrees(ids, batchSize);
      if (ids.length < batchSize) return filled;
    }
  }

  /** Refreshes the stored degrees of these entities in batches of their own transactions (large loads). */
  async refreshDegrees(ids: readonly string[], batchSize = 5000): Promise<number> {
    let written = 0;
    for (const batch of batches(ids, batchSize)) {
      written += await this.db.write((tx) => refreshDegrees(tx, this.cypher, batch), { owner: 'seed', timeoutMs: 600_000 });
    }
    return written;
  }

  /**
   * Streams large datasets in separate transactions per batch (benchmarks); returns rows written.
   * Relationships are upserted by id (MERGE), or with `create` written as new
   * (CREATE): only for rows whose ids the store does not hold yet, such as a
   * freshly generated namespace step — a repeated id would be stored twice.
   * MERGE locks both ends of every row, so concurrent upserts wait on (and
   * deadlock over) shared hubs; creates can run side by side.
   */
  async upsertBatched(
    kind: 'nodes' | 'relationships',
    rows: NodeRow[] | RelationshipRow[],
    batchSize: number,
    opts: { create?: boolean } = {},
  ): Promise<number> {
    let written = 0;
    if (kind === 'nodes') {
      checkWhitelist(rows as NodeRow[], []);
      for (const batch of batches(rows as NodeRow[], batchSize)) {
        written += await this.db.write((tx) => sumWritten(tx, this.cypher['seed-nodes'], batch), { owner: 'seed', timeoutMs: 600_000 });
      }
      return written;
    }
    checkWhitelist([], rows as RelationshipRow[]);
    const query = this.cypher[opts.create ? 'create-relationships' : 'seed-relationships'];
    for (const batch of batches(rows as RelationshipRow[], batchSize)) {
      const params = relationshipColumns(batch);
      written += await this.db.write((tx) => writtenCount(tx, query, params), { owner: 'seed', timeoutMs: 600_000 });
    }
    return written;
  }

  /**
   * Sends one batch of relationship rows exactly as `upsertBatched` would and
   * writes nothing: the benchmark's floor for the loader (shipping and
   * walking the rows). Returns the rows Neo4j walked.
   */
  async shipRelationships(rows: RelationshipRow[]): Promise<number> {
    const params = relationshipColumns(rows);
    return this.db.read((tx) => writtenCount(tx, this.cypher['ship-relationships'], params), { owner: 'seed', timeoutMs: 600_000 });
  }

  async countNamespace(ns: string): Promise<{ nodes: number; relationships: number }> {
    return this.db.read(
      async (tx) => {
        const r = await tx.run(this.cypher['count-namespace'], { ns });
        return toPlain(r.records[0]?.toObject()) as { nodes: number; relationships: number };
      },
      { owner: 'seed', timeoutMs: 120_000 },
    );
  }

  /** The fingerprint of the dataset `ns` was last seeded from (null when none was recorded). */
  async seedFingerprint(ns: string): Promise<string | null> {
    return this.db.read(
      async (tx) => {
        const r = await tx.run(this.cypher['seed-state'], { ns });
        const value: unknown = r.records[0]?.get('fingerprint');
        return typeof value === 'string' ? value : null;
      },
      { owner: 'seed' },
    );
  }

  async saveSeedFingerprint(ns: string, fingerprint: string): Promise<void> {
    await this.db.write((tx) => tx.run(this.cypher['seed-state-save'], { ns, fingerprint }), { owner: 'seed' });
  }

  /** Deletes a namespace in batches of its own transactions: its relationships first, then its nodes. */
  async resetNamespace(ns: string): Promise<void> {
    for (const statement of ['reset-namespace-relationships', 'reset-namespace'] as const) {
      await this.db.autoCommit((run) => run(this.cypher[statement], { ns }), { owner: 'seed', mode: 'WRITE', timeoutMs: 1_800_000 });
    }
  }

  async savePositions(rows: { id: string; x: number; y: number }[]): Promise<number> {
    return this.db.write(
      async (tx) => {
        let n = 0;
        for (const batch of batches(rows, 2000)) n += await sumWritten(tx, this.cypher['layout-save'], batch);
        return n;
      },
      { owner: 'layout' },
    );
  }

  async dbCounts(): Promise<{ nodes: number; relationships: number }> {
    return this.db.read(
      async (tx) => toPlain((await tx.run(this.cypher['db-counts'])).records[0]?.toObject()) as { nodes: number; relationships: number },
      { owner: 'counts', timeoutMs: 60_000 },
    );
  }
}
