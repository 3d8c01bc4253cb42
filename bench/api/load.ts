/**
 * bench/api/load — fixed-concurrency load: autocannon against the API, and a bare-driver loop at the same concurrency.
 *
 * Latencies are taken per request (autocannon's `response` event carries the
 * sub-millisecond duration), so percentiles are exact, not histogram buckets.
 * Failed requests count in the latencies too (a 5 s timeout is a 5 s answer)
 * and are reported as errors.
 *
 * Each run opens with a ramp that is not timed: requests started in it are
 * answered but left out of the figures on every side. The load tool opens all
 * its connections at once, and a Node server accepts one new connection per
 * turn of its event loop (libuv/libuv#3696: no accept loop since 2022); with the
 * loop busy answering, the 64th connection of a burst waited up to 2–3 s for
 * its accept while the server answered the others — a connection storm, not the
 * steady load at a fixed concurrency the figures stand for. The driver loop's
 * ramp (its pool growing) is left out the same way.
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
  /** Failed requests over the whole run, ramp included. */
  errors: number;
  /** Share of answers that were empty (no hit, no path), ramp included. */
  emptyShare: number;
  loadAvg1: number;
  /** Set when the figure comes from a fixed number of requests (the endpoint was slower than the time window). */
  boundedBy?: 'count';
  /** The first error's message, when there were errors. */
  errorSample?: string;
  /** CPU each process spent per request during the run (bench/lib/system withCpu); absent in reports older than it. */
  cpuMsPerRequest?: CpuPerRequest;
  /** Seconds at the start of the run whose requests were not timed; absent in reports older than it. */
  rampSeconds?: number;
  /** The parameter indices k of the timed requests, [from, to); absent in reports older than it. */
  requests?: RequestRange;
  /** With rounds, each slice's timed range in round order (`requests` is then their span). */
  ranges?: RequestRange[];
  /**
   * Requests whose whole work the CPU figures cover, when not `count`: an API run waited on by its caller until
   * the server was quiet also covers the requests autocannon left in flight (see runApi); a driver-loop run
   * given the API's requests also covers the untimed ones that kept its load up (see runRaw).
   */
  cpuRequests?: number;
  /**
   * Answers, timed or not, within `seconds`, when that span also holds untimed ones: a run that ends on its last
   * timed answer (an API run for a count, a driver loop given the API's requests) starts timing while the
   * requests written before are still out, so its timed count alone over the span understates the rate by up
   * to `concurrency` requests (a third, for a count of 2 × concurrency). Absent in reports older than it.
   */
  answered?: number;
  /** Interleaved rounds the figure pools (bench/api/rounds); absent in reports older than them (one run per side). */
  rounds?: number;
}

/** One run with every latency it timed, so that runs of one side can be pooled (bench/api/rounds). */
export interface TimedRun extends RunResult {
  latencies: number[];
}

/** Requests k in [from, to) are timed; those before `from` are the ramp. */
export interface RequestRange {
  from: number;
  to: number;
}

/** How long a run lasts: `seconds` timed after `rampSeconds` untimed; `onTimed` is called when timing starts. */
export interface RunWindow {
  seconds: number;
  rampSeconds?: number;
  onTimed?: () => void;
}

/** A moment of a run: when it was, and how many answers had come by then. */
interface Mark {
  at: number;
  answered: number;
}

/**
 * A timed span that closes on its last timed answer (a run for a count, a driver loop given the API's requests):
 * its length and every answer in it, the untimed ones still out when it opened too (RunResult.answered). While
 * that answer has not come, the span runs to `now`.
 */
function spanOf(open: Mark, close: Mark | undefined, now: Mark): { seconds: number; answered: number } {
  const end = close ?? now;
  return { seconds: Math.max(0.001, (end.at - open.at) / 1000), answered: end.answered - open.answered };
}

/** Calls `onTimed` once the ramp is over (at once without one); returns a canceller. */
function atRampEnd(window: RunWindow): () => void {
  const rampMs = (window.rampSeconds ?? 0) * 1000;
  if (rampMs <= 0) {
    window.onTimed?.();
    return () => {};
  }
  const timer = setTimeout(() => window.onTimed?.(), rampMs);
  return () => clearTimeout(timer);
}

/**
 * The API under autocannon for the window; request k of the run uses the workload's parameters k.
 * The requests written within the window are timed, and the load goes on, untimed, until each of them
 * has answered (see runApiOnce). An endpoint slower than the window would start too few requests in it
 * for a figure: then it runs again for a count instead — the 2 × concurrency requests written after
 * the first burst (one per connection: the connection set-up the ramp stands for) are timed, and the
 * load goes on, untimed, until each of them has answered, as in the window. A timed ramp would not do
 * there: an endpoint only briefly slower than the window can answer the whole count within the ramp
 * and leave nothing timed.
 */
