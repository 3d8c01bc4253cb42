/**
 * render/camera — moves sigma's camera: to a node, or back to the whole graph.
 */
import type { ExplorerSigma } from './renderer';

/** Animation length of camera moves, in milliseconds. */
export const CAMERA_DURATION = 500;

/**
 * Animates the camera onto a node, zooming in enough to read its
 * neighbourhood. `viewportY` (0 = top, 1 = bottom) puts the node higher or
 * lower than the centre. Resolves when the move ends (at once if the node
 * is not drawn).
 */
export async function focusNode(sigma: ExplorerSigma, node: string, opts: { ratio?: number; viewportY?: number } = {}): Promise<void> {
  const display = sigma.getNodeDisplayData(node);
  if (!display) return;
  const camera = sigma.getCamera();
  await camera.animate({ x: display.x, y: display.y, ratio: Math.min(opts.ratio ?? 0.45, camera.ratio) }, { duration: CAMERA_DURATION });
  if (opts.viewportY !== undefined) {
    // A drawer covers the bottom of the canvas on narrow screens: centring the
    // camera on the point that far below the node moves the node up by as much.
    const { width, height } = sigma.getDimensions();
    const below = sigma.viewportToFramedGraph({ x: width / 2, y: height / 2 + (0.5 - opts.viewportY) * height });
    await camera.animate({ x: below.x, y: below.y }, { duration: 200 });
  }
}

/**
 * Animates the camera to frame a set of nodes (a path, say). Display
 * coordinates are sigma's framed graph space, where ratio 1 shows the
 * whole graph: the ratio is the share of it the nodes span, plus a margin.
 */
export async function fitNodes(sigma: ExplorerSigma, nodes: Iterable<string>): Promise<void> {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const node of nodes) {
    const d = sigma.getNodeDisplayData(node);
    if (!d) continue;
    minX = Math.min(minX, d.x);
    maxX = Math.max(maxX, d.x);
    minY = Math.min(minY, d.y);
    maxY = Math.max(maxY, d.y);
  }
  if (!Number.isFinite(minX)) return;
  const ratio = Math.min(1, Math.max(0.15, Math.max(maxX - minX, maxY - minY) * 1.5));
  await sigma.getCamera().animate({ x: (minX + maxX) / 2, y: (minY + maxY) / 2, ratio }, { duration: CAMERA_DURATION });
}

/** Animates the camera back to show the whole graph. */
export async function fitView(sigma: ExplorerSigma): Promise<void> {
  await sigma.getCamera().animatedReset({ duration: CAMERA_DURATION });
}

/** Zooms in or out by a factor around the centre of the view. */
export async function zoomBy(sigma: ExplorerSigma, factor: number): Promise<void> {
  const camera = sigma.getCamera();
  await camera.animate({ ratio: camera.ratio / factor }, { duration: 200 });
}
