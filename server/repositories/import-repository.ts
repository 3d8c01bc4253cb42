/**
 * server/repositories/import-repository — writes an imported graph in one transaction.
 */
import { isNodeKind, isRelType } from '../../graph/model';
import type { ImportRows } from '../../graph/imports';
import { relationshipColumns } from '../../graph/records';
import type { CypherRegistry } from '../db/cypher';
import { type Database, batches, toPlain, writtenCount } from '../db/database';
import { ConflictError, ValidationError } from '../errors';
import { refreshDegrees } from './degrees';

const BATCH = 1000;

export class ImportRepository {
  constructor(
    private readonly db: Database,
    private readonly cypher: CypherRegistry,
  ) {}

  /** All or nothing: a failure anywhere rolls the whole import back. */
  async write(rows: ImportRows): Promise<{ nodes: number; relationships: number }> {
    if (rows.nodes.some((n) => !isNodeKind(n.kind)) || rows.relationships.some((r) => !isRelType(r.type))) {
      throw new ValidationError('imports: a kind or relationship type is outside the schema.');
    }
    return this.db.write(
      async (tx) => {
        const existing = await tx.run(this.cypher['count-namespace'], { ns: rows.ns });
        if (Number(toPlain(existing.records[0]?.get('nodes'))) > 0) {
          throw new ConflictError(
            `imports: the namespace "${rows.ns}" already exists — delete it first (DELETE /api/imports/${rows.ns.slice('import:'.length)}) or choose another name.`,
          );
        }
        let nodes = 0;
        for (const batch of batches(rows.nodes, BATCH)) nodes += await writtenCount(tx, this.cypher['import-nodes'], { rows: batch });
        let relationships = 0;
        for (const batch of batches(rows.relationships, BATCH))
          relationships += await writtenCount(tx, this.cypher['create-relationships'], relationshipColumns(batch));
        if (relationships !== rows.relationships.length) {
          throw new ValidationError(
            `imports: ${rows.relationships.length - relationships} edge(s) point at nodes the file does not declare — fix the file or export it again.`,
          );
        }
        await refreshDegrees(
          tx,
          this.cypher,
          rows.nodes.map((n) => n.id),
        );
        return { nodes, relationships };
      },
      { owner: 'imports', timeoutMs: 120_000 },
    );
  }

  async namespaces(): Promise<{ ns: string; nodes: number }[]> {
    return this.db.read(
      async (tx) => {
        const r = await tx.run(this.cypher['imports-list']);
        return r.records.map((rec) => toPlain(rec.toObject()) as { ns: string; nodes: number });
      },
      { owner: 'imports' },
    );
  }
}
