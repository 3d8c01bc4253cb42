/**
 * The concurrency gate on a real Express server: no more than `concurrency`
 * answers are built at once, the others are served in turn; a request that
 * waited past its limit gets 503 SERVER_BUSY with Retry-After; a client that
 * leaves while waiting gives its place up and its handler never runs.
 */
import type { Server } from 'node:http';
import express from 'express';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { type ConcurrencyGate, concurrencyGate } from '../../server/middleware/concurrency';
import { errorMiddleware } from '../../server/middleware/errors';

interface Harness {
  url: string;
  gate: ConcurrencyGate;
  /** Handler runs so far, by request tag. */
  started: string[];
  maxActive: () => number;
  /** Lets every held handler answer. */
  releaseAll: () => void;
  close: () => Promise<void>;
}

let harness: Harness | null = null;
afterEach(async () => {
  harness?.releaseAll();
  await harness?.close();
  harness = null;
});

async function start(concurrency: number, waitMs: number): Promise<Harness> {
  const gate = concurrencyGate({ concurrency, waitMs });
  const started: string[] = [];
  let active = 0;
  let max = 0;
  let holds: (() => void)[] = [];
  let released = false;
  const app = express();
  app.get('/api/view', gate, async (req, res) => {
    started.push(String(req.query.tag));
    active++;
    max = Math.max(max, active);
    if (!released) await new Promise<void>((r) => holds.push(r));
    active--;
    res.json({ tag: req.query.tag });
  });
  app.use(errorMiddleware(pino({ level: 'silent' })));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  harness = {
    url: `http://127.0.0.1:${address.port}/api/view`,
    gate,
    started,
    maxActive: () => max,
    releaseAll: () => {
      released = true;
      for (const r of holds) r();
      holds = [];
    },
    close: () =>
      new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
  return harness;
}

const until = async (check: () => boolean, ms = 5000) => {
  const t = Date.now();
  while (!check()) {
    if (Date.now() - t > ms) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('concurrencyGate', () => {
  it('builds at most `concurrency` answers at once and serves the rest in turn', async () => {
    const h = await start(2, 10_000);
    const answers = Promise.all([1, 2, 3, 4, 5, 6].map((i) => fetch(`${h.url}?tag=${i}`).then((r) => r.json())));
    await until(() => h.started.length === 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.started).toHaveLength(2);
    expect(h.gate.load()).toEqual({ running: 2, waiting: 4 });
    h.releaseAll();
    expect((await answers).map((a: { tag: string }) => a.tag)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(h.maxActive()).toBe(2);
    // First come, first served.
    expect(h.started.slice(2).sort()).toEqual(['3', '4', '5', '6']);
    await until(() => h.gate.load().running === 0);
    expect(h.gate.load()).toEqual({ running: 0, waiting: 0 });
  });

  it('answers 503 SERVER_BUSY with Retry-After to a request that waited past its limit', async () => {
    const h = await start(1, 300);
    const first = fetch(`${h.url}?tag=held`);
    await until(() => h.started.length === 1);
    const t = performance.now();
    const r = await fetch(`${h.url}?tag=late`);
    const ms = performance.now() - t;
    expect(r.status).toBe(503);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await r.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('SERVER_BUSY');
    expect(body.error.message).toMatch(/^\/api\/view: the server is building 1 large answers .*retry/);
    expect(ms).toBeGreaterThanOrEqual(250);
    expect(ms).toBeLessThan(3000);
    expect(h.started).toEqual(['held']);
    h.releaseAll();
    expect((await first).status).toBe(200);
    // The slot is free again.
    expect((await fetch(`${h.url}?tag=after`)).status).toBe(200);
  });

  it('gives a waiting place up when the client leaves, and never runs its handler', async () => {
    const h = await start(1, 10_000);
    const first = fetch(`${h.url}?tag=held`);
    await until(() => h.started.length === 1);
    const leaving = new AbortController();
    const gone = fetch(`${h.url}?tag=gone`, { signal: leaving.signal }).catch(() => 'aborted');
    const next = fetch(`${h.url}?tag=next`).then((r) => r.json());
    await until(() => h.gate.load().waiting === 2);
    leaving.abort();
    expect(await gone).toBe('aborted');
    await until(() => h.gate.load().waiting === 1);
    h.releaseAll();
    expect(((await next) as { tag: string }).tag).toBe('next');
    expect((await first).status).toBe(200);
    expect(h.started).toEqual(['held', 'next']);
  });
});
