/**
 * bench/client/page — the in-page half of the client benchmark (runs in the browser; bundled by measure.ts,
 * type-checked with the client's configuration).
 *
 * Installs `window.__bench` with: the synthetic graph in the explorer's own
 * attribute shapes (client/src/store/attributes), a bare sigma mount, a frame
 * timer (render() + a 1-pixel readPixels on every WebGL context, since
 * gl.finish() returns at once under SwiftShader), the loader that puts a
 * graph into the running explorer through its test hook, and ForceAtlas2 in
 * its worker.
 */
import { MultiDirectedGraph } from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import Sigma from 'sigma';
import type { Settings } from 'sigma/settings';
import { EdgeArrowProgram, EdgeLineProgram, NodeCircleProgram, NodePointProgram } from 'sigma/rendering';
import { type ScaleLevers, scaleLevers } from '../../client/src/render/scale';
import { type EdgeAttributes, type NodeAttributes, edgeAttributes, nodeAttributes } from '../../client/src/store/attributes';
import type { GraphEdgeDTO, GraphNodeDTO } from '../../graph/contracts';
import { fromNodeRecord, fromRelationshipRecord, toNodeRow, toRelationshipRow } from '../../graph/records';
import { seededRandom } from '../../graph/analytics/random';
import { generateSynthetic } from '../../graph/synthetic';
import { type BenchPage, FRAME_MEASURE } from './types';

declare global {
  interface Window {
    __bench?: BenchPage;
  }
}

type BenchGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;
type BenchSigma = Sigma<NodeAttributes, EdgeAttributes>;
interface Dataset {
  nodes: { key: string; attributes: NodeAttributes }[];
  edges: { key: string; source: string; target: string; attributes: EdgeAttributes }[];
}

/** The synthetic graph of `n` nodes (about 5 edges each) at fixed, seeded positions, as the explorer stores it. */
function syntheticData(n: number, seed: number): Dataset {
  const chunks = [...generateSynthetic({ nodes: n, seed, ns: 'bench', chunkSize: 5000 })];
  const degree = new Map<string, number>();
  for (const c of chunks)
    for (const r of c.relationships) {
      degree.set(r.source, (degree.get(r.source) || 0) + 1);
      degree.set(r.target, (degree.get(r.target) || 0) + 1);
    }
  const rand = seededRandom(seed ^ n);
  const side = Math.sqrt(n) * 10;
  const nodes: Dataset['nodes'] = [];
  const edges: Dataset['edges'] = [];
  for (const c of chunks) {
    for (const node of c.nodes) {
      const dto = fromNodeRecord(toNodeRow(node, 'bench').props, degree.get(node.id) || 0);
      nodes.push({ key: node.id, attributes: nodeAttributes(dto, { x: rand() * side, y: rand() * side }) });
    }
    for (const r of c.relationships) {
      const row = toRelationshipRow(r, 'bench');
      const dto = fromRelationshipRecord({ ...row.props, id: row.id, type: row.type, source: row.source, target: row.target });
      edges.push({ key: r.id, source: r.source, target: r.target, attributes: edgeAttributes(dto) });
    }
  }
  return { nodes, edges };
}

/**
 * Waits for the GPU: a 1-pixel readPixels on each of sigma's WebGL contexts. sigma keeps them in a private
 * field and has no accessor for them; gl.finish() would return at once under SwiftShader.
 */
function readBack(sigma: BenchSigma): void {
  const buf = new Uint8Array(4);
  const contexts = (sigma as unknown as { webGLContexts: Record<string, WebGLRenderingContext> }).webGLContexts;
  for (const gl of Object.values(contexts)) gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, buf);
}

/**
 * Draws one frame now. sigma's render() is private in its types; refresh() would first reprocess every node
 * and edge and scheduleRender() waits for an animation frame, and a camera-move frame is the draw alone.
 */
function draw(sigma: BenchSigma): void {
  (sigma as unknown as { render(): void }).render();
}

type Lever = Partial<Pick<Settings, 'hideEdgesOnMove' | 'hideLabelsOnMove' | 'labelDensity' | 'labelRenderedSizeThreshold'>> & {
  light?: boolean;
};

const LEVERS: Record<string, Lever> = {
  base: {},
  hideEdgesOnMove: { hideEdgesOnMove: true },
  hideLabelsOnMove: { hideLabelsOnMove: true },
  labelDensity: { labelDensity: 0.2, labelRenderedSizeThreshold: 12 },
  lightPrograms: { light: true },
  all: { hideEdgesOnMove: true, hideLabelsOnMove: true, labelDensity: 0.2, labelRenderedSizeThreshold: 12, light: true },
};

