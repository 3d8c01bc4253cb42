/**
 * bench/client/trace — where a camera-move frame's time goes, from a Chrome performance trace.
 *
 * Frame time under SwiftShader is mostly not the page's own work: a frame ends with a 1-pixel readPixels,
 * which blocks the page's main thread until the GPU process has run every WebGL command of the frame on
 * the CPU. The trace splits the frame accordingly: the main thread's own work (sigma's render in
 * JavaScript, encoding the WebGL commands), its wait in readPixels, and the GPU process's main thread
 * executing the command buffers. Read beside the bare page's split, it says whether a difference between
 * the pages is the explorer's code or the pixels both pages draw.
 */
import type { Browser, Page } from 'playwright-core';
import { FRAME_MEASURE, type FrameCost } from './types';

/** Enough for the events below; the default set adds layout and paint events the frames do not need. */
export const TRACE_CATEGORIES = ['blink.user_timing', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'gpu'];

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

/** Total length (µs) of the union of [start, end) intervals in µs, clipped to [from, to). */
function covered(intervals: readonly (readonly [number, number])[], from: number, to: number): number {
  const clipped = intervals
    .map(([s, e]) => [Math.max(s, from), Math.min(e, to)] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let start = -Infinity;
  let end = -Infinity;
  for (const [s, e] of clipped) {
    if (s > end) {
      if (end > start) total += end - start;
      start = s;
      end = e;
    } else end = Math.max(end, e);
  }
  if (end > start) total += end - start;
  return total;
}

/**
 * Splits the timed frames of a trace: each is the span of a FRAME_MEASURE measure (page.ts marks every timed
 * frame, so the reset frame before a camera path, which draws the edges, stays out). Averages per frame.
 */
export function summarizeTrace(trace: unknown): Omit<FrameCost, 'graph' | 'page'> {
  const events = ((trace as { traceEvents?: TraceEvent[] }).traceEvents ?? (Array.isArray(trace) ? trace : [])) as TraceEvent[];
  const threadNames = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name) threadNames.set(`${e.pid}:${e.tid}`, e.args.name);
  const on = (e: TraceEvent, thread: string) => threadNames.get(`${e.pid}:${e.tid}`) === thread;
  const measures = events.filter((e) => e.name === FRAME_MEASURE);
  const begins = measures.filter((e) => e.ph === 'b').sort((a, b) => a.ts - b.ts);
  const ends = measures.filter((e) => e.ph === 'e').sort((a, b) => a.ts - b.ts);
  if (begins.length === 0 || begins.length !== ends.length) {
    throw new Error(
      `bench trace: ${begins.length} frame starts and ${ends.length} ends marked — was the page traced while it drew its frames?`,
    );
  }
  const frames = begins.map((b, i) => [b.ts, ends[i]!.ts] as const);
  const page = begins[0]!.pid;
  const spans = (name: string, thread: string, pid?: number) =>
    events
      .filter((e) => e.ph === 'X' && e.name === name && typeof e.dur === 'number' && on(e, thread) && (pid === undefined || e.pid === pid))
      .map((e) => [e.ts, e.ts + e.dur!] as const);
  const waits = spans('GLES2::ReadPixels', 'CrRendererMain', page);
  const gpu = spans('GPUTask', 'CrGpuMain');
  let wall = 0;
  let wait = 0;
  let busy = 0;
  for (const [from, to] of frames) {
    wall += to - from;
    wait += covered(waits, from, to);
    busy += covered(gpu, from, to);
  }
  const perFrame = (us: number) => Math.round(us / frames.length / 10) / 100;
  return {
    frames: frames.length,
    frameMs: perFrame(wall),
    mainThreadMs: perFrame(wall - wait),
    readPixelsWaitMs: perFrame(wait),
    gpuProcessMs: perFrame(busy),
  };
}

/** Traces `run`, which draws timed frames in `page`, and splits their time (see summarizeTrace). */
export async function traceFrames(browser: Browser, page: Page, run: () => Promise<unknown>) {
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  let buffer: Buffer;
  try {
    await run();
  } finally {
    // Stopped whatever happens: a browser left tracing refuses the next startTracing.
    buffer = await browser.stopTracing();
  }
  return summarizeTrace(JSON.parse(buffer.toString('utf8')));
}
