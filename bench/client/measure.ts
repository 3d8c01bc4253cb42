/**
 * bench/client/measure — the explorer and a bare sigma page in headless Chromium, side by side in one run.
 *
 * Chromium is Debian's /usr/bin/chromium driven by playwright-core (the
 * end-to-end tests' setup; WebGL there is SwiftShader on the CPU, so only
 * ratios compare). The in-page half is page.ts, bundled here with Vite and
 * added to both pages: the explorer (dist/client, served by the API server,
 * reached through its window.__explorer test hook) and a bare page on the
 * same origin drawing the same graph with the same programs and the
 * levers the explorer switches on at that size (client/src/render/scale).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describeLevers, scaleLevers } from '../../client/src/render/scale';
import { CHROMIUM, launchChromium } from '../../scripts/chromium';
import { ROOT } from '../../scripts/neo4j/local';
import { median, quantile, round } from '../lib/stats';
import { log } from '../lib/system';
import { traceFrames } from './trace';
import type { BenchPage, ClientResult, FrameRun } from './types';

const VIEWPORT = { width: 1280, height: 800 };
const LEVERS = ['base', 'hideEdgesOnMove', 'hideLabelsOnMove', 'labelDensity', 'lightPrograms', 'all'] as const;
const LEVER_NAMES: Record<(typeof LEVERS)[number], string> = {
  base: 'sigma defaults, arrow edges, circle nodes',
  hideEdgesOnMove: 'hideEdgesOnMove',
  hideLabelsOnMove: 'hideLabelsOnMove',
  labelDensity: 'labelDensity 0.2 + labelRenderedSizeThreshold 12',
  lightPrograms: 'lighter programs (EdgeLineProgram, NodePointProgram)',
  all: 'all of the above',
};

/** The bare page's settings when it stands beside the explorer: sigma's defaults plus the explorer's own levers at this size. */
function besideExplorer(edges: number): string {
  const levers = describeLevers(scaleLevers({ size: edges }));
  return levers === 'none' ? LEVER_NAMES.base : `${LEVER_NAMES.base} + the explorer's levers at this size: ${levers}`;
}

/** Records the explorer's first complete frame with the graph in it (init script, before the page's own code). */
const FIRST_FRAME_HOOK = `(() => {
  let hook;
  window.__benchFirstFrame = null;
  Object.defineProperty(window, '__explorer', {
    configurable: true,
    get() { return hook; },
    set(v) {
      hook = v;
      const tick = () => {
        const s = hook.sigma;
        if (!s) { requestAnimationFrame(tick); return; }
        s.on('afterRender', () => {
          if (window.__benchFirstFrame || hook.graph.order === 0) return;
          const buf = new Uint8Array(4);
          for (const gl of Object.values(s.webGLContexts)) gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, buf);
          window.__benchFirstFrame = { t: performance.now(), order: hook.graph.order, size: hook.graph.size };
        });
      };
      tick();
    },
  });
})();`;

async function bundle(dir: string): Promise<string> {
  const { build } = await import('vite');
  await build({
    configFile: false,
    logLevel: 'warn',
    root: fileURLToPath(new URL('.', import.meta.url)),
    build: {
      outDir: dir,
      emptyOutDir: true,
      minify: false,
      lib: {
        entry: fileURLToPath(new URL('./page.ts', import.meta.url)),
        formats: ['iife'],
        name: 'benchPage',
        fileName: () => 'bench.js',
      },
    },
    worker: { format: 'iife' },
  });
  return join(dir, 'bench.js');
}

/** Calls a method of the page's `window.__bench` (bench/client/page.ts) with arguments passed as data, not as code. */
function callPage<K extends keyof BenchPage>(
  page: Page,
  method: K,
  ...args: Parameters<BenchPage[K]>
): Promise<Awaited<ReturnType<BenchPage[K]>>> {
  return page.evaluate(
    ([name, values]) => {
      const bench = (globalThis as unknown as { __bench?: Record<string, (...a: unknown[]) => unknown> }).__bench;
      if (!bench) throw new Error('bench page: window.__bench is missing — the page script was not added');
      return bench[name]!(...values);
    },
    [method, args as unknown[]] as const,
  ) as Promise<Awaited<ReturnType<BenchPage[K]>>>;
}

/**
 * Frames to time at a graph size. Side by side, both pages draw with the explorer's levers, which keep a
 * 50k-node frame near 0.3 s under SwiftShader: 16 frames from 10k nodes up (4 frames, one per turn, had let
 * the 50k ratio read anywhere from 0.88 to 1.34 with the same code). The lever table starts from sigma's
 * defaults, where a 50k-node frame takes about 10 s: 4 frames there.
 */
export function framesFor(n: number, frames: number, from: 'levers' | 'defaults'): number {
  if (n < 10_000) return frames;
  return Math.min(frames, from === 'defaults' && n >= 50_000 ? 4 : 16);
}

/** Turns each page takes over a size's frames (bench/client/page.ts `frames`). */
const ROUNDS = 4;
/** Camera-move frames each page draws under a Chrome trace, after the timed ones. */
const TRACED_FRAMES = 4;