/**
 * Each of the explorer's levers as the bare page sets it. A Record over ScaleLevers' keys, so a lever added
 * to the explorer fails the type check here until the bare page beside it draws with it too.
 */
const FROM_SCALE: Record<keyof ScaleLevers, keyof Lever> = {
  hideEdgesOnMove: 'hideEdgesOnMove',
  hideLabelsOnMove: 'hideLabelsOnMove',
  lightPrograms: 'light',
};

/** `explorer`: the levers the explorer itself uses for a graph of this many edges (client/src/render/scale). */
function bareSettings(lever: string, edges: number): Partial<Settings> {
  const explorer = scaleLevers({ size: edges });
  const chosen: Lever | undefined =
    lever === 'explorer'
      ? Object.fromEntries((Object.keys(FROM_SCALE) as (keyof ScaleLevers)[]).map((k) => [FROM_SCALE[k], explorer[k]]))
      : LEVERS[lever];
  if (!chosen) throw new Error(`bench page: unknown lever "${lever}" — one of explorer, ${Object.keys(LEVERS).join(', ')}`);
  const { light, ...settings } = chosen;
  return {
    allowInvalidContainer: true,
    defaultEdgeType: 'arrow',
    defaultNodeType: 'circle',
    edgeProgramClasses: { arrow: light ? EdgeLineProgram : EdgeArrowProgram },
    nodeProgramClasses: { circle: light ? NodePointProgram : NodeCircleProgram },
    ...settings,
  };
}

let bare: BenchSigma | null = null;

/** Mounts the bare page's sigma on `graph` and draws its first complete frame. */
function show(graph: BenchGraph, container: HTMLElement, lever: string): BenchSigma {
  const sigma: BenchSigma = new Sigma(graph, container, bareSettings(lever, graph.size));
  bare = sigma;
  draw(sigma);
  readBack(sigma);
  return sigma;
}

function stage(width: number, height: number): HTMLElement {
  const container = document.getElementById('stage');
  if (!container) throw new Error('bench page: #stage is missing — open /__bench/bare.html');
  container.style.width = `${width}px`;
  container.style.height = `${height}px`;
  return container;
}

/** Mounts a bare sigma page on `data`; resolves with the time to the first complete frame. */
function mountBare(data: Dataset, lever: string, width: number, height: number): number {
  if (bare) {
    bare.kill();
    bare = null;
  }
  const container = stage(width, height);
  const t0 = performance.now();
  const graph: BenchGraph = new MultiDirectedGraph({ allowSelfLoops: true });
  graph.import({ nodes: data.nodes, edges: data.edges });
  show(graph, container, lever);
  return performance.now() - t0;
}

/**
 * Times `count` frames, each synchronously and while "moving", of a camera path of `total` frames (a pan
 * loop, then a zoom in and out), starting at frame `start`: the explorer and the bare page take turns over
 * pieces of the same path.
 */
function frames(sigma: BenchSigma, count: number, start = 0, total = count): number[] {
  const camera = sigma.getCamera();
  const captor = sigma.getMouseCaptor();
  const half = Math.max(1, total / 2);
  const stateAt = (i: number) => {
    const t = (i % half) / half;
    return i < total / 2
      ? { x: 0.5 + 0.2 * Math.sin(t * 2 * Math.PI), y: 0.5 + 0.1 * Math.cos(t * 2 * Math.PI), ratio: 1, angle: 0 }
      : { x: 0.5, y: 0.5, ratio: 1 - 0.6 * Math.sin(t * Math.PI), angle: 0 };
  };
  camera.setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
  draw(sigma);
  readBack(sigma);
  performance.clearMeasures(FRAME_MEASURE);
  const times: number[] = [];
  captor.isMoving = true;
  try {
    for (let i = start; i < start + count; i++) {
      camera.setState(stateAt(i));
      const t0 = performance.now();
      draw(sigma);
      readBack(sigma);
      const t1 = performance.now();
      times.push(t1 - t0);
      // Marks the timed frame in a Chrome trace (bench/client/trace reads only inside these), after the fact.
      performance.measure(FRAME_MEASURE, { start: t0, end: t1 });
    }
  } finally {
    captor.isMoving = false;
    camera.setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
  }
  return times;
}

function webglRenderer(): string {
  const gl = document.createElement('canvas').getContext('webgl');
  if (!gl) return 'no WebGL';
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  return String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
}

/** Puts `data` into the running explorer's graph (through its test hook) and times the first frame. */
function loadExplorer(data: Dataset): number {
  const sigma = explorerSigma();
  const graph = sigma.getGraph();
  const t0 = performance.now();
  graph.clear();
  graph.import({ nodes: data.nodes, edges: data.edges });
  sigma.refresh();
  readBack(sigma);
  return performance.now() - t0;
}

