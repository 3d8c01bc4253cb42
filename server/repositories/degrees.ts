/**
 * server/repositories/degrees — keeps the stored per-type degrees of entities
 * (cypher/degrees-refresh.cypher) true after a writer changed their relationships.
 *
 * Every writer of schema relationships (seed, imports, the benchmark's loader)
 * calls it for the entities of the namespace it wrote; the seed also fills in
 * entities written without them (older stores, accepted document terms).
 */
import type { ManagedTransaction } from 'neo4j-driver';
import { REL_TYPES } from '../../graph/model';
import type { CypherRegistry } from '../db/cypher';
import { batches, writtenCount } from '../db/database';

const BATCH = 5000;

/** Refreshes the stored degrees of these entities inside the caller's transaction; returns how many were found. */
export async function refreshDegrees(tx: ManagedTransaction, cypher: CypherRegistry, ids: readonly string[]): Promise<number> {
  let written = 0;
  for (const batch of batches(ids, BATCH)) written += await writtenCount(tx, cypher['degrees-refresh'], { ids: batch, types: REL_TYPES });
  return written;
}
