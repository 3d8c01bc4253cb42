/**
 * bench/lib/args — the benchmark's options: a mode (full, --quick, --smoke) and overrides.
 */

export interface BenchOptions {
  mode: 'full' | 'quick' | 'smoke';
  out: string;
  seed: number;
  /** Graph sizes, grown in turn (each is a superset of the last). */
  sizes: number[];
  relsPerNode: number;
  /** Timed seconds of load per workload, concurrency and side, split over `rounds`. */
  seconds: number;
  /** Interleaved rounds per figure, the sides' order turning every round (bench/api/rounds). */
  rounds: number;
  /** Seconds at the start of each run whose requests are not timed (connections opening; bench/api/load). */
  rampSeconds: number;
  warmupSeconds: number;
  /**
   * Before the first timed figure, passes of every workload through the driver loop until Neo4j's CPU per
   * request settles (bench/api/warmup): seconds per workload and pass, the most seconds to spend, and how far
   * two passes may differ (geometric mean of the per-workload ratios, as a fraction) to count as settled.
   */
  neo4jWarmup: { blockSeconds: number; maxSeconds: number; tolerance: number };
  concurrency: number[];
  /** Graph size at which the batch-size sweep runs, and its candidates. */
  sweepAt: number;
  sweepSizes: number[];
  sweepRows: number;
  nodeBatch: number;
  /** Size at which the three memory rounds run, and seconds per workload in each. */
  memoryAt: number;
  memorySeconds: number;
  /** Client graph sizes (visible nodes). */
  clientSizes: number[];
  clientFrames: number;
  keepNeo4j: boolean;
  keepData: boolean;
  skipClient: boolean;
  skipImport: boolean;
  skipApi: boolean;
}

const MODES: Record<
  BenchOptions['mode'],
  Omit<BenchOptions, 'out' | 'keepNeo4j' | 'keepData' | 'skipClient' | 'skipImport' | 'skipApi'>
> = {
  full: {
    mode: 'full',
    seed: 20240521,
    sizes: [10_000, 100_000, 1_000_000],
    relsPerNode: 5,
    seconds: 6,
    // Four 1.5 s slices per side, ABBA: the machine's speed drifts by more than the ratio bar within a figure.
    rounds: 4,
    rampSeconds: 1,
    // The API process has far more code to compile than the driver loop, and each workload runs Neo4j code
    // (shortestPath, full-text, expansions) the JVM has not compiled yet: 3 s left the side timed first
    // paying for that (Neo4j CPU per request up to 45% above the same requests on the raw side).
    warmupSeconds: 8,
    // Search at 10k, warmed 8 s, read 37 ms of Neo4j CPU per request in its first seconds of load, 4–8 after a
    // minute and 3.2–3.6 after three, where the API and the driver loop read the same.
    neo4jWarmup: { blockSeconds: 4, maxSeconds: 240, tolerance: 0.1 },
    // 1: a request alone, what the API adds without queueing (the absolute aims read it too); 16 and 64: under load.
    concurrency: [1, 16, 64],
    sweepAt: 100_000,
    sweepSizes: [1000, 2500, 5000, 10000, 20000],
    sweepRows: 40_000,
    nodeBatch: 5000,
    memoryAt: 100_000,
    memorySeconds: 4,
    clientSizes: [1000, 10_000, 50_000],
    clientFrames: 40,
  },
  quick: {
    mode: 'quick',
    seed: 20240521,
    sizes: [10_000],
    relsPerNode: 5,
    seconds: 3,
    rounds: 2,
    rampSeconds: 1,
    warmupSeconds: 5,
    neo4jWarmup: { blockSeconds: 3, maxSeconds: 60, tolerance: 0.1 },
    concurrency: [16, 64],
    sweepAt: 10_000,
    sweepSizes: [1000, 2500, 5000],
    sweepRows: 6000,
    nodeBatch: 5000,
    memoryAt: 10_000,
    memorySeconds: 1,
    clientSizes: [1000],
    clientFrames: 20,
  },
  smoke: {
    mode: 'smoke',
    seed: 20240521,
    sizes: [2000],
    relsPerNode: 5,
    seconds: 1,
    rounds: 2,
    rampSeconds: 0.5,
    warmupSeconds: 0.5,
    neo4jWarmup: { blockSeconds: 0.5, maxSeconds: 1, tolerance: 0.1 },
    concurrency: [4],
    sweepAt: 2000,
    sweepSizes: [1000, 2500],
    sweepRows: 2000,
    nodeBatch: 2000,
    memoryAt: 2000,
    memorySeconds: 0.5,
    clientSizes: [1000],
    clientFrames: 10,
  },
};

function numbers(v: string): number[] {
  return v
    .split(',')
    .map((s) => Number(s.trim().replace(/k$/i, '000').replace(/m$/i, '000000')))
    .filter((n) => Number.isFinite(n) && n > 0);
}

export const USAGE = `npm run bench [-- options]
  --quick              10k nodes, short loads, 1k-node client graph (a few minutes)
  --smoke              2k nodes, 1 s loads (the smallest complete report)
  --out DIR            where latest.md/latest.json go (default bench/results)
  --sizes 10k,100k,1m  graph sizes, grown in turn
  --seconds N          timed load per workload, concurrency and side
  --rounds N           interleaved rounds the seconds are split over (sides' order turning each round)
  --concurrency 16,64
  --client-sizes 1000,10000,50000
  --seed N
  --keep-neo4j         leave the bench Neo4j instance running
  --keep-data          leave the synthetic namespace in it
  --skip-client | --skip-import | --skip-api`;

export function parseArgs(argv: string[], defaultOut: string): BenchOptions {
  const mode = argv.includes('--smoke') ? 'smoke' : argv.includes('--quick') ? 'quick' : 'full';
  const opts: BenchOptions = {
    ...MODES[mode],
    out: defaultOut,
    keepNeo4j: false,
    keepData: false,
    skipClient: false,
    skipImport: false,
    skipApi: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`bench: ${a} needs a value\n${USAGE}`);
      return v;
    };
    switch (a) {
      case '--quick':
      case '--smoke':
        break;
      case '--out':
        opts.out = next();
        break;
      case '--sizes':
        opts.sizes = numbers(next()).sort((x, y) => x - y);
        opts.sweepAt = opts.sizes.find((s) => s >= opts.sweepAt) ?? opts.sizes[opts.sizes.length - 1]!;
        opts.memoryAt = opts.sizes.includes(opts.memoryAt) ? opts.memoryAt : opts.sizes[0]!;
        break;
      case '--seconds':
        opts.seconds = Number(next());
        break;
      case '--rounds':
        opts.rounds = Math.max(1, Math.floor(Number(next())) || 1);
        break;
      case '--concurrency':
        opts.concurrency = numbers(next());
        break;
      case '--client-sizes':
        opts.clientSizes = numbers(next());
        break;
      case '--seed':
        opts.seed = Number(next());
        break;
      case '--keep-neo4j':
        opts.keepNeo4j = true;
        break;
      case '--keep-data':
        opts.keepData = true;
        break;
      case '--skip-client':
        opts.skipClient = true;
        break;
      case '--skip-import':
        opts.skipImport = true;
        break;
      case '--skip-api':
        opts.skipApi = true;
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`bench: unknown option ${a}\n${USAGE}`);
    }
  }
  return opts;
}