/** Bare page, curated graph: from the /api/graph response to the first complete frame (as the explorer is timed). */
async function bareCurated(url: string, width: number, height: number): Promise<{ ms: number; nodes: number; edges: number }> {
  const res = await fetch(url);
  const body = (await res.json()) as { nodes: (GraphNodeDTO & { x?: number; y?: number })[]; edges: GraphEdgeDTO[] };
  const entry = performance.getEntriesByName(new URL(url, window.location.href).href).pop() as PerformanceResourceTiming | undefined;
  const nodes = body.nodes.map((n) => ({ key: n.id, attributes: nodeAttributes(n, { x: n.x ?? 0, y: n.y ?? 0 }) }));
  const edges = body.edges.map((e) => ({ key: e.id, source: e.source, target: e.target, attributes: edgeAttributes(e) }));
  const container = stage(width, height);
  const graph: BenchGraph = new MultiDirectedGraph({ allowSelfLoops: true });
  for (const n of nodes) graph.addNode(n.key, n.attributes);
  for (const e of edges)
    if (graph.hasNode(e.source) && graph.hasNode(e.target)) graph.addEdgeWithKey(e.key, e.source, e.target, e.attributes);
  if (bare) bare.kill();
  show(graph, container, 'explorer');
  const done = performance.now();
  return { ms: done - (entry ? entry.responseEnd : done), nodes: graph.order, edges: graph.size };
}

/** ForceAtlas2 in its web worker on the curated graph from seeded positions, until the mean move per 100 ms falls under `threshold` of the extent. */
async function settleForceAtlas2(url: string, seed: number, threshold: number, capMs: number) {
  const body = (await (await fetch(url)).json()) as { nodes: GraphNodeDTO[]; edges: GraphEdgeDTO[] };
  const graph = new MultiDirectedGraph<{ x: number; y: number; size: number }>({ allowSelfLoops: true });
  const rand = seededRandom(seed);
  for (const n of body.nodes) graph.addNode(n.id, { x: rand() * 100, y: rand() * 100, size: 4 });
  for (const e of body.edges) if (graph.hasNode(e.source) && graph.hasNode(e.target)) graph.addEdgeWithKey(e.id, e.source, e.target);
  const layout = new FA2Layout(graph, { settings: forceAtlas2.inferSettings(graph) });
  const snapshot = () => {
    const out = new Map<string, [number, number]>();
    graph.forEachNode((node, a) => out.set(node, [a.x, a.y]));
    return out;
  };
  const t0 = performance.now();
  layout.start();
  let prev = snapshot();
  let polls = 0;
  let settled = false;
  while (performance.now() - t0 < capMs) {
    await new Promise((r) => setTimeout(r, 100));
    polls++;
    const now = snapshot();
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    let moved = 0;
    for (const [node, [x, y]] of now) {
      const [px, py] = prev.get(node) ?? [x, y];
      moved += Math.hypot(x - px, y - py);
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
    prev = now;
    const extent = Math.hypot(maxX - minX, maxY - minY) || 1;
    if (polls > 2 && moved / now.size / extent < threshold) {
      settled = true;
      break;
    }
  }
  const ms = performance.now() - t0;
  layout.kill();
  return { nodes: graph.order, edges: graph.size, polls, ms, threshold, settled };
}

const datasets = new Map<number, Dataset>();

function dataset(n: number): Dataset {
  const d = datasets.get(n);
  if (!d) throw new Error(`bench page: no graph of ${n} nodes — call prepare(${n}, seed) first`);
  return d;
}

function explorerSigma(): BenchSigma {
  const sigma = window.__explorer?.sigma;
  if (!sigma) throw new Error('bench page: the explorer has not drawn yet (window.__explorer.sigma is null)');
  return sigma;
}

const page: BenchPage = {
  webglRenderer,
  prepare(n, seed) {
    if (!datasets.has(n)) datasets.set(n, syntheticData(n, seed));
    const d = dataset(n);
    return { nodes: d.nodes.length, edges: d.edges.length };
  },
  bareFirstFrame: (n, lever, width, height) => mountBare(dataset(n), lever, width, height),
  bareFrames: (count, start, total) => {
    if (!bare) throw new Error('bench page: no bare page mounted — call bareFirstFrame or bareCurated first');
    return frames(bare, count, start, total);
  },
  explorerFirstFrame: (n) => loadExplorer(dataset(n)),
  explorerFrames: (count, start, total) => frames(explorerSigma(), count, start, total),
  explorerStage() {
    const c = explorerSigma().getContainer();
    return { width: c.offsetWidth, height: c.offsetHeight };
  },
  bareCurated,
  settleForceAtlas2,
};
window.__bench = page;
