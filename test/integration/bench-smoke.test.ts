/**
 * test/integration/bench-smoke — the benchmark suite runs end to end and writes a complete report.
 *
 * Runs `bench/run.ts --smoke --out <tmp>` (2k nodes, 1 s loads: about 3–4 minutes; --quick takes
 * 8–10 on the shared CI machine, too long for npm test) in a child process (its own Neo4j
 * instance `bench-smoke` on a free port, so a developer's `npm run bench` can run beside it; the
 * API in a child process, Chromium for the
 * client) and checks that every section of latest.json is there with
 * numeric figures. No figure is compared with a target here: benchmarks are
 * not tests, and the machine is shared.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FrameCost } from '../../bench/client/types';
import { type MemoryRound, retainedAfterGcMiB } from '../../bench/report';

const ROOT = resolve(import.meta.dirname, '..', '..');
const out = mkdtempSync(join(tmpdir(), 'bench-smoke-'));

/** A port nothing listens on now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => res(port));
    });
  });
}

async function runBench(args: string[]): Promise<{ code: number; log: string }> {
  const env = {
    ...process.env,
    BENCH_INSTANCE: 'bench-smoke',
    BENCH_BOLT_PORT: String(await freePort()),
    BENCH_IMPORT_BOLT_PORT: String(await freePort()),
  };
  return new Promise((res) => {
    const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'bench', 'run.ts'), ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    child.on('exit', (code) => res({ code: code ?? 1, log }));
  });
}

const isNum = (v: unknown) => typeof v === 'number' && Number.isFinite(v);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('bench --smoke', () => {
  it('writes latest.md and latest.json with every section and numeric figures', { timeout: 15 * 60_000 }, async () => {
    const { code, log } = await runBench(['--smoke', '--out', out]);
    expect(code, log.split('\n').slice(-30).join('\n')).toBe(0);
    expect(existsSync(join(out, 'latest.md'))).toBe(true);
    const r = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8'));

    expect(isNum(r.machine.cores) && isNum(r.machine.memoryGiB)).toBe(true);
    expect(r.machine.loadAvgStart).toHaveLength(3);
    expect(r.versions.neo4j).toMatch(/^5\./);
    expect(r.versions.node).toMatch(/^v\d+/);

    expect(r.dataset.graphs.length).toBeGreaterThan(0);
    for (const g of r.dataset.graphs) expect(isNum(g.nodes) && isNum(g.relationships) && g.maxDegree > g.medianDegree).toBe(true);

    expect(r.bulkLoad.steps.length).toBeGreaterThan(0);
    for (const s of r.bulkLoad.steps) expect(isNum(s.relationships.perSecond) && s.relationships.perSecond > 0).toBe(true);
    expect(isNum(r.bulkLoad.sweep.chosen)).toBe(true);
    expect(r.bulkLoad.sweep.points.length).toBeGreaterThan(0);
    expect(typeof r.bulkLoad.met).toBe('boolean');
    // CPU per relationship on every step; the shipping floor at the sweep step, whose slice is then loaded too.
    for (const s of r.bulkLoad.steps) expect(s.relationships.cpuUsPerRow.neo4j).toBeGreaterThan(0);
    const ship = r.bulkLoad.shipping;
    expect(ship.rows).toBe(r.options.sweepRows);
    expect(ship.batchSize).toBe(r.bulkLoad.sweep.chosen);
    expect(ship.perSecond).toBeGreaterThan(0);
    expect(isNum(ship.cpuUsPerRow.neo4j) && isNum(ship.cpuUsPerRow.loader)).toBe(true);
    const loaded = r.bulkLoad.steps.reduce((n: number, s: { relationships: { rows: number } }) => n + s.relationships.rows, 0);
    expect(r.dataset.graphs[r.dataset.graphs.length - 1].relationships).toBe(loaded);

    expect(['ok', 'failed']).toContain(r.offlineImport.status);
    if (r.offlineImport.status === 'ok') expect(isNum(r.offlineImport.relsPerSecond)).toBe(true);
    else expect(r.offlineImport.reason).toBeTruthy();

    // Neo4j was driven with every workload before the first timed figure, and the report says so.
    const warm = r.api.neo4jWarmup;
    expect(warm.passes).toBeGreaterThanOrEqual(1);
    expect(warm.neo4jMsPerRequest).toHaveLength(warm.passes);
    for (const pass of warm.neo4jMsPerRequest) expect(Object.values(pass).every((v) => isNum(v) && (v as number) > 0)).toBe(true);
    expect(Object.keys(warm.neo4jMsPerRequest[0]).sort()).toEqual(r.api.workloads.map((w: { name: string }) => w.name).sort());
    expect(warm.tolerance).toBe(0.1);
    const warmMd = readFileSync(join(out, 'latest.md'), 'utf8');
    expect(warmMd).toContain('Before the first timed figure, Neo4j was driven with every workload through the driver loop');
    expect(warmMd).toContain('(steady: two passes in a row within ±10%, geometric mean over the workloads)');
    const workloads: string[] = r.api.workloads.map((w: { name: string }) => w.name);
    expect(workloads).toEqual(['search', 'neighbors-d1', 'neighbors-d2', 'path-shortest', 'paths-all-shortest', 'graph-filtered']);
    for (const w of workloads) {
      for (const side of ['api', 'raw-seq', 'raw-one']) {
        const runs = r.api.runs.filter((x: { workload: string; side: string }) => x.workload === w && x.side === side);
        expect(runs.length, `${w} ${side}`).toBe(r.api.concurrency.length);
        for (const x of runs) expect(isNum(x.p50) && isNum(x.p95) && isNum(x.p99) && isNum(x.rps), `${w} ${side}`).toBe(true);
        // Every process's CPU per request: Neo4j works for each side, the server only for the API's.
        for (const { cpuMsPerRequest: cpu } of runs) {
          expect(isNum(cpu.neo4j) && cpu.neo4j > 0 && isNum(cpu.client), `${w} ${side} cpu`).toBe(true);
          if (side === 'api') expect(isNum(cpu.server) && cpu.server > 0, `${w} api server cpu`).toBe(true);
          else expect(cpu.server, `${w} ${side} server cpu`).toBeNull();
        }
      }
    }
    // Each run opens with an untimed ramp (bench/api/load), the same on every side.
    expect(r.api.rampSeconds).toBeGreaterThan(0);
    for (const x of r.api.runs) expect(x.rampSeconds, `${x.workload} ${x.side} ramp`).toBe(r.api.rampSeconds);
    // Each figure pools interleaved rounds (bench/api/rounds); in every round the raw sides time the very requests
    // (parameter indices) an API slice timed.
    expect(r.api.rounds).toBeGreaterThan(1);
    type Range = { from: number; to: number };
    type Run = { workload: string; side: string; concurrency: number; count: number; rounds: number; ranges: Range[] };
    for (const x of r.api.runs as Run[]) {
      const api = (r.api.runs as Run[]).find((a) => a.side === 'api' && a.workload === x.workload && a.concurrency === x.concurrency)!;
      expect(x.rounds, `${x.workload} ${x.side} rounds`).toBe(r.api.rounds);
      expect(x.ranges, `${x.workload} ${x.side} ranges`).toHaveLength(r.api.rounds);
      for (const range of x.ranges) expect(api.ranges, `${x.workload} ${x.side} range`).toContainEqual(range);
      expect(
        x.ranges.reduce((a, g) => a + g.to - g.from, 0),
        `${x.workload} ${x.side} count`,
      ).toBe(x.count);
    }
    expect(r.api.ratios.length).toBe(workloads.length * r.api.concurrency.length);
    for (const x of r.api.ratios) expect(isNum(x.p50Ratio) && isNum(x.p99Ratio)).toBe(true);

    expect(r.memory.rounds).toHaveLength(3);
    for (const x of r.memory.rounds) {
      expect(isNum(x.rssMiB) && isNum(x.rssAfterGcMiB) && isNum(x.heapTotalAfterGcMiB)).toBe(true);
      expect(x.heapTotalAfterGcMiB).toBeGreaterThanOrEqual(x.heapUsedAfterGcMiB);
    }
    // The no-growth rule reads the retained memory (RSS after GC less V8's committed but empty heap).
    const retained = r.memory.rounds.map((x: MemoryRound) => retainedAfterGcMiB(x));
    expect(r.memory.growthMiB).toBeCloseTo(retained[2] - retained[0], 1);
    expect(r.memory.noGrowth).toBe(r.memory.growthMiB <= 10);
    expect(isNum(r.memory.rssGrowthMiB)).toBe(true);

    expect(r.client.status, r.client.reason).toBe('ok');
    expect(r.client.webglRenderer).toBeTruthy();
    const frames = r.client.runs.filter((x: { frames: number }) => x.frames > 0);
    expect(frames.length).toBeGreaterThan(0);
    for (const x of frames) expect(isNum(x.medianFrameMs) && isNum(x.firstFrameMs)).toBe(true);
    expect(isNum(r.client.forceAtlas2?.ms)).toBe(true);
    // Each page's frames were traced too, and the split adds up: the main thread either works or waits.
    const traces = r.client.traces as FrameCost[];
    expect(traces.map((x) => x.page).sort()).toEqual(['bare', 'explorer']);
    for (const x of traces) {
      expect(x.readPixelsWaitMs, `${x.page} readPixels wait`).toBeGreaterThan(0);
      expect(x.gpuProcessMs, `${x.page} GPU process`).toBeGreaterThan(0);
      expect(x.mainThreadMs + x.readPixelsWaitMs).toBeCloseTo(x.frameMs, 0);
    }

    expect(isNum(r.cleanup.resetSeconds)).toBe(true);
    const md = readFileSync(join(out, 'latest.md'), 'utf8');
    for (const heading of [
      '## Machine',
      '## Data',
      '## Bulk load',
      '## API latency under load',
      '## Server memory',
      '## Client rendering',
    ]) {
      expect(md).toContain(heading);
    }
    expect(md).toMatch(/CPU budget: at 50,000 relationships\/s, \d+ cores leave [\d.,]+ µs/);
    expect(md).toContain('Where a camera-move frame goes');
  });
});
