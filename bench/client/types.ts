/**
 * bench/client/types — what the client benchmark reports.
 */

export interface FrameRun {
  /** `1k`, `10k`, `50k` or `curated`. */
  graph: string;
  page: 'bare' | 'explorer';
  /** Which sigma settings (levers) were on. */
  settings: string;
  firstFrameMs: number;
  medianFrameMs: number;
  p95FrameMs: number;
  frames: number;
}

/** The User Timing measure page.ts writes around each timed frame, which bench/client/trace reads the trace inside. */
export const FRAME_MEASURE = 'bench-frame';

/** One page's camera-move frames split by a Chrome trace (bench/client/trace), per drawn frame, in ms. */
export interface FrameCost {
  graph: string;
  page: 'bare' | 'explorer';
  /** Timed frames found in the trace. */
  frames: number;
  /** Wall time per frame under tracing (tracing itself slows a frame down). */
  frameMs: number;
  /** The page's main thread working: sigma's render in JavaScript, encoding the WebGL commands. */
  mainThreadMs: number;
  /** The page's main thread blocked in readPixels until the GPU process has run the frame. */
  readPixelsWaitMs: number;
  /** The GPU process's main thread executing the frame's WebGL command buffers (SwiftShader, on the CPU). */
  gpuProcessMs: number;
}

export interface ClientResult {
  status: 'ok' | 'skipped' | 'failed';
  reason?: string;
  browser?: string;
  webglRenderer?: string;
  viewport: { width: number; height: number };
  edgesPerNode: number;
  runs: FrameRun[];
  comparisons: {
    graph: string;
    medianRatio: number;
    medianMet: boolean;
    firstFrameRatio: number;
    /** Only the curated graph's first frame has a target. */
    firstFrameMet?: boolean;
  }[];
  levers: { lever: string; beforeMs: number; afterMs: number; gainPercent: number }[];
  /** Where a frame's time goes, from a Chrome trace of each page at each size. */
  traces?: FrameCost[];
  forceAtlas2?: { nodes: number; edges: number; iterations: number; ms: number; threshold: number; settled: boolean };
  notes: string[];
}

/**
 * What the in-page half (bench/client/page.ts) installs as `window.__bench`: the page implements it and
 * measure.ts calls it by name, so both sides are checked against this one declaration.
 */
export interface BenchPage {
  webglRenderer(): string;
  /** Builds (once) the synthetic graph of n nodes; returns its size. */
  prepare(n: number, seed: number): { nodes: number; edges: number };
  bareFirstFrame(n: number, lever: string, width: number, height: number): number;
  bareFrames(count: number, start?: number, total?: number): number[];
  explorerFirstFrame(n: number): number;
  explorerFrames(count: number, start?: number, total?: number): number[];
  explorerStage(): { width: number; height: number };
  bareCurated(url: string, width: number, height: number): Promise<{ ms: number; nodes: number; edges: number }>;
  settleForceAtlas2(
    url: string,
    seed: number,
    threshold: number,
    capMs: number,
  ): Promise<Omit<NonNullable<ClientResult['forceAtlas2']>, 'iterations'> & { polls: number }>;
}
