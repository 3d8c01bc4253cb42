/**
 * render/scale — sigma's own levers for a large graph, switched on by the graph's size.
 *
 * The explorer draws arrows, curved parallel edges and circle nodes; on a
 * dense graph those programs and the edges redrawn on every camera move are
 * what a frame costs. The client benchmark measures each lever on 50k nodes
 * and 250k edges (bench/results/latest.md, "What sigma's levers gained"):
 * across the runs so far, hiding edges while the camera moves cut a moving
 * frame by 87–90%, the lighter programs (EdgeLineProgram, NodePointProgram)
 * by 75–84%; a lower label density made no steady difference, so it is not
 * used. Hiding labels while the camera moves made none on the bare page either,
 * but the explorer draws edge labels, and sigma finds the edges whose label to
 * draw by walking every edge of the graph on every frame: a Chrome trace of the
 * 50k-node graph (bench/client/trace) put the explorer's own main-thread work at
 * about 40 ms a frame against the bare page's 1 ms, nearly all of it that walk.
 * With labels hidden on move the walk is skipped while the camera moves. Edges
 * and labels come back when the camera stops, so the levers start where the graph
 * is past what the eye follows edge by edge; the lighter programs drop arrowheads
 * and curves, so they wait for a graph dense enough that neither can be seen.
 */
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';

/** Edges from which they are hidden while the camera moves (the 10k-node benchmark graph has 50k). */
export const HIDE_EDGES_ON_MOVE_FROM = 10_000;
/**
 * Edges from which labels are hidden while the camera moves: the edge-label walk costs about 0.16 µs an edge
 * per frame here (8 ms at 50,000 edges, half a frame's budget on a real GPU).
 */
export const HIDE_LABELS_ON_MOVE_FROM = 50_000;
/** Edges from which edges are drawn as plain lines and nodes as points. */
export const LIGHT_PROGRAMS_FROM = 100_000;

/** The levers in use for a graph of this size. */
export interface ScaleLevers {
  hideEdgesOnMove: boolean;
  hideLabelsOnMove: boolean;
  lightPrograms: boolean;
}

/** Which levers a graph of `size` edges gets. */
export function scaleLevers(graph: { size: number }): ScaleLevers {
  return {
    hideEdgesOnMove: graph.size >= HIDE_EDGES_ON_MOVE_FROM,
    hideLabelsOnMove: graph.size >= HIDE_LABELS_ON_MOVE_FROM,
    lightPrograms: graph.size >= LIGHT_PROGRAMS_FROM,
  };
}

/** Whether two sets of levers are the same (the renderer touches sigma only when they change). */
export function sameLevers(a: ScaleLevers, b: ScaleLevers): boolean {
  return a.hideEdgesOnMove === b.hideEdgesOnMove && a.hideLabelsOnMove === b.hideLabelsOnMove && a.lightPrograms === b.lightPrograms;
}

/** Names the levers in use, for the benchmark's report ("none" below the first threshold). */
export function describeLevers(levers: ScaleLevers): string {
  const on = [
    levers.hideEdgesOnMove && 'hideEdgesOnMove',
    levers.hideLabelsOnMove && 'hideLabelsOnMove',
    levers.lightPrograms && 'lighter programs (EdgeLineProgram, NodePointProgram)',
  ];
  return on.filter(Boolean).join(' + ') || 'none';
}

/**
 * An edge's display data under the levers: a plain line with the lighter programs, except an emphasised
 * edge (a path's, a selection's: zIndex 1), which keeps its arrow so the direction it is read in shows.
 */
export function scaleEdge(display: Partial<EdgeDisplayData>, levers: ScaleLevers): Partial<EdgeDisplayData> {
  if (levers.lightPrograms && display.zIndex !== 1) display.type = 'line';
  return display;
}

/** A node's display data under the levers: a point with the lighter programs. */
export function scaleNode(display: Partial<NodeDisplayData>, levers: ScaleLevers): Partial<NodeDisplayData> {
  if (levers.lightPrograms) display.type = 'point';
  return display;
}
