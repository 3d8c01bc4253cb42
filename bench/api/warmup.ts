/**
 * bench/api/warmup — drives Neo4j with every workload until its CPU per request settles, before anything is timed.
 *
 * The JVM goes on compiling the code paths the statements take for minutes, not seconds. While it does, Neo4j
 * spends CPU at a rate of its own, and on two saturated cores that rate weighs on whichever side answers fewer
 * requests a second — the API side, whose own process takes CPU the driver loop does not — so the first
 * workload of a run read Neo4j CPU per API request up to a third above the driver loop's for the same
 * statements (search at 10k in every recorded run). Warmed until steady, the two sides read the same.
 */
import { round } from '../lib/stats';
import { withCpu } from '../lib/system';
import { runRaw } from './load';
import type { RawDb, Workload } from './workloads';

export interface WarmupOptions {
  /** Seconds of driver-loop load per workload and pass. */
  blockSeconds: number;
  /** No new pass starts after this many seconds; 0 skips the warm-up. */
  maxSeconds: number;
  /** Steady: the geometric mean over the workloads of this pass's CPU per request over the last pass's within 1 ± this. */
  tolerance: number;
  concurrency: number;
}

export interface WarmupResult {
  passes: number;
  seconds: number;
  steady: boolean;
  /** The options' tolerance the passes were held to (absent from reports written before it was recorded). */
  tolerance?: number;
  /** Neo4j CPU per request (ms) by pass, per workload. */
  neo4jMsPerRequest: Record<string, number>[];
}

/** The geometric mean of `cur[w] / prev[w]` over the workloads both measured (1 when none). */
export function passDrift(prev: Record<string, number>, cur: Record<string, number>): number {
  const ratios = Object.keys(cur)
    .filter((w) => prev[w]! > 0 && cur[w]! > 0)
    .map((w) => cur[w]! / prev[w]!);
  if (ratios.length === 0) return 1;
  return Math.exp(ratios.reduce((s, r) => s + Math.log(r), 0) / ratios.length);
}

/** Runs passes of every workload through the driver loop until two passes in a row agree, or time runs out. */
export async function warmNeo4j(raw: RawDb, list: Workload[], neo4jPid: number, opts: WarmupOptions): Promise<WarmupResult> {
  const started = performance.now();
  const passes: Record<string, number>[] = [];
  let steady = false;
  while (opts.maxSeconds > 0 && (performance.now() - started) / 1000 < opts.maxSeconds) {
    const pass: Record<string, number> = {};
    for (const w of list) {
      const run = await withCpu({ neo4j: neo4jPid }, () => runRaw(raw, w, 'raw-seq', opts.concurrency, { seconds: opts.blockSeconds }));
      pass[w.name] = run.cpuMsPerRequest.neo4j;
    }
    passes.push(pass);
    if (passes.length >= 2 && Math.abs(passDrift(passes.at(-2)!, pass) - 1) <= opts.tolerance) {
      steady = true;
      break;
    }
  }
  return {
    passes: passes.length,
    seconds: round((performance.now() - started) / 1000, 1),
    steady,
    tolerance: opts.tolerance,
    neo4jMsPerRequest: passes,
  };
}
