/**
 * The request log: one line per request at the level its status calls for, aborted requests included,
 * and nothing built when that level is off.
 */
import type { AddressInfo } from 'node:net';
import { request as httpRequest, type Server } from 'node:http';
import { Writable } from 'node:stream';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/app';
import { requestLevel, requestLog } from '../../server/middleware/request-log';

type Line = { level: number; msg: string; req: { method: string; url: string }; res: { statusCode: number }; responseTime: number };

function memoryLog() {
  const lines: Line[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Line);
      done();
    },
  });
  return { lines, stream };
}

let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

async function serve(level: 'debug' | 'info' | 'warn') {
  const log = memoryLog();
  const app = express();
  app.use(requestLog(createLogger(level, log.stream)));
  app.get('/ok', (_req, res) => void res.json({ ok: true }));
  app.get('/missing', (_req, res) => void res.status(404).json({ error: 'no' }));
  app.get('/broken', (_req, res) => void res.status(500).json({ error: 'boom' }));
  app.get('/slow', () => {
    // Never answers: the client gives up.
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server!.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { log, base };
}

async function settle(lines: Line[], count: number) {
  for (let i = 0; i < 50 && lines.length < count; i++) await new Promise((r) => setTimeout(r, 20));
}

describe('request log', () => {
  it('picks the level from the status', () => {
    expect([
      requestLevel(200, false),
      requestLevel(304, false),
      requestLevel(404, false),
      requestLevel(503, false),
      requestLevel(200, true),
    ]).toEqual(['debug', 'debug', 'warn', 'error', 'warn']);
  });

  it('writes one line per request with method, url, status and time', async () => {
    const { log, base } = await serve('debug');
    for (const path of ['/ok?q=1', '/missing', '/broken']) await fetch(base + path);
    await settle(log.lines, 3);
    expect(log.lines.map((l) => [l.level, l.msg, l.req.method, l.req.url, l.res.statusCode])).toEqual([
      [20, 'request completed', 'GET', '/ok?q=1', 200],
      [40, 'request completed', 'GET', '/missing', 404],
      [50, 'request completed', 'GET', '/broken', 500],
    ]);
    for (const l of log.lines) expect(l.responseTime).toBeGreaterThanOrEqual(0);
  });

  it('cuts long urls and logs a request the client abandoned', async () => {
    const { log, base } = await serve('debug');
    await fetch(`${base}/ok?x=${'a'.repeat(1000)}`);
    await new Promise<void>((resolve) => {
      const req = httpRequest(`${base}/slow`, () => undefined);
      req.on('error', () => resolve());
      req.end();
      setTimeout(() => req.destroy(), 100);
    });
    await settle(log.lines, 2);
    expect(log.lines[0]!.req.url).toHaveLength(300);
    expect(log.lines[1]).toMatchObject({ level: 40, msg: 'request aborted', req: { url: '/slow' } });
  });

  it('writes only what the level lets through', async () => {
    const { log, base } = await serve('warn');
    for (const path of ['/ok', '/ok', '/missing']) await fetch(base + path);
    await settle(log.lines, 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(log.lines.map((l) => [l.msg, l.res.statusCode])).toEqual([['request completed', 404]]);
  });
});
