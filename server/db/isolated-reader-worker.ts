/**
 * server/db/isolated-reader-worker — the worker side of server/db/isolated-reader.
 *
 * Runs each job in a READ transaction with the job's timeout on a driver of
 * its own, converts rows to plain values, stops at the row cap or the byte
 * cap (truncated:true), and answers with the rows or the AppError's fields.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, fromNeo4jError } from '../errors';
import { Database, toPlain } from './database';
import type { ConnectionConfig, IsolatedJob, IsolatedReply, IsolatedRows } from './isolated-reader';

const port = parentPort!;
const db = new Database((workerData as { config: ConnectionConfig }).config);

async function runJob(job: IsolatedJob): Promise<IsolatedRows> {
  return db.read(
    async (tx) => {
      const result = tx.run(job.query, job.params);
      const columns = (await result.keys()) as string[];
      const rows: unknown[][] = [];
      let bytes = 0;
      let truncated = false;
      for await (const record of result) {
        if (rows.length >= job.rowCap) {
          truncated = true;
          break;
        }
        const row = columns.map((c) => toPlain(record.get(c)));
        bytes += JSON.stringify(row).length;
        if (bytes > job.maxResultBytes) {
          if (rows.length === 0) {
            throw new AppError(
              422,
              'RESULT_TOO_LARGE',
              `${job.owner}: a single row of the result is larger than ${Math.round(job.maxResultBytes / 1048576)} MB — return fewer or smaller values.`,
            );
          }
          truncated = true;
          break;
        }
        rows.push(row);
      }
      return { columns, rows, truncated };
    },
    { owner: job.owner, timeoutMs: job.timeoutMs },
  );
}

port.on('message', (msg: IsolatedJob | { close: true }) => {
  if ('close' in msg) {
    void db.close().finally(() => port.close());
    return;
  }
  runJob(msg).then(
    (result) => port.postMessage({ id: msg.id, ok: true, result } satisfies IsolatedReply),
    (err: unknown) => {
      const e = err instanceof AppError ? err : fromNeo4jError(err, msg.owner);
      port.postMessage({
        id: msg.id,
        ok: false,
        error: { status: e.status, code: e.code, message: e.message, details: e.details, retryAfter: e.retryAfter },
      } satisfies IsolatedReply);
    },
  );
});
