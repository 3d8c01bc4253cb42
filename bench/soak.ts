/**
 * bench/soak — a long run at a fixed request mix against the real server process.
 *
 *   npm run soak                      5 minutes (the figures in bench/results/soak.md)
 *   npm run soak -- --duration 60     a short run
 *
 * Options: --duration <s> (300), --connections <n> (8), --window <s> (30; shorter
 * for short runs), --out <path without extension> (bench/results/soak).
 *
 * The server runs as `node --import tsx server/main.ts` (what npm start runs),
 * so its resident memory is read from /proc without the load generator in it.
 * Neo4j: NEO4J_URI when set, otherwise a managed instance of its own
 * ("soak", Bolt port NEO4J_SOAK_BOLT_PORT or 7694), seeded with the curated
 * graph and stopped at the end.
 *
 * The run is cut into windows; each gets its own latency percentiles, so a
 * p99 that creeps up shows. It passes when there were no errors, no window's
 * p99 strayed far from the others, and resident memory did not keep growing.
 * Exit code 0 on pass, 1 on fail.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { ROOT, startInstance, stopInstance } from '../scripts/neo4j/local';
import { rssMiB } from './lib/system';

// ------------------------------------------------------------------ options

interface Options {
  durationS: number;
  connections: number;
  windowS: number;
  out: string;
}

function parseOptions(argv: string[]): Options {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const num = (name: string, def: number, min: number) => {
    const raw = get(name);
    if (raw === undefined) return def;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min) {
      console.error(`soak: --${name} must be a number of at least ${min} (got "${raw}").`);
      process.exit(2);
    }
    return n;
  };
  const durationS = num('duration', 300, 10);
  // At least six windows, so the first (warm-up) can be set apart and a trend still read.
  const windowS = num('window', Math.min(30, Math.max(5, Math.floor(durationS / 6))), 5);
  return {
    durationS,
    connections: num('connections', 8, 1),
    windowS,
    out: resolve(ROOT, get('out') ?? join('bench', 'results', 'soak')),
  };
}

// ------------------------------------------------------------------ the server under test

const SOAK_INSTANCE = { name: 'soak', boltPort: Number(process.env.NEO4J_SOAK_BOLT_PORT ?? 7694), password: 'local-soak-password' };
const API_KEY = 'soak-benchmark-key-0f1e2d3c4b5a6978';

async function startServer(env: NodeJS.ProcessEnv): Promise<{ proc: ChildProcess; baseUrl: string; output: string[] }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      API_KEY,
      // The soak measures stability at a steady rate, not the per-client limits (which would answer 429).
      RATE_LIMIT_PER_MINUTE: '1000000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const baseUrl = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`soak: the server did not start within 60 s:\n${output.join('')}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString('utf8'));
      const m = /LLM landscape explorer: http:\/\/[^:\s]+:(\d+)/.exec(output.join(''));
      if (m) {
        clearTimeout(timer);
        res(`http://127.0.0.1:${m[1]}`);
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => rej(new Error(`soak: the server exited (${code}) before listening:\n${output.join('')}`)));
  });
  return { proc, baseUrl, output };
}

// ------------------------------------------------------------------ the request mix

interface MixEntry {
  name: string;
  weight: number;
  make: (i: number) => { method: 'GET' | 'POST' | 'PUT'; path: string; body?: string; headers?: Record<string, string> };
}

const TERMS = ['RAG', '幻觉', 'hallucination', 'energy', 'Transformer', '数据', 'privacy', 'agent', 'quantization', '算力'];
const CYPHER = [
  'MATCH (c:Challenge)<-[:MITIGATES]-(t:Technology) RETURN c.name_en AS challenge, count(t) AS technologies ORDER BY technologies DESC',
  'MATCH (n:Entity {ns: "curated"}) RETURN n.kind AS kind, count(*) AS n ORDER BY n DESC',
  'MATCH p = (:Challenge)-[*1..2]-(:Outlook) RETURN p LIMIT 25',
];

function mix(ids: string[], positions: Record<string, { x: number; y: number }>): MixEntry[] {
  const id = (i: number) => ids[i % ids.length]!;
  const json = { 'content-type': 'application/json' };
  return [
    { name: 'search', weight: 20, make: (i) => ({ method: 'GET', path: `/api/search?q=${encodeURIComponent(TERMS[i % TERMS.length]!)}` }) },
    { name: 'node details', weight: 15, make: (i) => ({ method: 'GET', path: `/api/nodes/${encodeURIComponent(id(i))}` }) },
    {
      name: 'neighbours depth 2',
      weight: 12,
      make: (i) => ({ method: 'GET', path: `/api/nodes/${encodeURIComponent(id(i * 7))}/neighbors?depth=2` }),
    },
    {
      name: 'paths',
      weight: 10,
      make: (i) => ({
        method: 'GET',
        path: `/api/paths?from=${encodeURIComponent(id(i))}&to=${encodeURIComponent(id(i * 3 + 1))}&mode=${['shortest', 'all', 'k'][i % 3]}`,
      }),
    },
    { name: 'graph view', weight: 8, make: () => ({ method: 'GET', path: '/api/graph?limit=500' }) },
    { name: 'schema', weight: 5, make: () => ({ method: 'GET', path: '/api/schema' }) },
    {
      name: 'console',
      weight: 10,
      make: (i) => ({ method: 'POST', path: '/api/cypher', headers: json, body: JSON.stringify({ query: CYPHER[i % CYPHER.length] }) }),
    },
    {
      name: 'template',
      weight: 5,
      make: (i) => ({
        method: 'POST',
        path: '/api/templates/most-connected',
        headers: json,
        body: JSON.stringify({ params: { kind: ['Technology', 'Challenge', ''][i % 3], limit: 10 } }),
      }),
    },
    { name: 'health', weight: 5, make: () => ({ method: 'GET', path: '/api/health' }) },
    {
      name: 'export',
      weight: 5,
      make: (i) => ({ method: 'GET', path: `/api/export?format=${['json', 'gexf', 'graphml'][i % 3]}&limit=200` }),
    },
    {
      // The stored positions written back unchanged: a real write that leaves the data as it was.
      name: 'layout write',
      weight: 5,
      make: (i) => {
        const some = Object.fromEntries(
          Object.entries(positions).slice((i * 10) % Math.max(1, ids.length - 10), ((i * 10) % Math.max(1, ids.length - 10)) + 10),
        );
        return {
          method: 'PUT',
          path: '/api/layout',
          headers: { ...json, 'x-api-key': API_KEY },
          body: JSON.stringify({ positions: some }),
        };
      },
    },
  ];
}

/** A fixed, interleaved sequence of 200 requests with the mix's proportions (seeded, so every run sends the same). */
function sequence(entries: MixEntry[], length = 200) {
  let seed = 20_261_128;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const total = entries.reduce((a, e) => a + e.weight, 0);
  const out: (ReturnType<MixEntry['make']> & { name: string })[] = [];
  for (const e of entries) for (let k = 0; k < Math.round((e.weight / total) * length); k++) out.push({ name: e.name, ...e.make(k) });
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

// ------------------------------------------------------------------ measuring

interface WindowResult {
  window: number;
  startS: number;
  seconds: number;
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  rssMiB: number;
}

function runWindow(
  baseUrl: string,
  requests: ReturnType<typeof sequence>,
  connections: number,
  seconds: number,
): Promise<autocannon.Result> {
  return new Promise((res, rej) => {
    autocannon(
      {
        url: baseUrl,
        connections,
        duration: seconds,
        timeout: 30,
        requests: requests.map((r) => ({
          method: r.method,
          path: r.path,
          ...(r.body ? { body: r.body } : {}),
          ...(r.headers ? { headers: r.headers } : {}),
        })),
      },
      (err, result) => (err ? rej(err) : res(result)),
    );
  });
}

function slope(points: [number, number][]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, p) => a + p[0], 0) / n;
  const my = points.reduce((a, p) => a + p[1], 0) / n;
  const num = points.reduce((a, p) => a + (p[0] - mx) * (p[1] - my), 0);
  const den = points.reduce((a, p) => a + (p[0] - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

// ------------------------------------------------------------------ main

async function main(): Promise<number> {
  const opts = parseOptions(process.argv.slice(2));
  const env = { ...process.env };
  let startedNeo4j = false;
  if (!env.NEO4J_URI) {
    const inst = await startInstance(SOAK_INSTANCE);
    startedNeo4j = inst.started;
    Object.assign(env, { NEO4J_URI: inst.uri, NEO4J_USER: inst.user, NEO4J_PASSWORD: inst.password });
    Object.assign(process.env, { NEO4J_URI: inst.uri, NEO4J_USER: inst.user, NEO4J_PASSWORD: inst.password });
    const { seedDatabase } = await import('../server/seed');
    console.log(`soak: ${await seedDatabase({ reset: true })}`);
  }
  const server = await startServer(env);
  const pid = server.proc.pid!;
  try {
    const graph = (await (await fetch(`${server.baseUrl}/api/graph?limit=400`)).json()) as {
      nodes: { id: string; x?: number; y?: number }[];
    };
    const ids = graph.nodes.map((n) => n.id);
    const positions = Object.fromEntries(
      graph.nodes.filter((n) => n.x !== undefined && n.y !== undefined).map((n) => [n.id, { x: n.x!, y: n.y! }]),
    );
    const entries = mix(ids, positions);
    const requests = sequence(entries);

    const startedAt = new Date();
    const loadBefore = loadavg();
    const rssSamples: [number, number][] = [];
    const t0 = Date.now();
    const sampler = setInterval(() => rssSamples.push([(Date.now() - t0) / 1000, rssMiB(pid)]), 2000);
    rssSamples.push([0, rssMiB(pid)]);
    const windows: WindowResult[] = [];
    const totalWindows = Math.max(2, Math.round(opts.durationS / opts.windowS));
    console.log(
      `soak: ${opts.durationS} s in ${totalWindows} windows of ${opts.windowS} s, ${opts.connections} connections, against ${server.baseUrl} (pid ${pid}, Neo4j ${env.NEO4J_URI})`,
    );
    for (let w = 0; w < totalWindows; w++) {
      const startS = (Date.now() - t0) / 1000;
      const r = await runWindow(server.baseUrl, requests, opts.connections, opts.windowS);
      const result: WindowResult = {
        window: w + 1,
        startS: r1(startS),
        seconds: r.duration,
        requests: r.requests.total,
        rps: r1(r.requests.average),
        p50: r.latency.p50,
        p90: r.latency.p90,
        p99: r.latency.p99,
        max: r.latency.max,
        non2xx: r.non2xx,
        errors: r.errors,
        timeouts: r.timeouts,
        rssMiB: rssMiB(pid),
      };
      windows.push(result);
      console.log(
        `soak: window ${result.window}/${totalWindows}: ${result.requests} requests (${result.rps}/s), p50 ${result.p50} ms, p99 ${result.p99} ms, max ${result.max} ms, ` +
          `errors ${result.errors + result.timeouts}, non-2xx ${result.non2xx}, RSS ${result.rssMiB} MiB`,
      );
    }
    clearInterval(sampler);
    rssSamples.push([(Date.now() - t0) / 1000, rssMiB(pid)]);

    // Verdicts. The first window warms caches, JIT and the connection pool, and is set apart.
    const steady = windows.slice(1);
    const totals = {
      requests: windows.reduce((a, w) => a + w.requests, 0),
      non2xx: windows.reduce((a, w) => a + w.non2xx, 0),
      errors: windows.reduce((a, w) => a + w.errors, 0),
      timeouts: windows.reduce((a, w) => a + w.timeouts, 0),
    };
    const p99s = steady.map((w) => w.p99);
    const p99Median = median(p99s);
    const p99Worst = Math.max(...p99s);
    const third = Math.max(1, Math.floor(steady.length / 3));
    const p99First = median(steady.slice(0, third).map((w) => w.p99));
    const p99Last = median(steady.slice(-third).map((w) => w.p99));
    // V8 grows its heaps lazily for the first minutes of a busy process (the heap in use after a full GC stays flat);
    // memory is judged on the run after that settling: its first 40 % (at least one window) is set apart.
    const settleS = Math.max(windows[1]?.startS ?? 0, 0.4 * ((Date.now() - t0) / 1000));
    const steadyRss = rssSamples.filter(([t, v]) => t >= settleS && Number.isFinite(v));
    const rssSlope = slope(steadyRss) * 60; // MiB per minute
    const rssFirst = median(steadyRss.slice(0, Math.max(1, Math.floor(steadyRss.length / 3))).map((p) => p[1]));
    const rssLast = median(steadyRss.slice(-Math.max(1, Math.floor(steadyRss.length / 3))).map((p) => p[1]));
    const checks = [
      {
        name: 'no errors',
        pass: totals.non2xx + totals.errors + totals.timeouts === 0,
        detail: `${totals.errors} errors, ${totals.timeouts} timeouts, ${totals.non2xx} non-2xx answers in ${totals.requests} requests`,
      },
      {
        name: 'p99 stable',
        pass: p99Worst <= Math.max(2 * p99Median, p99Median + 50) && p99Last <= Math.max(1.5 * p99First, p99First + 25),
        detail: `steady windows: median p99 ${p99Median} ms, worst ${p99Worst} ms; first third ${p99First} ms, last third ${p99Last} ms`,
      },
      {
        name: 'memory stable',
        pass: rssLast - rssFirst <= Math.max(0.1 * rssFirst, 25) && rssSlope <= 10,
        detail: `from ${Math.round(settleS)} s on: RSS ${r1(rssFirst)} MiB in the first third, ${r1(rssLast)} MiB in the last; trend ${r1(rssSlope)} MiB/min; peak ${r1(Math.max(...rssSamples.map((p) => p[1]).filter(Number.isFinite)))} MiB over the whole run`,
      },
    ];
    const pass = checks.every((c) => c.pass);
    const cpu = cpus();
    const report = {
      startedAt: startedAt.toISOString(),
      options: opts,
      machine: {
        cores: cpu.length,
        cpuModel: cpu[0]?.model ?? 'unknown',
        memoryGiB: r1(totalmem() / 2 ** 30),
        node: process.version,
        loadAverageBefore: loadBefore.map(r1),
        loadAverageAfter: loadavg().map(r1),
      },
      neo4j: { uri: env.NEO4J_URI, managed: startedNeo4j },
      mix: entries.map((e) => ({ name: e.name, share: r1((e.weight / entries.reduce((a, x) => a + x.weight, 0)) * 100) })),
      windows,
      rssSamples: rssSamples.map(([t, v]) => [r1(t), v]),
      totals,
      checks,
      pass,
    };
    mkdirSync(dirname(opts.out), { recursive: true });
    writeFileSync(`${opts.out}.json`, `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(`${opts.out}.md`, markdown(report));
    console.log(`soak: ${pass ? 'PASS' : 'FAIL'} — ${checks.map((c) => `${c.name}: ${c.pass ? 'yes' : 'NO'} (${c.detail})`).join('; ')}`);
    console.log(`soak: wrote ${opts.out}.md and ${opts.out}.json`);
    return pass ? 0 : 1;
  } finally {
    server.proc.kill('SIGTERM');
    await new Promise((r) => server.proc.once('exit', r));
    if (startedNeo4j) await stopInstance(SOAK_INSTANCE.name);
  }
}

function markdown(r: {
  startedAt: string;
  options: Options;
  machine: { cores: number; cpuModel: string; memoryGiB: number; node: string; loadAverageBefore: number[]; loadAverageAfter: number[] };
  mix: { name: string; share: number }[];
  windows: WindowResult[];
  totals: { requests: number; non2xx: number; errors: number; timeouts: number };
  checks: { name: string; pass: boolean; detail: string }[];
  pass: boolean;
}): string {
  const lines = [
    '# Soak run',
    '',
    `${r.pass ? '**Pass**' : '**Fail**'} — ${r.options.durationS} s at a fixed request mix, ${r.options.connections} connections, windows of ${r.options.windowS} s (the first is warm-up). Run \`npm run soak\` (or \`npm run soak -- --duration 60\`) to reproduce; the raw figures are in soak.json.`,
    '',
    `Started ${r.startedAt} on ${r.machine.cores} × ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}; load average ${r.machine.loadAverageBefore.join(' / ')} before, ${r.machine.loadAverageAfter.join(' / ')} after (Neo4j and the load generator share the machine).`,
    '',
    '| check | result | figures |',
    '| --- | --- | --- |',
    ...r.checks.map((c) => `| ${c.name} | ${c.pass ? 'pass' : 'FAIL'} | ${c.detail} |`),
    '',
    `Requests: ${r.totals.requests} in all; ${r.totals.errors} errors, ${r.totals.timeouts} timeouts, ${r.totals.non2xx} non-2xx.`,
    '',
    '| window | from (s) | requests | req/s | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) | errors | non-2xx | server RSS (MiB) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...r.windows.map(
      (w) =>
        `| ${w.window} | ${w.startS} | ${w.requests} | ${w.rps} | ${w.p50} | ${w.p90} | ${w.p99} | ${w.max} | ${w.errors + w.timeouts} | ${w.non2xx} | ${w.rssMiB} |`,
    ),
    '',
    'Request mix (fixed order, repeated): ' + r.mix.map((m) => `${m.name} ${m.share} %`).join(', ') + '.',
    '',
    'Criteria: no error, timeout or non-2xx answer; no steady window with a p99 above twice the median p99 (or the median + 50 ms), and the last third of the run no more than 1.5 × the first (or + 25 ms); resident memory of the server process, once settled (the first 40 % of the run set apart, while V8 sizes its heaps), growing by at most 10 % (or 25 MiB) from the first third of the rest to the last, with a trend under 10 MiB/min. The console rate limit is raised for the run, so no answer is a 429.',
    '',
  ];
  return lines.join('\n');
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
