/**
 * server/repositories/console-repository — runs analysts' own Cypher, read-only.
 *
 * The statement is planned first (EXPLAIN, in an auto-commit READ session)
 * so the server itself says what kind of query it is; only then is it run
 * in a READ transaction with a timeout, and streamed with a row cap.
 */
import type { ResultSummary } from 'neo4j-driver';
import { type Database, toPlain } from '../db/database';

export interface PlanInfo {
  queryType: string;
  operators: string[];
}

export interface ConsoleRows {
  columns: string[];
  rows: unknown[][];
  truncated: boolean;
}

function operatorsOf(summary: ResultSummary): string[] {
  const ops: string[] = [];
  const walk = (p: { operatorType?: string; children?: unknown[] } | null | undefined | false) => {
    if (!p) return;
    if (p.operatorType) ops.push(p.operatorType.split('@')[0]!);
    for (const c of p.children ?? []) walk(c as typeof p);
  };
  walk(summary.plan as unknown as { operatorType?: string; children?: unknown[] });
  return ops;
}

export class ConsoleRepository {
  constructor(private readonly db: Database) {}

  async explain(query: string, params: Record<string, unknown>): Promise<PlanInfo> {
    return this.db.autoCommit(
      async (run) => {
        const r = await run(`EXPLAIN ${query}`, params);
        return { queryType: r.summary.queryType, operators: operatorsOf(r.summary) };
      },
      { owner: 'cypher', mode: 'READ' },
    );
  }

  /** Runs in a READ transaction; stops reading after `cap` rows. */
  async run(query: string, params: Record<string, unknown>, cap: number, timeoutMs: number): Promise<ConsoleRows> {
    return this.db.read(
      async (tx) => {
        const result = tx.run(query, params);
        const columns = (await result.keys()) as string[];
        const rows: unknown[][] = [];
        let truncated = false;
        for await (const record of result) {
          if (rows.length >= cap) {
            truncated = true;
            break;
          }
          rows.push(columns.map((c) => toPlain(record.get(c))));
        }
        return { columns, rows, truncated };
      },
      { owner: 'cypher', timeoutMs },
    );
  }
}
