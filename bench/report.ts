/**
 * bench/report — the benchmark's report: one JSON document and the Markdown written from it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TRACE_CATEGORIES } from './client/trace';
import { HIDE_EDGES_ON_MOVE_FROM, HIDE_LABELS_ON_MOVE_FROM, LIGHT_PROGRAMS_FROM } from '../client/src/render/scale';
import type { RunResult } from './api/load';
import type { WarmupResult } from './api/warmup';
import type { ClientResult } from './client/types';
import type { PassResult, ShippingFloor, SweepPoint } from './load';
import { round } from './lib/stats';
import type { MachineInfo } from './lib/system';
import type { OfflineImportResult } from './offline-import';

export interface GraphStats {
  nodes: number;
  relationships: number;
  maxDegree: number;
  p99Degree: number;
  medianDegree: number;
}

export interface LoadStep {
  fromNodes: number;
  toNodes: number;
  nodes: PassResult;
  relationships: PassResult;
  loadAvg1: number;
  /** Storing every entity's per-type degrees after the step (SeedRepository.refreshDegrees); not in the rates. */
  degrees?: { entities: number; seconds: number };
}

export interface Ratio {
  size: number;
  workload: string;
  concurrency: number;
  apiP50: number;
  rawP50: number;
  p50Ratio: number;
  apiP99: number;
  rawP99: number;
  p99Ratio: number;
  met: boolean;
}

/** A run at concurrency 1 is a request alone: shown for what the API adds to one request, not held to the ratio bar. */
const underLoad = (x: { concurrency: number }) => x.concurrency > 1;

export interface AbsoluteTarget {
  size: number;
  workload: string;
  concurrency: number;
  metric: 'p95';
  targetMs: number;
  valueMs: number;
  met: boolean;
}

export interface MemoryRound {
  round: number;
  rssMiB: number;
  rssAfterGcMiB: number;
  heapUsedAfterGcMiB: number;
  /** Memory outside the V8 heap that V8 tracks (Buffers, the driver's socket buffers); absent in older reports. */
  externalAfterGcMiB?: number;
  /** The V8 heap's committed size after GC (used + committed but empty); absent in older reports. */
  heapTotalAfterGcMiB?: number;
  requests: number;
}

/**
 * Resident memory after GC less the V8 heap's committed but empty space (heap total − heap used): what a
 * leak grows (live JavaScript objects, native allocations), without V8's own sizing of its young
 * generation, which after the same load keeps either about 2 or about 32 MiB committed (bench/findings).
 * Older reports without the heap total: RSS after GC.
 */
export function retainedAfterGcMiB(x: MemoryRound): number {
  if (x.heapTotalAfterGcMiB === undefined) return x.rssAfterGcMiB;
  return Math.round((x.rssAfterGcMiB - (x.heapTotalAfterGcMiB - x.heapUsedAfterGcMiB)) * 10) / 10;
}

