/**
 * server/repositories/research-schema — the constraints and indexes of notes, views and documents.
 *
 * Applied once per driver, before the first research write (idempotent:
 * IF NOT EXISTS), so a database seeded before these features existed gets
 * them without a reseed. A failed attempt is retried by the next write.
 */
import type { CypherRegistry } from '../db/cypher';
import { splitStatements } from '../db/cypher';
import type { Database } from '../db/database';

const applied = new WeakMap<Database, Promise<void>>();

export function ensureResearchSchema(db: Database, cypher: CypherRegistry): Promise<void> {
  let done = applied.get(db);
  if (!done) {
    done = (async () => {
      for (const statement of splitStatements(cypher['research-schema'])) {
        await db.autoCommit((run) => run(statement), { owner: 'schema', mode: 'WRITE', timeoutMs: 60_000 });
      }
      await db.autoCommit((run) => run('CALL db.awaitIndexes(60)'), { owner: 'schema', timeoutMs: 70_000 });
    })();
    applied.set(db, done);
    done.catch(() => applied.delete(db));
  }
  return done;
}
