/**
 * bench/api/rounds — the three sides of one figure measured in interleaved rounds and pooled.
 *
 * On this machine the CPU time the very same requests cost moves by up to 2× between two 6 s
 * windows a few seconds apart (the host's other tenants, the JVM still compiling a workload's
 * code): measured one after another in a fixed order, the sides of a figure were timed on two
 * different machines, and the side timed first — always the API — took whatever the first
 * window held. Each side now runs in `rounds` slices whose order turns every round in an ABBA
 * pattern (api, raw-seq, raw-one | raw-one, raw-seq, api | the same reversed | forward …), so
 * that a drift steady over the figure's time falls on every side alike, and each side's slices
 * are pooled into one figure: every timed latency, CPU per request weighted by requests.
 */
import type { RequestRange, RunResult, RunWindow, Side, TimedRun } from './load';
import { round, summarize } from '../lib/stats';

/** Forward in rounds 0, 3, 4, 7, … and reversed in 1, 2, 5, 6, …: ABBA over every four rounds. */
export function sideOrder(roundIndex: number): Side[] {
  const forward = roundIndex % 4 === 0 || roundIndex % 4 === 3;
  return forward ? ['api', 'raw-seq', 'raw-one'] : ['raw-one', 'raw-seq', 'api'];
}

/** One slice of a side. The raw sides answer the requests the API side timed most recently. */
export interface SideRunners {
  /** An API slice; it returns once the server has finished what autocannon left in flight (bench/run.ts waits for that). */
  api(window: RunWindow): Promise<TimedRun>;
  raw(side: 'raw-seq' | 'raw-one', window: RunWindow, requests: RequestRange | undefined): Promise<TimedRun>;
}

/**
 * Runs `rounds` rounds of the three sides, each slice timed for `window.seconds / rounds`,
 * and gives each side's pooled figure, API first. Round 0 always starts with the API, so the raw
 * sides have a request range from the first round on.
 */
export async function measureSides(runners: SideRunners, window: RunWindow, rounds: number): Promise<RunResult[]> {
  const n = Math.max(1, Math.floor(rounds));
  const slice: RunWindow = { ...window, seconds: window.seconds / n };
  const slices: Record<Side, TimedRun[]> = { api: [], 'raw-seq': [], 'raw-one': [] };
  let lastRange: RequestRange | undefined;
  for (let r = 0; r < n; r++) {
    for (const side of sideOrder(r)) {
      if (side === 'api') {
        const run = await runners.api(slice);
        lastRange = run.requests;
        slices.api.push(run);
      } else {
        slices[side].push(await runners.raw(side, slice, lastRange));
      }
    }
  }
  return (['api', 'raw-seq', 'raw-one'] as const).map((side) => ({ ...pool(slices[side]), rounds: n }));
}

/** Pools slices of one side into one figure (percentiles over every latency the slices timed). */
export function pool(slices: TimedRun[]): RunResult {
  const first = slices[0];
  if (!first) throw new Error('bench rounds: pool() needs at least one slice');
  if (slices.length === 1) {
    const { latencies, ...only } = first;
    void latencies;
    return only;
  }
  const latencies = slices.flatMap((s) => s.latencies);
  const seconds = slices.reduce((a, s) => a + s.seconds, 0);
  const count = slices.reduce((a, s) => a + s.count, 0);
  // The rate pools as answers over time; a slice that counted its untimed answers gives those (RunResult.answered).
  const answered = slices.reduce((a, s) => a + (s.answered ?? s.count), 0);
  const weighted = (value: (s: TimedRun) => number) => (count ? slices.reduce((a, s) => a + value(s) * s.count, 0) / count : 0);
  // CPU per request is each slice's CPU over the requests it covered: weighted by those, it pools to total over total.
  const covered = (s: TimedRun) => s.cpuRequests ?? s.count;
  const coveredAll = slices.reduce((a, s) => a + covered(s), 0);
  const cpuWeighted = (value: (s: TimedRun) => number) =>
    coveredAll ? slices.reduce((a, s) => a + value(s) * covered(s), 0) / coveredAll : 0;
  const cpu = slices.every((s) => s.cpuMsPerRequest) ? slices.map((s) => s.cpuMsPerRequest!) : null;
  const ranges = slices.map((s) => s.requests).filter((x): x is RequestRange => !!x);
  const boundedBy = slices.find((s) => s.boundedBy)?.boundedBy;
  const errorSample = slices.find((s) => s.errorSample)?.errorSample;
  return {
    side: first.side,
    workload: first.workload,
    concurrency: first.concurrency,
    seconds,
    ...summarize(latencies, seconds, answered),
    ...(slices.some((s) => s.answered !== undefined) ? { answered } : {}),
    errors: slices.reduce((a, s) => a + s.errors, 0),
    ...(slices.some((s) => s.cpuRequests !== undefined) ? { cpuRequests: coveredAll } : {}),
    emptyShare: round(
      weighted((s) => s.emptyShare),
      3,
    ),
    loadAvg1: round(slices.reduce((a, s) => a + s.loadAvg1, 0) / slices.length),
    ...(cpu
      ? {
          cpuMsPerRequest: {
            neo4j: round(cpuWeighted((s) => s.cpuMsPerRequest!.neo4j)),
            server: cpu.every((c) => c.server !== null) ? round(cpuWeighted((s) => s.cpuMsPerRequest!.server!)) : null,
            client: round(cpuWeighted((s) => s.cpuMsPerRequest!.client)),
          },
        }
      : {}),
    ...(first.rampSeconds ? { rampSeconds: first.rampSeconds } : {}),
    // Every API slice starts again at parameter 0, so the slices' ranges nearly coincide: their span.
    ...(ranges.length
      ? { requests: { from: Math.min(...ranges.map((x) => x.from)), to: Math.max(...ranges.map((x) => x.to)) }, ranges }
      : {}),
    ...(boundedBy ? { boundedBy } : {}),
    ...(errorSample ? { errorSample } : {}),
  };
}
