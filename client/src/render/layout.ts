/**
 * render/layout — gives the graph a stable picture.
 *
 * Stored positions win (the server's saved layout, then this browser's). A
 * graph without one gets a layout once — seeded start, ForceAtlas2 in its web
 * worker for a bounded time, noverlap to separate what still touches — and
 * the result is saved (PUT /api/layout, or localStorage when the server
 * refuses), so the next load draws the same picture.
 */
import forceAtlas2 from 'graphology-layout-forceatlas2';
import FA2LayoutSupervisor from 'graphology-layout-forceatlas2/worker';
import noverlap from 'graphology-layout-noverlap';
import type { Api } from '../api/client';
import type { ExplorerStore } from '../store/explorer';

/** localStorage key of the layout kept in this browser. */
export const LAYOUT_STORAGE_KEY = 'llm-explorer:layout:v1';

/** How long ForceAtlas2 may run, in milliseconds. */
export const LAYOUT_DURATION_MS = 1800;

/** Where the positions drawn came from. */
export type LayoutSource = 'server' | 'browser' | 'computed';

type Positions = Record<string, { x: number; y: number }>;

function readLocal(): Positions | null {
  try {
    const text = globalThis.localStorage?.getItem(LAYOUT_STORAGE_KEY);
    return text ? (JSON.parse(text) as Positions) : null;
  } catch {
    return null;
  }
}

function writeLocal(positions: Positions): boolean {
  try {
    // Merge with what is kept already: other views may have laid out other nodes.
    globalThis.localStorage?.setItem(LAYOUT_STORAGE_KEY, JSON.stringify({ ...readLocal(), ...positions }));
    return true;
  } catch {
    return false;
  }
}

/** The current positions of all shown nodes. */
export function currentPositions(store: ExplorerStore): Positions {
  const positions: Positions = {};
  store.graph.forEachNode((node, attrs) => {
    positions[node] = { x: Math.round(attrs.x * 100) / 100, y: Math.round(attrs.y * 100) / 100 };
  });
  return positions;
}

/**
 * Saves positions: to the server, or, when it refuses (no API key: 401/403)
 * or is unreachable, to this browser. Resolves to where they went.
 */
export async function saveLayout(api: Api, positions: Positions): Promise<'server' | 'browser' | 'nowhere'> {
  try {
    await api.saveLayout(positions);
    return 'server';
  } catch {
    return writeLocal(positions) ? 'browser' : 'nowhere';
  }
}

function runWorker(store: ExplorerStore, durationMs: number): Promise<void> {
  const graph = store.graph;
  // Gentle gravity and a generous scaling spread a few hundred nodes over the canvas instead of a tight ball.
  const settings = { ...forceAtlas2.inferSettings(graph), strongGravityMode: false, gravity: 0.5, scalingRatio: 25, adjustSizes: false };
  return new Promise((resolve) => {
    let supervisor: FA2LayoutSupervisor;
    try {
      supervisor = new FA2LayoutSupervisor(graph, { settings });
    } catch {
      // No worker support: a bounded synchronous run instead.
      forceAtlas2.assign(graph, { iterations: 300, settings });
      resolve();
      return;
    }
    supervisor.start();
    setTimeout(() => {
      supervisor.stop();
      supervisor.kill();
      resolve();
    }, durationMs);
  });
}

/** Pushes apart nodes that still overlap, using their drawn size scaled into graph space. */
function separate(store: ExplorerStore): void {
  const graph = store.graph;
  if (graph.order < 2) return;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  graph.forEachNode((_n, a) => {
    minX = Math.min(minX, a.x);
    maxX = Math.max(maxX, a.x);
    minY = Math.min(minY, a.y);
    maxY = Math.max(maxY, a.y);
  });
  // Sizes are screen pixels; about 700 px of screen show the whole extent at the default zoom.
  const scale = Math.max(maxX - minX, maxY - minY, 1) / 700;
  noverlap.assign(graph, {
    maxIterations: 200,
    settings: { margin: 6 * scale, ratio: 1.4 },
    inputReducer: (_key, attrs) => ({ x: attrs.x, y: attrs.y, size: (attrs.size ?? 5) * scale }),
  });
}

/**
 * Makes sure every shown node has a position worth keeping. `onStart` is
 * called when a computation is needed (so the interface can say so).
 */
export async function ensureLayout(
  store: ExplorerStore,
  api: Api,
  opts: { durationMs?: number; onStart?: () => void } = {},
): Promise<LayoutSource> {
  const graph = store.graph;
  if (graph.order === 0) return 'server';
  const fromServer = graph.everyNode((_n, a) => a.data.x !== undefined && a.data.y !== undefined);
  if (fromServer) return 'server';

  const local = readLocal();
  if (local && graph.everyNode((node) => local[node] !== undefined)) {
    store.setPositions(Object.fromEntries(graph.mapNodes((node) => [node, local[node]!])));
    return 'browser';
  }

  opts.onStart?.();
  store.setLayoutRunning(true);
  try {
    await runWorker(store, opts.durationMs ?? LAYOUT_DURATION_MS);
    separate(store);
    const positions = currentPositions(store);
    store.setPositions(positions);
    await saveLayout(api, positions);
  } finally {
    store.setLayoutRunning(false);
  }
  return 'computed';
}
