/**
 * Who may do what: every endpoint that writes needs the API key (compared
 * in constant time); no key configured means writes are disabled, not open;
 * writes and the console are rate-limited per client, before the key is
 * even checked. The endpoints come from /api/openapi.json, so one added
 * later is covered too.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyMatches } from '../../server/middleware/auth';
import { startTestServer, type TestServer } from '../helpers/server';
import { type Answer, counts, errorCode, request } from './reliability-helpers';

const API_KEY = 'security-test-key-8f1e2d3c4b5a69788';

interface Op {
  method: string;
  path: string;
  secured: boolean;
}

async function operations(baseUrl: string): Promise<Op[]> {
  const doc = (await request(baseUrl, '/api/openapi.json')).json as { paths: Record<string, Record<string, { security?: unknown[] }>> };
  return Object.entries(doc.paths).flatMap(([template, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      // Ids that name nothing: a request that got through would change nothing.
      path: template.replace(/\{[^}]+\}/g, 'security-nothing-here'),
      secured: Array.isArray(op.security) && op.security.length > 0,
    })),
  );
}

/** Mutating requests that are reads by design (they query or render, and store nothing). */
const UNSECURED_POSTS_THAT_ONLY_READ = ['POST /api/cypher', 'POST /api/templates/security-nothing-here', 'POST /api/reports'];

function send(baseUrl: string, op: Op, headers: Record<string, string> = {}): Promise<Answer> {
  return request(baseUrl, op.path, {
    method: op.method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { body: '{}' }),
  });
}

describe('the API key', () => {
  let open: TestServer;
  let keyed: TestServer;
  let ops: Op[];

  beforeAll(async () => {
    open = await startTestServer({ config: { API_KEY: undefined, RATE_LIMIT_PER_MINUTE: 100_000 } });
    keyed = await startTestServer({ config: { API_KEY, RATE_LIMIT_PER_MINUTE: 100_000 } });
    ops = await operations(open.baseUrl);
  });
  afterAll(async () => {
    await open?.close();
    await keyed?.close();
  });

  it('guards every mutating endpoint except the read-only console, templates and reports', () => {
    const mutating = ops.filter((o) => o.method !== 'GET');
    expect(mutating.length).toBeGreaterThan(3);
    const unguarded = mutating.filter((o) => !o.secured).map((o) => `${o.method} ${o.path}`);
    expect(unguarded.sort()).toEqual(UNSECURED_POSTS_THAT_ONLY_READ.filter((u) => unguarded.includes(u)).sort());
    expect(ops.filter((o) => o.secured).map((o) => `${o.method} ${o.path}`)).toContain('PUT /api/layout');
  });

  it('without API_KEY configured, every write is refused with 403 — disabled, not open — whatever key is sent', async () => {
    const before = await counts(open.app.db);
    for (const op of ops.filter((o) => o.secured)) {
      for (const headers of [
        {} as Record<string, string>,
        { 'x-api-key': API_KEY },
        { authorization: `Bearer ${API_KEY}` },
        { 'x-api-key': '' },
        { 'x-api-key': 'undefined' },
      ]) {
        const r = await send(open.baseUrl, op, headers);
        expect(r.status, `${op.method} ${op.path} ${JSON.stringify(headers)}: ${r.text}`).toBe(403);
        expect(errorCode(r)).toBe('WRITES_DISABLED');
        expect((r.json as { error: { message: string } }).error.message).toMatch(/writes are disabled.*API_KEY/);
      }
    }
    expect(await counts(open.app.db)).toEqual(before);
  });

  it('with API_KEY configured: no key 401, a wrong key 403, and the right key gets through to validation', async () => {
    const wrong = [
      API_KEY.slice(0, -1),
      `${API_KEY}x`,
      API_KEY.toUpperCase(),
      'x'.repeat(4000),
      'a',
      `${API_KEY.slice(0, 8)}${'\u00e9'.repeat(4)}`,
    ];
    for (const op of ops.filter((o) => o.secured)) {
      const none = await send(keyed.baseUrl, op);
      expect(none.status, `${op.method} ${op.path}`).toBe(401);
      expect(errorCode(none)).toBe('UNAUTHORIZED');
      expect(none.text).not.toContain(API_KEY);
      for (const key of wrong) {
        const r = await send(keyed.baseUrl, op, { 'x-api-key': Buffer.from(key, 'utf8').toString('latin1') });
        expect(r.status, `${op.method} ${op.path} key ${key.slice(0, 20)}`).toBe(403);
        expect(r.text).not.toContain(API_KEY);
      }
      const good: Record<string, string>[] = [
        { 'x-api-key': API_KEY },
        { authorization: `Bearer ${API_KEY}` },
        { authorization: `bearer ${API_KEY}` },
      ];
      for (const headers of good) {
        const r = await send(keyed.baseUrl, op, headers);
        expect([400, 404, 409, 413], `${op.method} ${op.path} ${JSON.stringify(headers)}: ${r.text}`).toContain(r.status);
      }
    }
  });

  it('compares keys in constant time over SHA-256 digests: any length, no early exit, nothing throws', () => {
    expect(keyMatches(API_KEY, API_KEY)).toBe(true);
    for (const k of ['', 'a', API_KEY.slice(0, -1), `${API_KEY}${API_KEY}`, '\u0000'.repeat(64), '键'.repeat(100)]) {
      expect(keyMatches(k, API_KEY)).toBe(false);
    }
    // Both sides are hashed first, so timingSafeEqual always compares 32 bytes: no early exit on length or on a prefix.
    const source = readFileSync(new URL('../../server/middleware/auth.ts', import.meta.url), 'utf8');
    expect(source).toMatch(/timingSafeEqual\(digest\(given\), digest\(expected\)\)/);
    expect(source).not.toMatch(/given\s*===|===\s*expected|\.length\s*!==/);
  });

  it('refuses to start with a key shorter than 16 characters, without echoing it', async () => {
    const { loadConfig } = await import('../../server/config');
    expect(() => loadConfig({ API_KEY: 'short-secret' })).toThrow(/API_KEY/);
    try {
      loadConfig({ API_KEY: 'short-secret' });
    } catch (err) {
      expect(String(err)).not.toContain('short-secret');
    }
  });
});