export interface BenchReport {
  version: 1;
  generatedAt: string;
  mode: string;
  /** The command-line options the run was given (absent in reports from before they were recorded). */
  args?: string[];
  durationSeconds: number;
  options: Record<string, unknown>;
  machine: MachineInfo & { loadAvgStart: number[]; loadAvgEnd: number[] };
  versions: {
    node: string;
    neo4j: string;
    neo4jDriver: string;
    sigma: string;
    autocannon: string;
    chromium?: string;
    webglRenderer?: string;
  };
  dataset: { seed: number; relsPerNode: number; namespace: string; graphs: GraphStats[] };
  bulkLoad: {
    loader: string;
    steps: LoadStep[];
    sweep: { atNodes: number; points: SweepPoint[]; chosen: number; reason: string };
    /** At the sweep step, the chosen batch size moving rows and writing nothing (absent in older reports). */
    shipping?: ShippingFloor;
    targetRelsPerSecond: number;
    largestGraphRelsPerSecond: number;
    met: boolean;
  };
  offlineImport: OfflineImportResult;
  api: {
    seconds: number;
    /** Untimed seconds at the start of each run; absent in reports older than it (every request was timed). */
    rampSeconds?: number;
    /** Interleaved rounds per figure; absent in reports older than them (one run per side, API first). */
    rounds?: number;
    /**
     * Every timed request ran under the full concurrency on every side (bench/api/load: the load goes on, untimed,
     * until the last timed request has answered); absent in reports older than it.
     */
    fullLoadThroughout?: boolean;
    /** Neo4j driven until its CPU per request settled before the first timed figure (bench/api/warmup); absent in older reports. */
    neo4jWarmup?: WarmupResult;
    concurrency: number[];
    workloads: { name: string; request: string; sequence: string; single: string }[];
    runs: (RunResult & { size: number })[];
    ratios: Ratio[];
    absoluteTargets: AbsoluteTarget[];
  };
  memory: {
    atNodes: number;
    rounds: MemoryRound[];
    limitMiB: number;
    maxRssMiB: number;
    /** Round 3 − round 1 of retainedAfterGcMiB: what the no-growth rule reads. */
    growthMiB: number;
    /** Round 3 − round 1 of RSS after GC (the rule's reading before the heap total was recorded). */
    rssGrowthMiB?: number;
    underLimit: boolean;
    noGrowth: boolean;
  };
  client: ClientResult;
  /** `resetError` when removing the namespace failed (the instance's store is replaced at the next run). */
  cleanup: { resetSeconds: number; resetError?: string; neo4jStopped: boolean };
  changes: { what: string; gained: string }[];
  notes: string[];
}

const fmt = (v: number | undefined | null, digits = 1): string =>
  v === undefined || v === null || !Number.isFinite(v)
    ? '—'
    : v >= 1000
      ? Math.round(v).toLocaleString('en-US')
      : Number.isInteger(v)
        ? String(v)
        : v.toFixed(digits);
const yes = (b: boolean | undefined) => (b === undefined ? '—' : b ? 'met' : '**missed**');
const sizeName = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n));

function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.map(String).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

