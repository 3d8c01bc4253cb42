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
  forceAtlas2?: { nodes: number; edges: number; iterations: number; ms: number; threshold: number; settled: boolean };
  notes: string[];
}