export async function runApi(baseUrl: string, workload: Workload, concurrency: number, window: RunWindow): Promise<TimedRun> {
  const ramp = window.rampSeconds ?? 0;
  const timed = await runApiOnce(baseUrl, workload, concurrency, { duration: window.seconds, ramp }, window);
  if (timed.count >= 2 * concurrency) return timed;
  const counted = await runApiOnce(baseUrl, workload, concurrency, { timed: 2 * concurrency, ramp }, window);
  return { ...counted, boundedBy: 'count' };
}

/** How long a run for a count may go on, should a timed request never answer. */
const COUNT_CAP_SECONDS = 120;

async function runApiOnce(
  baseUrl: string,
  workload: Workload,
  concurrency: number,
  bound: { duration?: number; timed?: number; ramp: number },
  window: RunWindow,
): Promise<TimedRun> {
  let k = 0;
  let empty = 0;
  let answered = 0;
  let errors = 0;
  let errorSample: string | undefined;
  const latencies: number[] = [];
  const started = performance.now();
  // Requests are numbered as they are written, so those numbered from the ramp's end on started after it.
  let kAtRampEnd = 0;
  const rampByCount = bound.timed !== undefined && bound.ramp > 0;
  // Run for a count, the timed requests are the `timed` written after the ramp's (one per connection), by number.
  const firstTimed = rampByCount ? concurrency : 0;
  const timedByNumber = bound.timed !== undefined ? { from: firstTimed, to: firstTimed + bound.timed } : undefined;
  // Run for a count, the span the rate covers: from the ramp's end to the last timed answer.
  let opened: Mark = { at: started, answered: 0 };
  let closed: Mark | undefined;
  let rampEndsAt = rampByCount ? Infinity : started + bound.ramp * 1000;
  // With a duration, the timed requests are those written in [ramp end, window end). Each of them runs under
  // the full concurrency, as the driver loop's do (runRaw): autocannon goes on writing untimed requests until
  // the last timed one has answered, then stops and drops what is in flight. Timing whatever had answered when
  // autocannon stopped would leave out the requests still out then — the slow ones most — and, for a slow
  // workload (a 500-node view, a depth-2 neighbourhood at 64), keep mostly the API's faster answers.
  const windowMs = bound.duration !== undefined ? bound.duration * 1000 : Infinity;
  let windowEndsAt = rampByCount ? Infinity : rampEndsAt + windowMs;
  let timedWritten = 0;
  let lastWasTimed = false;
  let instance: autocannon.Instance | undefined;
  // Run for a count, the same rule holds: the load stays up, untimed, until the last timed request has answered.
  // (An autocannon `amount` would let it drain, and time the last requests with fewer and fewer rivals.)
  const allWritten = () => (timedByNumber ? timedWritten === timedByNumber.to - timedByNumber.from : performance.now() >= windowEndsAt);
  const settle = () => {
    if (allWritten() && latencies.length === timedWritten) {
      closed = { at: performance.now(), answered };
      instance?.stop();
    }
  };
  let windowTimer: ReturnType<typeof setTimeout> | undefined;
  const endRamp = () => {
    kAtRampEnd = k;
    rampEndsAt = performance.now();
    opened = { at: rampEndsAt, answered };
    if (!rampByCount) {
      windowEndsAt = rampEndsAt + windowMs;
      // A timer can fire a fraction of a millisecond before performance.now() reaches its mark: the window closes
      // when it fires, or a window with nothing timed in it (no answer left to settle it) ran on to the cap.
      if (Number.isFinite(windowMs))
        windowTimer = setTimeout(() => {
          windowEndsAt = Math.min(windowEndsAt, performance.now());
          settle();
        }, windowMs);
    }
    window.onTimed?.();
  };
  const cancelRamp = rampByCount ? () => {} : atRampEnd({ ...window, onTimed: endRamp });
  type Context = { timed?: boolean };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: baseUrl,
        connections: concurrency,
        // The timed requests' answers end the run (settle); the duration only bounds it if one never comes.
        duration: (bound.duration ?? COUNT_CAP_SECONDS) + bound.ramp + 30,
        // autocannon acts on stop() at its next sample, every sampleInt ms.
        sampleInt: 50,
        timeout: 30,
        requests: [
          {
            method: 'GET',
            setupRequest: (req, context: Context) => {
              if (rampByCount && k === concurrency) endRamp();
              if (timedByNumber) context.timed = k >= timedByNumber.from && k < timedByNumber.to;
              else {
                const now = performance.now();
                context.timed = now >= rampEndsAt && now < windowEndsAt;
              }
              if (context.timed) timedWritten++;
              return { ...req, path: workload.path(k++) };
            },
            onResponse: (status, body, context: Context) => {
              answered++;
              // autocannon emits the answer's 'response' event (with its latency) right after this call.
              lastWasTimed = context.timed === true;
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
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
      if (!lastWasTimed) return;
      lastWasTimed = false;
      latencies.push(ms);
      settle();
    });
  });
  cancelRamp();
  clearTimeout(windowTimer);
  // In the window, the timed requests over the window are the rate; run for a count, every answer in the span is
  // (the first burst's untimed requests are still out when it opens).
  const span =
    bound.duration !== undefined
      ? { seconds: bound.duration, answered: undefined }
      : spanOf(opened, closed, { at: performance.now(), answered });
  return {
    side: 'api',
    workload: workload.name,
    concurrency,
    seconds: span.seconds,
    ...summarize(latencies, span.seconds, span.answered),
    ...(span.answered !== undefined ? { answered: span.answered } : {}),
    errors: errors + result.errors + result.timeouts,
    emptyShare: answered ? Math.round((empty / answered) * 1000) / 1000 : 0,
    loadAvg1: loadAverage()[0],
    ...(bound.ramp ? { rampSeconds: bound.ramp } : {}),
    // Requests are written in the order they are numbered, so the timed ones are a range.
    requests: { from: kAtRampEnd, to: kAtRampEnd + latencies.length },
    // k counts the requests written (autocannon builds the next one only to write it): every one from the ramp's
    // end on ran in the window the CPU is counted over — the untimed ones after the window too, answered or left
    // in flight (the server finishes those it has started, and a caller that waits for that counts their CPU with
    // the timed ones). A request still queued for a large-answer slot when its client goes is dropped, not built;
    // under a steady load as many were queued, and built in the window, when the ramp ended.
    cpuRequests: Math.max(latencies.length, k - kAtRampEnd),
    ...(errorSample ? { errorSample } : {}),
    latencies,
  };
}