export function renderMarkdown(r: BenchReport): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(`# Benchmark report (${r.mode})`);
  out.push('');
  out.push(
    `Generated ${r.generatedAt} in ${Math.round(r.durationSeconds / 60)} min by \`npm run bench${r.args ? (r.args.length ? ` -- ${r.args.join(' ')}` : '') : r.mode === 'full' ? '' : ` -- --${r.mode}`}\`. ` +
      'Absolute times come from a shared 2-core machine and move with its load; the ratios against the bare driver and the bare page are the bar.',
  );
  out.push('');
  out.push('## Machine');
  out.push('');
  out.push(
    table(
      [
        'cores',
        'CPU',
        'memory',
        'load average at start (1/5/15 min)',
        'at end',
        'Node',
        'Neo4j',
        'neo4j-driver',
        'sigma',
        'Chromium',
        'WebGL renderer',
      ],
      [
        [
          m.cores,
          m.cpuModel,
          `${m.memoryGiB} GiB`,
          m.loadAvgStart.join(' / '),
          m.loadAvgEnd.join(' / '),
          r.versions.node,
          r.versions.neo4j,
          r.versions.neo4jDriver,
          r.versions.sigma,
          r.versions.chromium ?? '—',
          r.versions.webglRenderer ?? '—',
        ],
      ],
    ),
  );
  out.push('');
  out.push('## Data');
  out.push('');
  out.push(
    `Synthetic graph (graph/synthetic.ts), seed ${r.dataset.seed}, namespace \`${r.dataset.namespace}\`: the curated graph's node kinds and relationship types ` +
      `(each relationship between kinds REL_TYPE_INFO allows), bilingual names and aliases, ${r.dataset.relsPerNode} relationships per new node by preferential attachment (hubs). ` +
      'Each size contains the previous one; the namespace is removed at the end.',
  );
  out.push('');
  out.push(
    table(
      ['nodes', 'relationships', 'median degree', 'p99 degree', 'max degree'],
      r.dataset.graphs.map((g) => [fmt(g.nodes), fmt(g.relationships), g.medianDegree, g.p99Degree, fmt(g.maxDegree)]),
    ),
  );
  out.push('');
  out.push('## Bulk load');
  out.push('');
  out.push(
    `Loader: ${r.bulkLoad.loader}. "in flight": batches written at once; "retried": batches Neo4j refused as transient (a deadlock between writers) and that were written again. Target ≥ ${fmt(r.bulkLoad.targetRelsPerSecond)} relationships/s on the largest graph: ` +
      `${fmt(r.bulkLoad.largestGraphRelsPerSecond)}/s — ${yes(r.bulkLoad.met)}.`,
  );
  out.push('');
  out.push(
    table(
      [
        'graph step',
        'nodes',
        'node s',
        'nodes/s',
        'relationships',
        'rel s',
        'relationships/s',
        'batch',
        'in flight',
        'retried',
        'degrees s',
        'CPU µs/rel Neo4j · loader',
        'load avg',
      ],
      r.bulkLoad.steps.map((s) => [
        `${sizeName(s.fromNodes)} → ${sizeName(s.toNodes)}`,
        fmt(s.nodes.rows),
        fmt(s.nodes.seconds),
        fmt(s.nodes.perSecond),
        fmt(s.relationships.rows),
        fmt(s.relationships.seconds),
        fmt(s.relationships.perSecond),
        s.relationships.batchSize,
        s.relationships.concurrency,
        s.relationships.retries ?? '—',
        s.degrees ? fmt(s.degrees.seconds) : '—',
        s.relationships.cpuUsPerRow ? `${fmt(s.relationships.cpuUsPerRow.neo4j)} · ${fmt(s.relationships.cpuUsPerRow.loader)}` : '—',
        s.loadAvg1,
      ]),
    ),
  );
  out.push('');
  out.push(
    `Batch size: swept at the ${sizeName(r.bulkLoad.sweep.atNodes)} step; chose **${r.bulkLoad.sweep.chosen}**. ${r.bulkLoad.sweep.reason}`,
  );
  out.push('');
  if (r.bulkLoad.sweep.points.length) {
    out.push(
      table(
        ['batch size', 'relationships', 's', 'relationships/s'],
        r.bulkLoad.sweep.points.map((p) => [p.batchSize, fmt(p.rows), fmt(p.seconds), fmt(p.perSecond)]),
      ),
    );
    out.push('');
  }
  const ship = r.bulkLoad.shipping;
  if (ship) out.push(shippingParagraph(ship, r.machine.cores, r.bulkLoad.targetRelsPerSecond), '');
  const oi = r.offlineImport;
  out.push('### Offline import (neo4j-admin database import full), for comparison');
  out.push('');
  if (oi.status === 'ok') {
    out.push(
      table(
        [
          'nodes',
          'relationships',
          'CSV written (s)',
          'CSV MiB',
          'import wall s',
          'tool reported',
          'relationships/s',
          'verified counts',
          'indexes built after (s)',
        ],
        [
          [
            fmt(oi.nodes),
            fmt(oi.relationships),
            fmt(oi.csvSeconds),
            fmt(oi.csvMiB),
            fmt(oi.importSeconds),
            oi.toolReported ?? '—',
            fmt(oi.relsPerSecond),
            oi.verified ? `${fmt(oi.verified.nodes)} / ${fmt(oi.verified.relationships)}` : '—',
            fmt(oi.indexSeconds),
          ],
        ],
      ),
    );
    out.push('');
    out.push(`Command: \`${oi.command}\` (NEO4J_HOME/NEO4J_CONF pointing at a stopped scratch instance, .neo4j/bench-import).`);
  } else {
    out.push(`${oi.status}: ${oi.reason ?? ''}`);
  }
  out.push('');

  out.push('## API latency under load');
  out.push('');
  out.push(
    `autocannon against the API (its own process, started like npm start) and, in the same run, the same Cypher through a bare neo4j-driver loop ` +
      `at the same concurrency and with the same seeded parameters; ${r.api.seconds} s per figure after a warm-up` +
      (r.api.rounds && r.api.rounds > 1
        ? `, timed in ${r.api.rounds} interleaved rounds of ${round(r.api.seconds / r.api.rounds, 2)} s whose order turns every round ` +
          '(api, raw-seq, raw-one, then the reverse, ABBA: the same requests cost up to 2× more CPU in one 6 s window than in the next on this machine, so sides timed one after another in a fixed order were timed on different machines; each side’s rounds are pooled — percentiles over every timed request, CPU weighted by requests; see bench/api/rounds)'
        : '') +
      (r.api.runs.some((x) => x.side !== 'api' && x.requests)
        ? ' (the raw sides answer the very requests the API side timed — the same k, so the same start nodes, pairs and terms, hubs included — and take as long as they need)'
        : '') +
      (r.api.fullLoadThroughout
        ? '; every timed request runs under the full concurrency on every side — the API side times the requests autocannon writes within its slice and keeps the load up, untimed, until each of them has answered; the raw sides go on with untimed requests after their last timed one until it has answered'
        : '') +
      (r.api.rampSeconds
        ? `, each run opening with ${r.api.rampSeconds} s whose requests are answered but not timed, on every side ` +
          '(the load tool opens all its connections at once and a Node server accepts one new connection per turn of its event loop, so the first burst measures connection set-up, not the load; see bench/api/load). '
        : '. ') +
      '**raw-seq** is every statement the API runs for the request, in the same order and transactions, those the API sends together sent together; **raw-one** is the one statement that does the work, alone. Latencies in ms. ' +
      '"CPU ms/req" is the CPU time each process spent during the timed part of the run divided by the requests whose work that covers — those it timed, and on the API side also those autocannon left in flight, which the run waits for the server to finish: Neo4j, the API server (API side only) and the client, ' +
      'this process (autocannon for the API side, the driver loop for the raw sides). With both cores busy, latency at a fixed concurrency follows the sum.' +
      (r.api.runs.some((x) => x.answered !== undefined)
        ? ' "req/s" is answers per second over the timed span: for an API slice in the window its timed requests over the window; where the span opens with untimed requests still out — an API run for a count, a raw side given the API\'s requests — every answer in it, timed or not.'
        : ''),
  );
  const warm = r.api.neo4jWarmup;
  if (warm) {
    const perPass = warm.neo4jMsPerRequest.map((p) => Object.values(p).reduce((a, b) => a + b, 0));
    out.push('');
    out.push(
      `Before the first timed figure, Neo4j was driven with every workload through the driver loop until its CPU per request settled ` +
        `(bench/api/warmup; the JVM goes on compiling for minutes, and while it does its CPU weighs on the side that answers fewer requests a second): ` +
        `${warm.passes} pass${warm.passes === 1 ? '' : 'es'} in ${warm.seconds} s, ${warm.steady ? 'steady' : 'not steady when its time ran out'}` +
        (warm.tolerance !== undefined
          ? ` (steady: two passes in a row within ±${round(warm.tolerance * 100, 1)}%, geometric mean over the workloads); `
          : '; ') +
        `Neo4j CPU per request summed over the workloads, by pass: ${perPass.map((v) => round(v, 1)).join(', ')} ms.`,
    );
  }
  out.push('');
  out.push(
    table(
      ['workload', 'API request', 'statements per request (raw-seq)', 'raw-one'],
      r.api.workloads.map((w) => [w.name, w.request, w.sequence, w.single]),
    ),
  );
  out.push('');
  const sizes = [...new Set(r.api.runs.map((x) => x.size))];
  for (const size of sizes) {
    out.push(`### ${sizeName(size)} nodes`);
    out.push('');
    out.push(
      table(
        ['workload', 'conc.', 'side', 'p50', 'p95', 'p99', 'req/s', 'errors', 'empty', 'CPU ms/req Neo4j · server · client', 'load avg'],
        r.api.runs
          .filter((x) => x.size === size)
          .map((x) => [
            x.workload,
            x.concurrency,
            x.side,
            fmt(x.p50, 2),
            fmt(x.p95, 2),
            fmt(x.p99, 2),
            fmt(x.rps),
            x.errors,
            `${Math.round(x.emptyShare * 100)}%`,
            x.cpuMsPerRequest
              ? [x.cpuMsPerRequest.neo4j, x.cpuMsPerRequest.server, x.cpuMsPerRequest.client].map((v) => fmt(v, 2)).join(' · ')
              : '—',
            x.loadAvg1,
          ]),
      ),
    );
    out.push('');
  }
  out.push('### API against the bare driver (raw-seq): p50 ≤ 1.2×, p99 ≤ 1.5×');
  out.push('');
  const loaded = r.api.ratios.filter(underLoad);
  out.push(
    `Under load (concurrency ${[...new Set(loaded.map((x) => x.concurrency))].join(' and ')}): ${loaded.filter((x) => x.met).length} of ${loaded.length} within both bounds. ` +
      'A row at concurrency 1 ("unloaded") shows what the API adds to a single request (an HTTP hop, routing, validation, JSON) and is not held to the bar, which is about the API under load.',
  );
  out.push('');
  out.push(
    table(
      ['nodes', 'workload', 'conc.', 'API p50', 'raw p50', 'p50 ratio', 'API p99', 'raw p99', 'p99 ratio', 'target'],
      r.api.ratios.map((x) => [
        sizeName(x.size),
        x.workload,
        x.concurrency,
        fmt(x.apiP50, 2),
        fmt(x.rawP50, 2),
        fmt(x.p50Ratio, 2),
        fmt(x.apiP99, 2),
        fmt(x.rawP99, 2),
        fmt(x.p99Ratio, 2),
        underLoad(x) ? yes(x.met) : `unloaded (${x.met ? 'within' : 'outside'})`,
      ]),
    ),
  );
  out.push('');
  if (r.api.absoluteTargets.length) {
    out.push('### Absolute aims (100k graph, API p95)');
    out.push('');
    out.push(
      table(
        ['workload', 'conc.', 'aim (ms)', 'p95 (ms)', ''],
        r.api.absoluteTargets.map((t) => [t.workload, t.concurrency, t.targetMs, fmt(t.valueMs, 2), yes(t.met)]),
      ),
    );
    out.push('');
  }
  if (sizes.length > 1) {
    out.push('### How each cost grows with the graph (API p95 in ms, lowest concurrency)');
    out.push('');
    const c0 = Math.min(...r.api.concurrency);
    const names = [...new Set(r.api.runs.map((x) => x.workload))];
    out.push(
      table(
        ['workload', ...sizes.map(sizeName), `growth ${sizeName(sizes[0]!)} → ${sizeName(sizes[sizes.length - 1]!)}`],
        names.map((n) => {
          const v = sizes.map(
            (s) => r.api.runs.find((x) => x.size === s && x.workload === n && x.side === 'api' && x.concurrency === c0)?.p95,
          );
          const first = v[0];
          const last = v[v.length - 1];
          return [n, ...v.map((x) => fmt(x, 2)), first && last ? `${fmt(last / first, 1)}×` : '—'];
        }),
      ),
    );
    out.push('');
  }

  const mem = r.memory;
  out.push('## Server memory');
  out.push('');
  out.push(
    `Resident memory (VmRSS) of the API process after each of three identical load rounds (every workload at the highest concurrency) on the ${sizeName(mem.atNodes)} graph. ` +
      `Under ${mem.limitMiB} MiB: ${yes(mem.underLimit)} (max ${fmt(mem.maxRssMiB)} MiB). ` +
      (mem.rssGrowthMiB === undefined
        ? `No growth across rounds (after GC, round 3 − round 1 = ${fmt(mem.growthMiB)} MiB): ${yes(mem.noGrowth)}.`
        : `No growth across rounds (retained after GC — RSS less the V8 heap's committed but empty space — round 3 − round 1 = ${fmt(mem.growthMiB)} MiB, within 10): ${yes(mem.noGrowth)}. ` +
          `RSS after GC alone moved ${fmt(mem.rssGrowthMiB)} MiB: V8 sizes its young generation by its own rules, and after the same load keeps about 2 or about 32 MiB of it committed.`),
  );
  out.push('');
  const withTotal = mem.rounds.some((x) => x.heapTotalAfterGcMiB !== undefined);
  out.push(
    table(
      [
        'round',
        'requests',
        'RSS MiB',
        'RSS after GC MiB',
        ...(withTotal ? ['heap total after GC MiB'] : []),
        'heap used after GC MiB',
        'external after GC MiB',
        ...(withTotal ? ['retained after GC MiB'] : []),
      ],
      mem.rounds.map((x) => [
        x.round,
        fmt(x.requests),
        fmt(x.rssMiB),
        fmt(x.rssAfterGcMiB),
        ...(withTotal ? [x.heapTotalAfterGcMiB === undefined ? '—' : fmt(x.heapTotalAfterGcMiB)] : []),
        fmt(x.heapUsedAfterGcMiB),
        x.externalAfterGcMiB === undefined ? '—' : fmt(x.externalAfterGcMiB),
        ...(withTotal ? [fmt(retainedAfterGcMiB(x))] : []),
      ]),
    ),
  );
  out.push('');

  const c = r.client;
  out.push('## Client rendering (headless Chromium)');
  out.push('');
  if (c.status !== 'ok') {
    out.push(`${c.status}: ${c.reason ?? ''}`);
  } else {
    out.push(
      `Renderer: \`${c.webglRenderer}\` (${c.browser}); viewport ${c.viewport.width}×${c.viewport.height}, fixed positions, ${c.edgesPerNode} edges per node. ` +
        'A frame is `sigma.refresh()`/`render()` plus a 1-pixel `readPixels` (which waits for the GPU work, unlike `gl.finish()` under SwiftShader). ' +
        `Beside the explorer, the bare page draws with the same programs and the levers the explorer itself switches on at that graph size (client/src/render/scale: edges hidden while the camera moves from ${fmt(HIDE_EDGES_ON_MOVE_FROM, 0)} edges, labels from ${fmt(HIDE_LABELS_ON_MOVE_FROM, 0)}, lines and points from ${fmt(LIGHT_PROGRAMS_FROM, 0)}). ` +
        'The bare page and the explorer take turns over pieces of the same camera path (bare, explorer, explorer, bare), so a change in load falls on both. Times in ms.',
    );
    out.push('');
    out.push(
      table(
        ['graph', 'page', 'settings', 'first frame', 'median frame', 'p95 frame', 'frames'],
        c.runs.map((x) => [x.graph, x.page, x.settings, fmt(x.firstFrameMs), fmt(x.medianFrameMs, 2), fmt(x.p95FrameMs, 2), x.frames]),
      ),
    );
    out.push('');
    if (c.comparisons.length) {
      out.push(
        table(
          ['graph', 'explorer median / bare median', 'target ≤ 1.25', 'explorer first / bare first', 'target ≤ 1.5 (curated)'],
          c.comparisons.map((x) => [
            x.graph,
            fmt(x.medianRatio, 2),
            // The curated graph is timed for its first frame only (no camera-move frames, no median).
            Number.isFinite(x.medianRatio) ? yes(x.medianMet) : 'n/a',
            fmt(x.firstFrameRatio, 2),
            x.firstFrameMet === undefined ? 'n/a' : yes(x.firstFrameMet),
          ]),
        ),
      );
      out.push('');
    }
    if (c.traces?.length) {
      out.push(
        `Where a camera-move frame goes: each page draws the start of the same camera path once more under a Chrome performance trace ` +
          `(bench/client/trace; categories ${TRACE_CATEGORIES.join(', ')}), each timed frame split into the page's main thread working — sigma's ` +
          "render in JavaScript, encoding the WebGL commands —, its wait in readPixels for the GPU process, and the GPU process's main thread " +
          "running the frame's command buffers (SwiftShader, on the CPU). Tracing slows frames down: compare the split, not the totals. Times in ms.",
      );
      out.push('');
      out.push(
        table(
          ['graph', 'page', 'frames', 'frame under trace', 'main thread working', 'waiting in readPixels', 'GPU process busy'],
          c.traces.map((x) => [
            x.graph,
            x.page,
            x.frames,
            fmt(x.frameMs, 2),
            fmt(x.mainThreadMs, 2),
            fmt(x.readPixelsWaitMs, 2),
            fmt(x.gpuProcessMs, 2),
          ]),
        ),
      );
      out.push('');
    }
    if (c.levers.length) {
      out.push(
        "What sigma's levers gained (bare page, largest graph, each against sigma's defaults with arrow edges and circle nodes). " +
          'The bare page draws no edge labels, so hiding labels on move saves only the node labels here; in the explorer, which draws ' +
          'edge labels and whose sigma walks every edge on each frame to pick them, it also skips that walk (the trace table above, and ' +
          'the changes below):',
      );
      out.push('');
      out.push(
        table(
          ['lever', 'median frame before', 'after', 'gain'],
          c.levers.map((l) => [l.lever, fmt(l.beforeMs, 2), fmt(l.afterMs, 2), `${fmt(l.gainPercent, 0)}%`]),
        ),
      );
      out.push('');
    }
    if (c.forceAtlas2) {
      out.push(
        `ForceAtlas2 in its worker (graphology-layout-forceatlas2/worker) settling the curated graph (${c.forceAtlas2.nodes} nodes, ${c.forceAtlas2.edges} edges): ` +
          `${fmt(c.forceAtlas2.iterations, 0)} iterations in ${fmt(c.forceAtlas2.ms, 0)} ms until movement fell under ${c.forceAtlas2.threshold} (${c.forceAtlas2.settled ? 'settled' : 'stopped at the time cap'}).`,
      );
      out.push('');
    }
    for (const n of c.notes) out.push(`- ${n}`);
    if (c.notes.length) out.push('');
  }

  out.push('## Changes made when a target was missed');
  out.push('');
  if (r.changes.length === 0) out.push('None.');
  else
    out.push(
      table(
        ['what was changed', 'what it gained'],
        r.changes.map((x) => [x.what, x.gained]),
      ),
    );
  out.push('');
  out.push('## Notes');
  out.push('');
  for (const n of r.notes) out.push(`- ${n}`);
  out.push(
    `- Cleanup: ${
      r.cleanup.resetError
        ? `removing the \`${r.dataset.namespace}\` namespace failed after ${fmt(r.cleanup.resetSeconds)} s (${r.cleanup.resetError})`
        : `the \`${r.dataset.namespace}\` namespace was removed in ${fmt(r.cleanup.resetSeconds)} s`
    }; bench Neo4j instance stopped: ${r.cleanup.neo4jStopped ? 'yes' : 'no (--keep-neo4j)'}.`,
  );
  out.push('');
  return out.join('\n');
}

export function writeReport(dir: string, report: BenchReport): { md: string; json: string } {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, 'latest.json');
  const md = join(dir, 'latest.md');
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(md, renderMarkdown(report));
  return { md, json };
}

/**
 * The CPU budget behind the bulk-load rate: with every core on the load, the
 * rate cannot pass the cores over the CPU per relationship, and shipping the
 * rows alone already spends part of it.
 */
function shippingParagraph(ship: ShippingFloor, cores: number, target: number): string {
  const budget = (cores * 1e6) / target;
  const floor = ship.cpuUsPerRow.neo4j + ship.cpuUsPerRow.loader;
  return (
    `CPU budget: at ${fmt(target)} relationships/s, ${cores} cores leave ${fmt(round(budget, 1))} µs of CPU per relationship for Neo4j and the loader together ` +
    `(the table's CPU column gives what each step spent). Shipping alone — ${fmt(ship.rows)} of the sweep step's relationships in batches of ${ship.batchSize} through ` +
    `cypher/ship-relationships.cypher, which walks the rows and writes nothing — ran at ${fmt(ship.perSecond)} rows/s and cost ${fmt(ship.cpuUsPerRow.neo4j)} µs in Neo4j ` +
    `(Bolt decoding the parameters) and ${fmt(ship.cpuUsPerRow.loader)} µs in the loader (generating the rows, the driver packing them) per row: ` +
    `${fmt(round((100 * floor) / budget, 0))}% of the budget before any lookup or write.`
  );
}
