/**
 * HTTP hardening: security headers, a Content-Security-Policy that still lets
 * the client's WebGL and workers run (checked in Chromium), CORS closed by
 * default and opened only for configured origins, request size limits, and
 * no secrets or stack traces in responses or in the structured logs.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import express from 'express';
import { CHROMIUM, launchChromium } from '../../scripts/chromium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_DIR, createLogger } from '../../server/app';
import { listen } from '../../server/main';
import { errorMiddleware } from '../../server/middleware/errors';
import { startTestServer, type TestServer } from '../helpers/server';
import { errorCode, postJson, request } from './reliability-helpers';

const API_KEY = 'http-security-key-5a4b3c2d1e0f9a8b';
const STACK = /\n\s+at |node_modules|\.ts:\d+|\.js:\d+:\d+/;

/** Every line the server logs, kept in memory. */
function memoryLog() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

describe('security headers', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer();
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('sends helmet headers and a strict CSP on API answers and on the page', async () => {
    for (const path of ['/api/health', '/api/nope', '/']) {
      const r = await request(srv.baseUrl, path);
      const h = r.headers;
      expect(h.get('x-powered-by'), path).toBeNull();
      expect(h.get('x-content-type-options')).toBe('nosniff');
      expect(h.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(h.get('referrer-policy')).toBe('no-referrer');
      expect(h.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(h.get('cross-origin-resource-policy')).toBe('same-origin');
      const csp = Object.fromEntries(
        (h.get('content-security-policy') ?? '')
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .filter((d) => d[0])
          .map(([name, ...values]) => [name, values]),
      );
      expect(csp['default-src']).toEqual(["'self'"]);
      expect(csp['script-src']).toEqual(["'self'"]); // no 'unsafe-inline', no 'unsafe-eval'
      expect(csp['worker-src']).toEqual(["'self'", 'blob:']);
      expect(csp['object-src']).toEqual(["'none'"]);
      expect(csp['frame-ancestors']).toEqual(["'none'"]);
      expect(csp['connect-src']).toEqual(["'self'"]);
      expect(csp['base-uri']).toEqual(["'self'"]);
    }
  });
});

describe.skipIf(!existsSync(CHROMIUM))('the Content-Security-Policy in a real browser', () => {
  let srv: TestServer;
  let fixture: string;
  beforeAll(async () => {
    // A page that does what the explorer does: WebGL, a worker from a blob: URL (ForceAtlas2), a same-origin
    // worker, an inline style, data: and blob: images — and what it must not be able to do.
    fixture = mkdtempSync(join(tmpdir(), 'csp-fixture-'));
    writeFileSync(
      join(fixture, 'index.html'),
      `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="./app.js"></script></head>
       <body><div id="styled" style="color: rgb(1, 2, 3)">styled</div><canvas id="c" width="64" height="64"></canvas>
       <script>window.inlineScriptRan = true;</script></body></html>`,
    );
    writeFileSync(join(fixture, 'worker.js'), 'self.onmessage = (e) => self.postMessage(e.data * 2);');
    writeFileSync(
      join(fixture, 'app.js'),
      `const results = {};
       window.violations = [];
       document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));
       const ask = (w, v) => new Promise((res) => { w.onmessage = (e) => res(e.data); w.onerror = () => res('error'); w.postMessage(v); setTimeout(() => res('timeout'), 5000); });
       const blob = new Blob(['self.onmessage = (e) => self.postMessage(e.data + 1);'], { type: 'text/javascript' });
       results.blobWorker = await ask(new Worker(URL.createObjectURL(blob)), 41);
       results.fileWorker = await ask(new Worker('./worker.js'), 21);
       const gl = document.getElementById('c').getContext('webgl2') || document.getElementById('c').getContext('webgl');
       if (gl) {
         const sh = (type, src) => { const s = gl.createShader(type); gl.shaderSource(s, src); gl.compileShader(s); return gl.getShaderParameter(s, gl.COMPILE_STATUS); };
         results.webgl = sh(gl.VERTEX_SHADER, 'attribute vec2 p; void main() { gl_Position = vec4(p, 0.0, 1.0); }') && sh(gl.FRAGMENT_SHADER, 'void main() { gl_FragColor = vec4(1.0); }');
       } else results.webgl = 'no context';
       results.inlineStyle = getComputedStyle(document.getElementById('styled')).color;
       const img = (src) => new Promise((res) => { const i = new Image(); i.onload = () => res(true); i.onerror = () => res(false); i.src = src; });
       results.dataImage = await img('data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7');
       const canvas = document.createElement('canvas'); canvas.width = canvas.height = 1;
       results.blobImage = await img(URL.createObjectURL(await new Promise((res) => canvas.toBlob(res))));
       try { results.evalRan = eval('1 + 1') === 2; } catch { results.evalRan = false; }
       results.inlineScriptRan = window.inlineScriptRan === true;
       results.externalScript = await new Promise((res) => { const s = document.createElement('script'); s.src = 'https://example.com/x.js'; s.onload = () => res('loaded'); s.onerror = () => res('blocked'); document.head.append(s); });
       window.results = results;`,
    );
    srv = await startTestServer({ clientDir: fixture });
  });
  afterAll(async () => {
    await srv?.close();
    rmSync(fixture, { recursive: true, force: true });
  });

  it('runs WebGL, blob: and same-origin workers, inline styles and data:/blob: images, and blocks inline script, eval and foreign scripts', async () => {
    const browser = await launchChromium('security-http');
    try {
      const page = await browser.newPage();
      await page.goto(`${srv.baseUrl}/`);
      await page.waitForFunction(() => (globalThis as { results?: unknown }).results !== undefined, undefined, { timeout: 30_000 });
      const { results, violations } = await page.evaluate(() => ({
        results: (globalThis as unknown as { results: Record<string, unknown> }).results,
        violations: (globalThis as unknown as { violations: string[] }).violations,
      }));
      expect(results).toMatchObject({
        blobWorker: 42,
        fileWorker: 42,
        webgl: true,
        inlineStyle: 'rgb(1, 2, 3)',
        dataImage: true,
        blobImage: true,
        evalRan: false,
        inlineScriptRan: false,
        externalScript: 'blocked',
      });
      // Only scripts were refused (eval, the foreign script; the inline one ran before the listener existed) — never a
      // worker, an image, a style or a connection the explorer needs.
      const directives = new Set(violations.map((v) => v.split(' ')[0]));
      expect([...directives].sort()).toEqual(['script-src', 'script-src-elem']);
      if (existsSync(join(CLIENT_DIR, 'index.html'))) {
        // The built explorer itself: no violation while it loads and draws the graph.
        const real = await startTestServer({ clientDir: CLIENT_DIR });
        try {
          const p = await browser.newPage();
          const seen: string[] = [];
          p.on('console', (m) => m.text().includes('Content Security Policy') && seen.push(m.text()));
          await p.addInitScript(() =>
            document.addEventListener('securitypolicyviolation', (e) =>
              console.error(`Content Security Policy: ${e.violatedDirective} ${e.blockedURI}`),
            ),
          );
          await p.goto(`${real.baseUrl}/`, { waitUntil: 'load' });
          await p.waitForTimeout(3000);
          expect(seen).toEqual([]);
        } finally {
          await real.close();
        }
      }
    } finally {
      await browser.close();
    }
  }, 90_000);
});

describe('CORS', () => {
  let closed: TestServer;
  let opened: TestServer;
  beforeAll(async () => {
    closed = await startTestServer();
    opened = await startTestServer({ config: { CORS_ORIGINS: 'https://analyst.example, http://localhost:5173' } });
  });
  afterAll(async () => {
    await closed?.close();
    await opened?.close();
  });

  it('is closed by default: no Access-Control-Allow-Origin for any origin, preflight included', async () => {
    for (const origin of ['https://evil.example', 'null', 'http://localhost:5173']) {
      const get = await request(closed.baseUrl, '/api/search?q=RAG', { headers: { origin } });
      expect(get.headers.get('access-control-allow-origin')).toBeNull();
      const pre = await request(closed.baseUrl, '/api/cypher', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-api-key' },
      });
      expect(pre.headers.get('access-control-allow-origin')).toBeNull();
      expect(pre.headers.get('access-control-allow-methods')).toBeNull();
    }
  });

  it('opens for the configured origins only, with Vary: Origin', async () => {
    const ok = await request(opened.baseUrl, '/api/search?q=RAG', { headers: { origin: 'https://analyst.example' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://analyst.example');
    expect(ok.headers.get('vary')).toMatch(/Origin/);
    const pre = await request(opened.baseUrl, '/api/layout', {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'x-api-key' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/X-API-Key/i);
    for (const origin of ['https://evil.example', 'https://analyst.example.evil.example', 'https://ANALYST.example', 'null']) {
      const r = await request(opened.baseUrl, '/api/search?q=RAG', { headers: { origin } });
      expect(r.headers.get('access-control-allow-origin'), origin).toBeNull();
    }
  });
});

describe('request size limits', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ config: { API_KEY, RATE_LIMIT_PER_MINUTE: 100_000 } });
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('answers 413 to a body over 1 MB, as JSON, before any handler runs', async () => {
    for (const [path, method] of [
      ['/api/cypher', 'POST'],
      ['/api/layout', 'PUT'],
    ] as const) {
      const r = await request(srv.baseUrl, path, {
        method,
        headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
        body: JSON.stringify({ query: 'RETURN 1', pad: 'x'.repeat(1024 * 1024) }),
      });
      expect(r.status).toBe(413);
      expect(errorCode(r)).toBe('PAYLOAD_TOO_LARGE');
    }
  });

  it('answers 431 to headers or a URL over 16 kB, and 400 to a Cypher query over 20 000 characters', async () => {
    const url = await request(srv.baseUrl, `/api/search?q=${'a'.repeat(20_000)}`);
    expect(url.status).toBe(431);
    const header = await request(srv.baseUrl, '/api/health', { headers: { 'x-padding': 'a'.repeat(20_000) } });
    expect(header.status).toBe(431);
    const long = await postJson(srv.baseUrl, '/api/cypher', { query: `RETURN 1 ${' '.repeat(20_001)}` });
    expect(long.status).toBe(400);
    expect((long.json as { error: { message: string } }).error.message).toMatch(/query.*20000/);
  });

  it('refuses query parameters nested deeper than 31 levels with 400 (the driver would overflow its stack)', async () => {
    const deep = (n: number) => `${'['.repeat(n)}1${']'.repeat(n)}`;
    for (const depth of [32, 1000, 100_000]) {
      const r = await request(srv.baseUrl, '/api/cypher', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: `{"query": "RETURN $p AS p", "params": {"p": ${deep(depth)}}}`,
      });
      expect(r.status, `depth ${depth}: ${r.text.slice(0, 200)}`).toBe(400);
      expect(errorCode(r)).toBe('VALIDATION_ERROR');
    }
    const ok = await request(srv.baseUrl, '/api/cypher', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"query": "RETURN size($p) AS p", "params": {"p": ${deep(30)}}}`,
    });
    expect(ok.status, ok.text).toBe(200);
  });
});

describe('secrets and stack traces', () => {
  const log = memoryLog();
  let srv: TestServer;
  let down: TestServer;
  const NEO4J_PASSWORD = process.env.NEO4J_PASSWORD ?? 'local-test-password';

  beforeAll(async () => {
    const logger = createLogger('debug', log.stream);
    srv = await startTestServer({ logger, config: { API_KEY, RATE_LIMIT_PER_MINUTE: 100_000, LOG_LEVEL: 'debug' } });
    // A server whose Neo4j credentials are wrong: its 503s must not reveal them.
    down = await startTestServer({ logger, config: { API_KEY, NEO4J_PASSWORD: 'wrong-password-never-shown', LOG_LEVEL: 'debug' } });
  });
  afterAll(async () => {
    await srv?.close();
    await down?.close();
  });

  it('keeps keys, passwords and stack traces out of every answer and every log line', async () => {
    const secrets = [API_KEY, NEO4J_PASSWORD, 'wrong-password-never-shown', 'session-cookie-value-123'];
    const headers = { 'x-api-key': API_KEY, authorization: `Bearer ${API_KEY}`, cookie: `sid=session-cookie-value-123` };
    const answers = [
      await request(srv.baseUrl, '/api/health', { headers }),
      await request(srv.baseUrl, '/api/nodes/challenge:hallucination', { headers }),
      await request(srv.baseUrl, '/api/nodes/%', { headers }),
      await request(srv.baseUrl, '/api/layout', {
        method: 'PUT',
        headers: { ...headers, 'content-type': 'application/json' },
        body: '{"positions": 1}',
      }),
      await request(srv.baseUrl, '/api/layout', {
        method: 'PUT',
        headers: { 'x-api-key': `${API_KEY}-wrong`, 'content-type': 'application/json' },
        body: '{}',
      }),
      await request(srv.baseUrl, '/api/cypher', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: '{"query": "MATCH (n) DETACH DELETE n"}',
      }),
      await request(srv.baseUrl, '/api/cypher', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: '{"query": "RETRUN 1"}',
      }),
      await request(srv.baseUrl, '/api/cypher', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: '{"query": ',
      }),
      await request(down.baseUrl, '/api/health', { headers }),
      await request(down.baseUrl, '/api/search?q=RAG', { headers }),
      await request(down.baseUrl, '/api/cypher', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: '{"query": "RETURN 1"}',
      }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 400, 400, 403, 400, 400, 400, 503, 503, 503]);
    for (const a of answers) {
      for (const s of secrets) expect(a.text).not.toContain(s);
      expect(a.text).not.toMatch(STACK);
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(log.lines.length).toBeGreaterThan(answers.length);
    for (const line of log.lines) {
      const entry = JSON.parse(line) as { level: number; msg?: string };
      expect(typeof entry.level).toBe('number');
      for (const s of secrets) expect(line, line.slice(0, 300)).not.toContain(s);
      expect(line, line.slice(0, 300)).not.toMatch(STACK);
    }
  });

  it('answers an unexpected failure with a 500 that reveals nothing, and keeps its stack for the log only', async () => {
    const own = memoryLog();
    const app = express();
    app.get('/boom', () => {
      throw new Error(`boom with ${API_KEY}`);
    });
    app.use(errorMiddleware(createLogger('error', own.stream)));
    const server = await listen({ app, config: { PORT: 0, HOST: '127.0.0.1' } } as never, 0, '127.0.0.1');
    try {
      const address = server.address() as { port: number };
      const r = await request(`http://127.0.0.1:${address.port}`, '/boom');
      expect(r.status).toBe(500);
      expect(r.json).toEqual({ error: { code: 'INTERNAL', message: 'server: an unexpected error occurred; it has been logged.' } });
      expect(r.text).not.toContain('boom');
      expect(own.lines.join('\n')).toMatch(/boom/);
    } finally {
      await new Promise((res) => server.close(res));
    }
  });
});
