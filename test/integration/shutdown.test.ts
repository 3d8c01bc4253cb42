/**
 * Graceful shutdown of the real process (`tsx server/main.ts`, PORT=0): on
 * SIGTERM the requests in flight finish, new ones are refused, the Neo4j
 * driver closes, and the process exits 0 within 10 s. And the process starts
 * while Neo4j is down, saying so, rather than refusing to start.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/neo4j/local';
import { request, sleep } from './reliability-helpers';

interface Child {
  proc: ChildProcess;
  baseUrl: string;
  stdout: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

const children: ChildProcess[] = [];

/** Starts the server as `npm start` would, on a free port, and resolves once it prints its URL. */
async function startServer(env: Record<string, string>): Promise<Child> {
  const proc = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', QUERY_TIMEOUT_MS: '20000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(proc);
  const stdout: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not print its URL within 60 s:\n${stdout.join('')}`)), 60_000);
    proc.stdout!.on('data', (chunk: Buffer) => {
      stdout.push(chunk.toString('utf8'));
      const m = /LLM landscape explorer: http:\/\/[^:\s]+:(\d+)/.exec(stdout.join(''));
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    });
    proc.stderr!.on('data', (chunk: Buffer) => stdout.push(chunk.toString('utf8')));
    void exited.then(({ code }) => reject(new Error(`server exited (${code}) before listening:\n${stdout.join('')}`)));
  });
  return { proc, baseUrl, stdout, exited };
}

/** The JSON log lines the server printed. */
function logLines(child: Child): { msg?: string; level: number; [k: string]: unknown }[] {
  return child.stdout
    .join('')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { msg?: string; level: number });
}

/** A POST whose body arrives in two halves, `pauseMs` apart: it is in flight across the signal. */
function slowUpload(baseUrl: string, body: string, onHalfSent: () => void, pauseMs: number) {
  const url = new URL(`${baseUrl}/api/cypher`);
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    const half = Math.floor(body.length / 2);
    req.write(body.slice(0, half), () => {
      onHalfSent();
      setTimeout(() => req.end(body.slice(half)), pauseMs);
    });
  });
}

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

describe('SIGTERM', () => {
  it('lets in-flight requests finish, refuses new ones, closes the driver and exits 0 within 10 s', async () => {
    const child = await startServer({});
    // Ready: Neo4j answers through it.
    const health = await request(child.baseUrl, '/api/health');
    expect(health.status, health.text).toBe(200);
    const warm = await request(child.baseUrl, '/api/cypher', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'RETURN 1' }),
      timeoutMs: 60_000,
    });
    expect(warm.status).toBe(200);

    // In flight when the signal arrives: an upload still being sent, and a console query that takes a while.
    let halfSent!: () => void;
    const uploading = new Promise<void>((r) => (halfSent = r));
    const upload = slowUpload(child.baseUrl, JSON.stringify({ query: 'RETURN 42 AS answer', params: {} }), halfSent, 1500).then((r) => ({
      ...r,
      at: Date.now(),
    }));
    await uploading;
    const slowQuery = request(child.baseUrl, '/api/cypher', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'UNWIND range(1, 15000000) AS i WITH i WHERE i % 7 = 3 RETURN count(*) AS n' }),
      timeoutMs: 30_000,
    }).then((r) => ({ ...r, at: Date.now() }));
    await sleep(100);

    const signalledAt = Date.now();
    child.proc.kill('SIGTERM');
    await sleep(300);

    // New connections are refused once the signal is handled.
    const refused = await request(child.baseUrl, '/api/health', { timeoutMs: 5000 }).then(
      (r) => `${r.status}`,
      (err: Error) => String((err.cause as { code?: string } | undefined)?.code ?? err.message),
    );
    expect(['ECONNREFUSED', 'ECONNRESET', '503']).toContain(refused);

    const [query, uploaded] = await Promise.all([slowQuery, upload]);
    expect(query.status, query.text).toBe(200);
    expect((query.json as { rows: number[][] }).rows[0]![0]).toBeGreaterThan(0);
    expect(uploaded.status, uploaded.text).toBe(200);
    expect(JSON.parse(uploaded.text).rows).toEqual([[42]]);

    const exit = await child.exited;
    const seconds = (exit.at - signalledAt) / 1000;
    const lastAnswer = Math.max(query.at, uploaded.at);
    expect(exit.code).toBe(0);
    expect(seconds).toBeLessThan(10);
    // Both were still running at the signal, and the process did not linger on idle keep-alive connections after them.
    expect(query.at).toBeGreaterThan(signalledAt);
    expect(uploaded.at).toBeGreaterThan(signalledAt);
    expect(exit.at - lastAnswer).toBeLessThan(3000);
    const lines = logLines(child);
    expect(lines.some((l) => l.msg === 'shutting down' && l.signal === 'SIGTERM')).toBe(true);
    expect(lines.some((l) => l.msg?.startsWith('stopped: in-flight requests finished, Neo4j driver closed'))).toBe(true);
    console.log(
      `[shutdown] SIGTERM → exit code ${exit.code} after ${seconds.toFixed(1)} s (${((exit.at - lastAnswer) / 1000).toFixed(1)} s after the last in-flight answer); a ${Math.round(query.ms)} ms query and a paused upload in flight both answered 200; a new request after the signal: ${refused}`,
    );
  }, 120_000);

  it('exits 0 at once when idle', async () => {
    const child = await startServer({});
    expect((await request(child.baseUrl, '/api/health')).status).toBe(200);
    const signalledAt = Date.now();
    child.proc.kill('SIGTERM');
    const exit = await child.exited;
    expect(exit.code).toBe(0);
    expect(exit.at - signalledAt).toBeLessThan(5000);
  }, 90_000);
});

describe('start without Neo4j', () => {
  it('starts, reports the outage on /api/health, answers 503 with Retry-After, and stops cleanly', async () => {
    const child = await startServer({ NEO4J_URI: 'bolt://127.0.0.1:1' });
    const health = await request(child.baseUrl, '/api/health');
    expect(health.status).toBe(503);
    expect(health.headers.get('retry-after')).toBe('5');
    expect((health.json as { neo4j: { connected: boolean } }).neo4j.connected).toBe(false);
    const search = await request(child.baseUrl, '/api/search?q=RAG');
    expect(search.status).toBe(503);
    expect(Number(search.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(logLines(child).some((l) => /not reachable yet/.test(l.msg ?? ''))).toBe(true);
    child.proc.kill('SIGTERM');
    expect((await child.exited).code).toBe(0);
  }, 90_000);
});