/**
 * `concurrency` workers calling `fn` back to back; call k gets parameters k. With `requests` the
 * workers time exactly those requests (the ones the API side timed, so both sides time the same
 * parameters — hubs and cheap leaves alike), the ones before `requests.from` untimed, and keep the
 * load up with untimed requests after `requests.to` until every timed one has answered; without it,
 * they run for the window.
 */
export async function runRaw(
  db: RawDb,
  workload: Workload,
  side: 'raw-seq' | 'raw-one',
  concurrency: number,
  window: RunWindow,
  requests?: RequestRange,
): Promise<TimedRun> {
  const fn = side === 'raw-seq' ? workload.rawSeq : workload.rawOne;
  let k = 0;
  let empty = 0;
  let errors = 0;
  let answered = 0;
  let errorSample: string | undefined;
  const latencies: number[] = [];
  const ramp = window.rampSeconds ?? 0;
  const started = performance.now();
  // By the clock, the ramp ends after `ramp` seconds; by request, at request `requests.from`.
  const timedFrom = started + ramp * 1000;
  const end = timedFrom + window.seconds * 1000;
  // Given requests, the span the rate covers: from the first timed request to the last timed answer.
  let opened: Mark = { at: started, answered: 0 };
  let closed: Mark | undefined;
  const openWindow = () => {
    opened = { at: performance.now(), answered };
    window.onTimed?.();
  };
  const cancelRamp = requests ? () => {} : atRampEnd({ ...window, onTimed: openWindow });
  // Every timed request runs under the full concurrency, as on the API side (runApiOnce). Stopping at
  // requests.to instead would time the last `concurrency` requests as the load drains, each with fewer
  // rivals than the one before: for a slow workload (a 500-node view, about 35 timed requests per slice
  // at 16) that tail was a large share of the driver loop's figures and lowered its p50 against the API's.
  let timedLeft = requests ? Math.max(0, requests.to - requests.from) : 0;
  const more = requests ? () => k < requests.to || timedLeft > 0 : () => performance.now() < end;
  const worker = async () => {
    while (more()) {
      const i = k++;
      if (requests && i === requests.from) openWindow();
      const t = performance.now();
      try {
        if ((await fn(db, i)).empty) empty++;
      } catch (err) {
        errors++;
        errorSample ??= String(err instanceof Error ? err.message : err).slice(0, 200);
      }
      answered++;
      if (requests) {
        if (i < requests.from || i >= requests.to) continue;
        latencies.push(performance.now() - t);
        if (--timedLeft === 0) closed = { at: performance.now(), answered };
      } else if (t >= timedFrom) latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  cancelRamp();
  const now = performance.now();
  // Given requests, the span opens with up to `concurrency` untimed ones still out: the rate counts every answer in it.
  const span = requests ? spanOf(opened, closed, { at: now, answered }) : { seconds: (now - started) / 1000 - ramp, answered: undefined };
  return {
    side,
    workload: workload.name,
    concurrency,
    seconds: span.seconds,
    ...summarize(latencies, span.seconds, span.answered),
    ...(span.answered !== undefined ? { answered: span.answered } : {}),
    errors,
    emptyShare: answered ? Math.round((empty / answered) * 1000) / 1000 : 0,
    loadAvg1: loadAverage()[0],
    ...(ramp ? { rampSeconds: ramp } : {}),
    // The CPU meter runs from the first timed request to the last answer, untimed ones after them included.
    ...(requests ? { requests, cpuRequests: Math.max(latencies.length, k - requests.from) } : {}),
    ...(errorSample ? { errorSample } : {}),
    latencies,
  };
}