describe('rate limits', () => {
  let srv: TestServer;
  const LIMIT = 5;
  beforeAll(async () => {
    srv = await startTestServer({ config: { API_KEY, RATE_LIMIT_PER_MINUTE: LIMIT } });
  });
  afterAll(async () => {
    await srv?.close();
  });

  async function burst(path: string, init: RequestInit, n: number): Promise<Answer[]> {
    const out: Answer[] = [];
    for (let i = 0; i < n; i++) out.push(await request(srv.baseUrl, path, init));
    return out;
  }

  function expectLimited(answers: Answer[], what: string) {
    const statuses = answers.map((a) => a.status);
    expect(
      statuses.slice(LIMIT).every((s) => s === 429),
      `${what}: ${statuses.join(',')}`,
    ).toBe(true);
    expect(statuses.slice(0, LIMIT).includes(429), `${what}: ${statuses.join(',')}`).toBe(false);
    const limited = answers[LIMIT]!;
    expect(errorCode(limited)).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('ratelimit-policy') ?? limited.headers.get('ratelimit')).toBeTruthy();
  }

  it('limits the console (POST /api/cypher and templates share one budget) and answers 429 with Retry-After', async () => {
    const json = { method: 'POST', headers: { 'content-type': 'application/json' } };
    const answers = [
      ...(await burst('/api/cypher', { ...json, body: JSON.stringify({ query: 'RETURN 1' }) }, 3)),
      ...(await burst('/api/templates/most-connected', { ...json, body: JSON.stringify({ params: { limit: 1 } }) }, LIMIT - 3 + 2)),
    ];
    expectLimited(answers, 'console');
  });

  it('limits writes, before the key is checked (a wrong key is throttled too)', async () => {
    const body = JSON.stringify({ positions: { 'fuzz:nothing-here': { x: 1, y: 2 } } });
    const init = (key: string) => ({ method: 'PUT', headers: { 'content-type': 'application/json', 'x-api-key': key }, body });
    const answers = [
      ...(await burst('/api/layout', init(API_KEY), 2)),
      ...(await burst('/api/layout', init('wrong-key-wrong-key-wrong'), LIMIT)),
    ];
    expect(answers.slice(0, 2).map((a) => a.status)).toEqual([200, 200]);
    expectLimited(answers, 'writes');
  });

  it('gives a client one write budget, whichever endpoint it writes to', async () => {
    const own = await startTestServer({ config: { API_KEY, RATE_LIMIT_PER_MINUTE: LIMIT } });
    try {
      // A wrong key: every request is refused (403) until the budget runs out, so nothing is written.
      const headers = { 'content-type': 'application/json', 'x-api-key': 'wrong-key-wrong-key-wrong' };
      const answers: Answer[] = [];
      for (let i = 0; i < 3; i++)
        answers.push(await request(own.baseUrl, '/api/layout', { method: 'PUT', headers, body: JSON.stringify({ positions: {} }) }));
      for (let i = 0; i < LIMIT - 3 + 2; i++)
        answers.push(await request(own.baseUrl, '/api/views', { method: 'POST', headers, body: JSON.stringify({ name: 'x', state: {} }) }));
      expect(answers.slice(0, LIMIT).map((a) => a.status)).toEqual(Array(LIMIT).fill(403));
      expectLimited(answers, 'writes across endpoints');
    } finally {
      await own.close();
    }
  });

  it('does not limit ordinary reads', async () => {
    const answers = await burst('/api/search?q=RAG', {}, LIMIT * 3);
    expect(answers.every((a) => a.status === 200)).toBe(true);
  });
});
