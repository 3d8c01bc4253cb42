/**
 * bench/lib/system — what the figures were measured on: cores, memory, load, versions, a process's RSS.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { round } from './stats';

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  freeMemoryGiB: number;
  platform: string;
  node: string;
}

export function machineInfo(): MachineInfo {
  const cpu = cpus();
  return {
    cores: cpu.length,
    cpuModel: cpu[0]?.model ?? 'unknown',
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    freeMemoryGiB: round(freemem() / 2 ** 30, 1),
    platform: `${process.platform} ${process.arch}`,
    node: process.version,
  };
}

/** The 1-, 5- and 15-minute load averages (the machine is shared: figures are read against these). */
export function loadAverage(): [number, number, number] {
  const [a, b, c] = loadavg();
  return [round(a ?? 0), round(b ?? 0), round(c ?? 0)];
}

/** Resident memory of a process in MiB, from /proc/<pid>/status (VmRSS). */
export function rssMiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
    return round(kb / 1024, 1);
  } catch {
    return NaN;
  }
}

/** Package version from node_modules (for the report). */
export function packageVersion(name: string): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL(`../../node_modules/${name}/package.json`, import.meta.url), 'utf8')) as {
      version: string;
    };
    return pkg.version;
  } catch {
    return 'unknown';
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Lets pending I/O run (the generator is synchronous; this keeps the driver's writes moving). */
export const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

export function log(msg: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

/** Clock ticks per second of /proc's CPU times (USER_HZ; 100 on Linux unless the kernel says otherwise). */
const USER_HZ = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat; NaN when it cannot be read. */
export function cpuMs(pid: number): number {
  try {
    // The command name may hold spaces; the fields after it are fixed: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  } catch {
    return NaN;
  }
}

/**
 * Waits until a process has been quiet — under `share` of one core over each of `windowMs` — or
 * `capMs` has passed. After a load Neo4j keeps working on its own (checkpoint, index updates, GC);
 * timed load that starts before it is done pays for that work on the side measured first.
 */
export async function waitForQuiet(
  pid: number,
  opts: { share?: number; windowMs?: number; capMs?: number } = {},
): Promise<{ seconds: number; quiet: boolean; lastShare: number }> {
  const { share = 0.05, windowMs = 2000, capMs = 120_000 } = opts;
  const t0 = performance.now();
  let lastShare = NaN;
  while (performance.now() - t0 < capMs) {
    const before = cpuMs(pid);
    const at = performance.now();
    await new Promise((r) => setTimeout(r, windowMs));
    lastShare = (cpuMs(pid) - before) / (performance.now() - at);
    if (!(lastShare >= share)) return { seconds: (performance.now() - t0) / 1000, quiet: true, lastShare };
  }
  return { seconds: (performance.now() - t0) / 1000, quiet: false, lastShare };
}

/** CPU time this process has used so far (user and system), in ms. */
export function selfCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** CPU used per request by each process of a run, in ms: Neo4j, the API server (API side only) and the load generator (this process). */
export interface CpuPerRequest {
  neo4j: number;
  server: number | null;
  client: number;
}

/**
 * Counts the CPU each process spends while `run` executes, divided by the requests it answered (or by
 * `cpuRequests`, when the run says its window covered the work of more requests than it timed). On a
 * machine whose cores are all busy, latency at a fixed concurrency follows the CPU a request costs in
 * every process, so this says where a side's time went. `run` calls `timed()` when its timed window
 * opens (after an untimed ramp); the count starts again from there.
 */
export async function withCpu<T extends { count: number; cpuRequests?: number }>(
  pids: { neo4j: number; server?: number },
  run: (timed: () => void) => Promise<T>,
): Promise<T & { cpuMsPerRequest: CpuPerRequest }> {
  const snapshot = () => ({ neo4j: cpuMs(pids.neo4j), server: pids.server ? cpuMs(pids.server) : NaN, client: selfCpuMs() });
  let before = snapshot();
  const result = await run(() => {
    before = snapshot();
  });
  const per = (after: number, start: number) => round((after - start) / Math.max(1, result.cpuRequests ?? result.count), 2);
  return {
    ...result,
    cpuMsPerRequest: {
      neo4j: per(cpuMs(pids.neo4j), before.neo4j),
      server: pids.server ? per(cpuMs(pids.server), before.server) : null,
      client: per(selfCpuMs(), before.client),
    },
  };
}
