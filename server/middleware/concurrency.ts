/**
 * server/middleware/concurrency — a cap on how many large answers are built at once.
 *
 * A graph view, an export, an analytics run or a report holds thousands of
 * nodes with their texts while it is decoded, serialised and written; sixty
 * of them at once took the server past 400 MB of resident memory on the 100k
 * benchmark graph, for no gain in throughput on a CPU-bound machine. Requests
 * past the cap wait their turn (p-queue, first come first served); one that
 * waited the query time limit without a turn gets 503 with Retry-After, and one
 * whose client left gives its place up.
 */
import type { RequestHandler } from 'express';
import PQueue from 'p-queue';
import { AppError } from '../errors';

export class ServerBusyError extends AppError {
  override name = 'ServerBusyError';
  constructor(message: string) {
    super(503, 'SERVER_BUSY', message, undefined, 1);
  }
}

export interface ConcurrencyGate extends RequestHandler {
  /** Answers being built now, and requests waiting for a turn. */
  load(): { running: number; waiting: number };
}

/** One gate shared by every route it guards: `concurrency` at a time, each waiting at most `waitMs`. */
export function concurrencyGate(opts: { concurrency: number; waitMs: number }): ConcurrencyGate {
  const queue = new PQueue({ concurrency: opts.concurrency });
  const gate: RequestHandler = (req, res, next) => {
    const waiting = new AbortController();
    const giveUp = () => waiting.abort();
    const timer = setTimeout(giveUp, opts.waitMs);
    res.once('close', giveUp);
    queue
      .add(
        () =>
          new Promise<void>((release) => {
            // From here on the slot is held until the answer is written or the client is gone.
            clearTimeout(timer);
            res.off('close', giveUp);
            if (res.writableEnded || res.destroyed) return release();
            res.once('close', () => release());
            next();
          }),
        { signal: waiting.signal },
      )
      .catch(() => {
        clearTimeout(timer);
        res.off('close', giveUp);
        if (res.destroyed || res.headersSent) return;
        next(
          new ServerBusyError(
            `${req.baseUrl}${req.path}: the server is building ${opts.concurrency} large answers and this request waited ${Math.round(opts.waitMs / 1000)} s for a turn — retry in a moment.`,
          ),
        );
      });
  };
  return Object.assign(gate, { load: () => ({ running: queue.pending, waiting: queue.size }) });
}
