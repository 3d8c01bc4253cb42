/**
 * server/db/isolated-reader — runs analysts' own Cypher in a worker thread.
 *
 * The driver decodes a record synchronously, and one record can be enormous
 * (`RETURN range(1, 5000000)` is a single row): decoding it on the main
 * thread froze every request for tens of seconds and grew the heap by
 * hundreds of megabytes, whatever the row cap said. In a worker the main
 * thread stays free, the worker's heap has a ceiling, and a hard deadline
 * (the query timeout plus a grace period) ends a worker that is stuck
 * decoding. The worker has its own driver and is started on first use.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Config } from '../config';
import { AppError, TimeoutError, TransientDatabaseError } from '../errors';

export type ConnectionConfig = Pick<Config, 'NEO4J_URI' | 'NEO4J_USER' | 'NEO4J_PASSWORD' | 'NEO4J_DATABASE' | 'QUERY_TIMEOUT_MS'>;

export interface IsolatedLimits {
  /** Ceiling of the worker's heap; a result that needs more ends the worker and answers 422. */
  heapMb: number;
  /** Rows stop being collected once their JSON would pass this size (truncated:true). */
  maxResultBytes: number;
  /** Beyond the query timeout, how long a worker may take before it is ended (Neo4j checks timeouts every 2 s). */
  graceMs: number;
}

export const DEFAULT_LIMITS: IsolatedLimits = { heapMb: 256, maxResultBytes: 16 * 1024 * 1024, graceMs: 3000 };

export interface IsolatedRows {
  columns: string[];
  rows: unknown[][];
  truncated: boolean;
}

export interface IsolatedJob {
  id: number;
  query: string;
  params: Record<string, unknown>;
  rowCap: number;
  maxResultBytes: number;
  timeoutMs: number;
  owner: string;
}

export type IsolatedReply =
  | { id: number; ok: true; result: IsolatedRows }
  | { id: number; ok: false; error: { status: number; code: string; message: string; details?: unknown; retryAfter?: number } };

interface Pending {
  job: IsolatedJob;
  resolve: (rows: IsolatedRows) => void;
  reject: (err: AppError) => void;
  timer: NodeJS.Timeout;
  worker: Worker;
  /** Workers this job has been sent to; a job is re-sent once when its worker dies under it. */
  attempts: number;
}

const WORKER_URL = new URL('./isolated-reader-worker.ts', import.meta.url).href;
// The worker loads TypeScript through tsx's ESM API (its CommonJS build cannot find its own loader from a worker),
// whether the server runs under tsx, vitest or anything else.
const TSX_API = pathToFileURL(
  join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs'),
).href;
const BOOT = `import(${JSON.stringify(TSX_API)})
  .then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL)}); })
  .catch((err) => { setImmediate(() => { throw err; }); });`;

export class IsolatedReader {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly config: ConnectionConfig,
    private readonly limits: IsolatedLimits = DEFAULT_LIMITS,
  ) {}

  /** Starts the worker ahead of the first query (it takes a moment to load). */
  start(): void {
    if (!this.closed) this.ensureWorker();
  }

  run(query: string, params: Record<string, unknown>, opts: { owner: string; timeoutMs: number; rowCap: number }): Promise<IsolatedRows> {
    if (this.closed) {
      return Promise.reject(new TransientDatabaseError(`${opts.owner}: the server is shutting down — retry in a moment.`));
    }
    const job: IsolatedJob = {
      id: this.nextId++,
      query,
      params,
      rowCap: opts.rowCap,
      maxResultBytes: this.limits.maxResultBytes,
      timeoutMs: opts.timeoutMs,
      owner: opts.owner,
    };
    return new Promise<IsolatedRows>((resolve, reject) => {
      // The deadline counts from the request, across a re-send.
      const timer = setTimeout(() => this.expire(job.id), opts.timeoutMs + this.limits.graceMs);
      const worker = this.ensureWorker();
      this.pending.set(job.id, { job, resolve, reject, timer, worker, attempts: 1 });
      worker.postMessage(job);
    });
  }

  /** Closes the worker's driver and ends the worker; queries still running are told to retry. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    if (worker) {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ close: true });
      const hard = setTimeout(() => void worker.terminate(), 2000);
      await exited;
      clearTimeout(hard);
    }
    for (const p of [...this.pending.values()])
      this.fail(p, new TransientDatabaseError(`${p.job.owner}: the server is shutting down — retry in a moment.`));
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(BOOT, {
      eval: true,
      // Not the parent's flags: the worker registers its own TypeScript loader.
      execArgv: [],
      workerData: { config: this.config },
      resourceLimits: { maxOldGenerationSizeMb: this.limits.heapMb, maxYoungGenerationSizeMb: 32 },
    });
    worker.unref();
    worker.on('message', (reply: IsolatedReply) => this.settle(reply));
    worker.on('error', (err: NodeJS.ErrnoException) =>
      this.died(worker, (owner) =>
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new AppError(
              422,
              'RESULT_TOO_LARGE',
              `${owner}: the result is too large to return (it needs more than ${this.limits.heapMb} MB) — return fewer or smaller values, e.g. with LIMIT, or size(list) instead of the list.`,
            )
          : new TransientDatabaseError(`${owner}: the query runner failed (${err.code ?? err.name}) — retry the request.`),
      ),
    );
    worker.on('exit', () =>
      this.died(worker, (owner) => new TransientDatabaseError(`${owner}: the query runner stopped — retry the request.`)),
    );
    this.worker = worker;
    return worker;
  }

  private settle(reply: IsolatedReply) {
    const p = this.pending.get(reply.id);
    if (!p) return;
    if (reply.ok) {
      this.pending.delete(reply.id);
      clearTimeout(p.timer);
      p.resolve(reply.result);
    } else {
      const e = reply.error;
      this.fail(p, new AppError(e.status, e.code, e.message, e.details, e.retryAfter));
    }
  }

  private fail(p: Pending, err: AppError) {
    if (this.pending.get(p.job.id) !== p) return;
    this.pending.delete(p.job.id);
    clearTimeout(p.timer);
    p.reject(err);
  }

  /** The hard deadline: a worker still busy past timeout + grace is stuck (decoding); end it and start afresh. */
  private expire(id: number) {
    const p = this.pending.get(id);
    if (!p) return;
    this.fail(
      p,
      new TimeoutError(
        `${p.job.owner}: the query ran longer than its time limit and was stopped — narrow it (add a LIMIT, bound variable-length patterns, return smaller values) and try again.`,
      ),
    );
    if (this.worker === p.worker) this.worker = null;
    // The other queries on it are re-sent to a fresh worker by died().
    void p.worker.terminate();
  }

  /** A worker ended: its queries go to a fresh worker once; a second loss answers with `error`. */
  private died(worker: Worker, error: (owner: string) => AppError) {
    if (this.worker === worker) this.worker = null;
    for (const p of [...this.pending.values()]) {
      if (p.worker !== worker) continue;
      if (this.closed || p.attempts >= 2) {
        this.fail(p, error(p.job.owner));
        continue;
      }
      p.attempts++;
      p.worker = this.ensureWorker();
      p.worker.postMessage(p.job);
    }
  }
}