function summarizeFrames(times: number[]): { median: number; p95: number } {
  const sorted = Float64Array.from(times).sort();
  return { median: round(median(times)), p95: round(quantile(sorted, 0.95)) };
}

async function explorerCurated(page: Page, baseUrl: string): Promise<{ ms: number; url: string; nodes: number }> {
  await page.goto(`${baseUrl}/`, { waitUntil: 'load' });
  await page.waitForFunction(() => (window as unknown as { __benchFirstFrame: unknown }).__benchFirstFrame !== null, undefined, {
    timeout: 90_000,
  });
  return page.evaluate(() => {
    const w = window as unknown as { __benchFirstFrame: { t: number; order: number } };
    const entry = performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/api/graph'))
      .pop() as PerformanceResourceTiming | undefined;
    return { ms: w.__benchFirstFrame.t - (entry?.responseEnd ?? 0), url: entry?.name ?? '', nodes: w.__benchFirstFrame.order };
  });
}

export async function measureClient(opts: {
  sizes: number[];
  frames: number;
  apiBaseUrl: string | null;
  seed: number;
}): Promise<ClientResult> {
  const result: ClientResult = {
    status: 'ok',
    viewport: VIEWPORT,
    edgesPerNode: 5,
    runs: [],
    comparisons: [],
    levers: [],
    traces: [],
    notes: [],
  };
  if (!opts.apiBaseUrl) return { ...result, status: 'skipped', reason: 'no server to serve the explorer and its graph (it did not start)' };
  if (!existsSync(CHROMIUM)) return { ...result, status: 'skipped', reason: `${CHROMIUM} is missing (apt-get install chromium)` };
  const hasExplorer = existsSync(join(ROOT, 'dist', 'client', 'index.html'));
  if (!hasExplorer) result.notes.push('dist/client is not built (npm run build): only the bare page was measured.');
  const dir = mkdtempSync(join(tmpdir(), 'bench-client-'));
  const browser = await launchChromium('bench');
  try {
    const script = await bundle(dir);
    result.browser = `Chromium ${browser.version()}`;
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, bypassCSP: true });
    const base = opts.apiBaseUrl;
    await context.route(`${base}/__bench/bare.html`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><html><body style="margin:0"><div id="stage"></div></body></html>' }),
    );

    // The explorer: curated first frame (three page loads), then the synthetic graphs through the test hook.
    let stage = { width: VIEWPORT.width, height: VIEWPORT.height };
    let graphUrl = `${base}/api/graph?limit=400`;
    const explorerFirst: number[] = [];
    let explorer: Page | null = null;
    let hookMissing = false;
    if (hasExplorer) {
      explorer = await context.newPage();
      await explorer.addInitScript(FIRST_FRAME_HOOK);
      for (let i = 0; i < 3; i++) {
        try {
          const r = await explorerCurated(explorer, base);
          explorerFirst.push(r.ms);
          if (r.url) graphUrl = r.url;
        } catch (err) {
          hookMissing = true;
          result.notes.push(
            `The explorer's first frame could not be read (${err instanceof Error ? err.message.split('\n')[0] : String(err)}).`,
          );
          break;
        }
      }
      if (!hookMissing) {
        await explorer.addScriptTag({ path: script });
        stage = await callPage(explorer, 'explorerStage');
      }
    }

    const bare = await context.newPage();
    await bare.goto(`${base}/__bench/bare.html`);
    await bare.addScriptTag({ path: script });
    result.webglRenderer = await callPage(bare, 'webglRenderer');

    // Curated graph, first frame: bare page from the same /api/graph response, three times.
    const bareFirst: number[] = [];
    let curatedSize = { nodes: 0, edges: 0 };
    for (let i = 0; i < 3; i++) {
      const r = await callPage(bare, 'bareCurated', graphUrl, stage.width, stage.height);
      bareFirst.push(r.ms);
      curatedSize = { nodes: r.nodes, edges: r.edges };
    }
    const bareCuratedMs = round(median(bareFirst));
    result.runs.push({
      graph: `curated (${curatedSize.nodes} nodes)`,
      page: 'bare',
      settings: besideExplorer(curatedSize.edges),
      firstFrameMs: bareCuratedMs,
      medianFrameMs: NaN,
      p95FrameMs: NaN,
      frames: 0,
    });
    if (explorerFirst.length) {
      const ms = round(median(explorerFirst));
      result.runs.push({
        graph: `curated (${curatedSize.nodes} nodes)`,
        page: 'explorer',
        settings: 'the explorer as built',
        firstFrameMs: ms,
        medianFrameMs: NaN,
        p95FrameMs: NaN,
        frames: 0,
      });
      result.comparisons.push({
        graph: 'curated',
        medianRatio: NaN,
        medianMet: false,
        firstFrameRatio: round(ms / bareCuratedMs),
        firstFrameMet: ms / bareCuratedMs <= 1.5,
      });
    }

    for (const n of opts.sizes) {
      const label = n >= 1000 ? `${n / 1000}k` : String(n);
      const frames = framesFor(n, opts.frames, 'levers');
      const size = await callPage(bare, 'prepare', n, opts.seed);
      log(`client: ${label} (${size.nodes} nodes, ${size.edges} edges), ${frames} frames`);
      const first = await callPage(bare, 'bareFirstFrame', n, 'explorer', stage.width, stage.height);
      const explorerPage = explorer && !hookMissing ? explorer : null;
      let eFirst = NaN;
      if (explorerPage) {
        await callPage(explorerPage, 'prepare', n, opts.seed);
        eFirst = await callPage(explorerPage, 'explorerFirstFrame', n);
      }
      // The two pages take turns over pieces of one camera path (bare, explorer, explorer, bare, …), so a
      // change in the machine's load over the minute a size takes falls on both pages alike.
      const times: number[] = [];
      const eTimes: number[] = [];
      const rounds = explorerPage ? Math.min(frames, ROUNDS) : 1;
      for (let r = 0; r < rounds; r++) {
        const start = Math.floor((r * frames) / rounds);
        const piece: [number, number, number] = [Math.floor(((r + 1) * frames) / rounds) - start, start, frames];
        const bareTurn = async () => times.push(...(await callPage(bare, 'bareFrames', ...piece)));
        const explorerTurn = async () => explorerPage && eTimes.push(...(await callPage(explorerPage, 'explorerFrames', ...piece)));
        for (const turn of r % 2 === 0 ? [bareTurn, explorerTurn] : [explorerTurn, bareTurn]) await turn();
      }
      const summary = summarizeFrames(times);
      const bareRun: FrameRun = {
        graph: label,
        page: 'bare',
        settings: besideExplorer(size.edges),
        firstFrameMs: round(first),
        medianFrameMs: summary.median,
        p95FrameMs: summary.p95,
        frames,
      };
      result.runs.push(bareRun);
      if (explorerPage) {
        const s = summarizeFrames(eTimes);
        result.runs.push({
          graph: label,
          page: 'explorer',
          settings: 'the explorer as built',
          firstFrameMs: round(eFirst),
          medianFrameMs: s.median,
          p95FrameMs: s.p95,
          frames,
        });
        result.comparisons.push({
          graph: label,
          medianRatio: round(s.median / bareRun.medianFrameMs),
          medianMet: s.median / bareRun.medianFrameMs <= 1.25,
          firstFrameRatio: round(eFirst / bareRun.firstFrameMs),
        });
      }
      // Where the frames went: the same piece of the camera path once more on each page, under a trace.
      try {
        const traced = [
          { page: 'bare' as const, tab: bare, method: 'bareFrames' as const },
          ...(explorerPage ? [{ page: 'explorer' as const, tab: explorerPage, method: 'explorerFrames' as const }] : []),
        ];
        for (const { page, tab, method } of traced) {
          const cost = await traceFrames(browser, tab, () => callPage(tab, method, TRACED_FRAMES));
          result.traces!.push({ graph: label, page, ...cost });
        }
      } catch (err) {
        result.notes.push(`The ${label} frames could not be traced (${err instanceof Error ? err.message.split('\n')[0] : String(err)}).`);
      }
    }

    // sigma's levers on the largest graph, bare page.
    const largest = Math.max(...opts.sizes);
    const largestLabel = largest >= 1000 ? `${largest / 1000}k` : String(largest);
    const frames = framesFor(largest, opts.frames, 'defaults');
    let baseMedian = NaN;
    for (const lever of LEVERS) {
      const first = await callPage(bare, 'bareFirstFrame', largest, lever, stage.width, stage.height);
      const s = summarizeFrames(await callPage(bare, 'bareFrames', frames));
      if (lever === 'base') baseMedian = s.median;
      else {
        result.runs.push({
          graph: largestLabel,
          page: 'bare',
          settings: LEVER_NAMES[lever],
          firstFrameMs: round(first),
          medianFrameMs: s.median,
          p95FrameMs: s.p95,
          frames,
        });
        result.levers.push({
          lever: LEVER_NAMES[lever],
          beforeMs: baseMedian,
          afterMs: s.median,
          gainPercent: round((1 - s.median / baseMedian) * 100, 0),
        });
      }
    }

    // ForceAtlas2 in its worker, settling the curated graph from seeded positions.
    const fa2 = await callPage(bare, 'settleForceAtlas2', graphUrl, opts.seed, 0.001, 30_000);
    result.forceAtlas2 = {
      nodes: fa2.nodes,
      edges: fa2.edges,
      iterations: fa2.polls,
      ms: round(fa2.ms, 0),
      threshold: fa2.threshold,
      settled: fa2.settled,
    };
    result.notes.push(
      'ForceAtlas2: "iterations" counts 100 ms polls of the worker (the supervisor does not expose its own count); settled = mean move per poll under 0.1% of the layout\'s diagonal.',
    );
    if (hookMissing)
      result.notes.push(
        'The explorer column is missing: its test hook did not answer; measure it when the client exposes window.__explorer.',
      );
    await context.close();
    return result;
  } catch (err) {
    return { ...result, status: 'failed', reason: err instanceof Error ? err.message : String(err) };
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
