/**
 * server/repositories/console-repository — runs analysts' own Cypher, read-only.
 *
 * The statement is planned first (EXPLAIN, in an auto-commit READ session)
 * so the server itself says what kind of query it is; only then is it run
 * in a READ transaction with a timeout, in a worker thread, with a row cap.
 */
import type { ResultSummary } from 'neo4j-driver';
import type { Database } from '../db/database';

export interface PlanInfo {
  queryType: string;
  operators: string[];
  /** Names of the procedures the plan calls (`db.labels`), from the ProcedureCall operators. */
  procedures: string[];
}

export interface ConsoleRows {
  columns: string[];
  rows: unknown[][];
  truncated: boolean;
}

type PlanNode = { operatorType?: string; arguments?: Record<string, unknown>; children?: unknown[] };

function operatorsOf(summary: ResultSummary): Omit<PlanInfo, 'queryType'> {
  const operators: string[] = [];
  const procedures: string[] = [];
  const walk = (p: PlanNode | null | undefined | false) => {
    if (!p) return;
    if (p.operatorType) {
      const op = p.operatorType.split('@')[0]!;
      operators.push(op);
      // Details reads "db.labels() :: (label :: STRING)"; an unreadable one is kept whole, so it matches nothing allowed.
      if (op === 'ProcedureCall')
        procedures.push(
          String(p.arguments?.Details ?? '')
            .split('(')[0]!
            .trim(),
        );
    }
    for (const c of p.children ?? []) walk(c as PlanNode);
  };
  walk(summary.plan as unknown as PlanNode);
  return { operators, procedures };
}

export class ConsoleRepository {
  constructor(private readonly db: Database) {}

  async explain(query: string, params: Record<string, unknown>): Promise<PlanInfo> {
    return this.db.autoCommit(
      async (run) => {
        const r = await run(`EXPLAIN ${query}`, params);
        return { queryType: r.summary.queryType, ...operatorsOf(r.summary) };
      },
      { owner: 'cypher', mode: 'READ' },
    );
  }

  /**
   * Runs in a READ transaction, in a worker thread (a single row can be
   * enormous); stops reading after `cap` rows or once the rows pass the
   * worker's byte cap.
   */
  async run(query: string, params: Record<string, unknown>, cap: number, timeoutMs: number): Promise<ConsoleRows> {
    return this.db.readIsolated(query, params, { owner: 'cypher', timeoutMs, rowCap: cap });
  }
}
