/**
 * bench/api/load — fixed-concurrency load: autocannon against the API, and a bare-driver loop at the same concurrency.
 *
 * Latencies are taken per request (autocannon's `response` event carries the
 * sub-millisecond duration), so percentiles are exact, not histogram buckets.
 * Failed requests count in the latencies too (a 5 s timeout is a 5 s answer)
 * and are reported as errors.
 */
import autocannon from 'autocannon';
import { type CpuPerRequest, loadAverage } from '../lib/system';
import { type LatencySummary, summarize } from '../lib/stats';
import type { RawDb, Workload } from './workloads';

export type Side = 'api' | 'raw-seq' | 'raw-one';

export interface RunResult extends LatencySummary {
  side: Side;
  workload: string;
  concurrency: number;
  seconds: number;
  errors: number;
  /** Share of answers that were empty (no hit, no path). */
  emptyShare: number;
  loadAvg1: number;
  /** Set when the figure comes from a fixed number of requests (the endpoint was slower than the time window). */
  boundedBy?: 'count';
  /** The first error's message, when there were errors. */
  errorSample?: string;
  /** CPU each process spent per request during the run (bench/lib/system withCpu); absent in reports older than it. */
  cpuMsPerRequest?: CpuPerRequest;
}

/**
 * The API under autocannon for `seconds`; request k of the run uses the workload's parameters k.
 * autocannon drops the requests still in flight when the time is up, so an endpoint slower than the
 * window would give no figure: then it runs again for a fixed count (2 × concurrency) instead.
 */
export async function runApi(baseUrl: string, workload: Workload, concurrency: number, seconds: number): Promise<RunResult> {
  const timed = await runApiOnce(baseUrl, workload, concurrency, { duration: seconds });
  if (timed.count >= 2 * concurrency) return timed;
  return { ...(await runApiOnce(baseUrl, workload, concurrency, { amount: 2 * concurrency })), boundedBy: 'count' };
}

async function runApiOnce(
  baseUrl: string,
  workload: Workload,
  concurrency: number,
  bound: { duration?: number; amount?: number },
): Promise<RunResult> {
  let k = 0;
  let empty = 0;
  let answered = 0;
  let errors = 0;
  let errorSample: string | undefined;
  const latencies: number[] = [];
  const started = performance.now();
  let instance: autocannon.Instance | undefined;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: baseUrl,
        connections: concurrency,
        ...bound,
        timeout: 30,
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => ({ ...req, path: workload.path(k++) }),
            onResponse: (status, body) => {
              answered++;
              if (status < 200 || status >= 300) {
                errors++;
                errorSample ??= `${status} ${body.slice(0, 200)}`;
              } else if (workload.emptyBody?.(body)) empty++;
            },
          },
        ],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  });
  void instance;
  const elapsed = bound.duration ? Math.max(bound.duration, (performance.now() - started) / 1000) : (performance.now() - started) / 1000;
  return {
    side: 'api',
    workload: workload.name,
    concurrency,
    seconds: elapsed,
    ...summarize(latencies, elapsed),
    errors: errors + result.errors + result.timeouts,
    emptyShare: answered ? Math.round((empty / answered) * 1000) / 1000 : 0,
    loadAvg1: loadAverage()[0],
    ...(errorSample ? { errorSample } : {}),
  };
}

/** `concurrency` workers calling `fn` back to back for `seconds`; call k gets parameters k. */
export async function runRaw(
  db: RawDb,
  workload: Workload,
  side: 'raw-seq' | 'raw-one',
  concurrency: number,
  seconds: number,
): Promise<RunResult> {
  const fn = side === 'raw-seq' ? workload.rawSeq : workload.rawOne;
  let k = 0;
  let empty = 0;
  let errors = 0;
  let errorSample: string | undefined;
  const latencies: number[] = [];
  const started = performance.now();
  const end = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const i = k++;
      const t = performance.now();
      try {
        if ((await fn(db, i)).empty) empty++;
      } catch (err) {
        errors++;
        errorSample ??= String(err instanceof Error ? err.message : err).slice(0, 200);
      }
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  return {
    side,
    workload: workload.name,
    concurrency,
    seconds: elapsed,
    ...summarize(latencies, elapsed),
    errors,
    emptyShare: latencies.length ? Math.round((empty / latencies.length) * 1000) / 1000 : 0,
    loadAvg1: loadAverage()[0],
    ...(errorSample ? { errorSample } : {}),
  };
}
