/**
 * server/services/health — is the database reachable, and which version is it.
 */
import type { HealthDTO } from '../../graph/contracts';
import type { Database } from '../db/database';

const started = Date.now();

export class HealthService {
  constructor(private readonly db: Database) {}

  async check(): Promise<HealthDTO> {
    const uptimeSeconds = Math.round((Date.now() - started) / 1000);
    try {
      const info = await Promise.race([
        this.db.info(),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(Object.assign(new Error('no answer within 3 s'), { code: 'Timeout' })), 3000).unref(),
        ),
      ]);
      return { status: 'ok', neo4j: { connected: true, version: info.version, edition: info.edition }, uptimeSeconds };
    } catch (err) {
      const code = (err as { code?: string }).code ?? 'unknown';
      return {
        status: 'unavailable',
        neo4j: {
          connected: false,
          error: `Neo4j is unreachable (${code}) — check that Neo4j is running where NEO4J_URI points (npm run neo4j:status shows the local instance).`,
        },
        uptimeSeconds,
      };
    }
  }
}
