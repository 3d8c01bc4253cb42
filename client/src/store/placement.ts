/**
 * store/placement — where a node goes when it first appears.
 *
 * Pure geometry on the graph's positions: a seeded ring-per-kind start for a
 * graph without a layout, and a ring around the anchor for nodes added by an
 * expansion, so they appear next to what they were expanded from.
 */
import type { NodeKind } from '../../../graph/model';
import { NODE_KINDS } from '../../../graph/model';
import { fnv1a } from '../../../graph/hash';

/** A deterministic pseudo-random number in [0,1) from a string (FNV-1a). */
export function hashUnit(text: string): number {
  return (fnv1a(text) % 100000) / 100000;
}

/**
 * Initial positions for a graph without a stored layout: each kind gets a
 * sector of a disc, nodes spread in it by a hash of their id. Deterministic,
 * so the force layout starts from the same picture every time.
 */
export function seededPositions(nodes: readonly { id: string; kind: NodeKind }[]): Map<string, { x: number; y: number }> {
  const result = new Map<string, { x: number; y: number }>();
  const sectors = NODE_KINDS.length;
  const radius = 10 * Math.sqrt(Math.max(1, nodes.length));
  for (const node of nodes) {
    const sector = Math.max(0, NODE_KINDS.indexOf(node.kind));
    const angle = ((sector + 0.15 + 0.7 * hashUnit(node.id)) / sectors) * 2 * Math.PI;
    const r = radius * (0.35 + 0.65 * hashUnit(`${node.id}#r`));
    result.set(node.id, { x: r * Math.cos(angle), y: r * Math.sin(angle) });
  }
  return result;
}

/**
 * Positions for `count` new nodes around an anchor: a ring whose radius grows
 * with the count, rotated by a hash of the anchor so rings of neighbouring
 * anchors do not coincide.
 */
export function ringAround(
  anchor: { x: number; y: number },
  ids: readonly string[],
  spacing: number,
): Map<string, { x: number; y: number }> {
  const result = new Map<string, { x: number; y: number }>();
  const n = ids.length;
  if (n === 0) return result;
  const radius = Math.max(spacing * 2, (spacing * n) / (2 * Math.PI));
  const offset = hashUnit(ids[0]!) * 2 * Math.PI;
  ids.forEach((id, i) => {
    const angle = offset + (i / n) * 2 * Math.PI;
    result.set(id, { x: anchor.x + radius * Math.cos(angle), y: anchor.y + radius * Math.sin(angle) });
  });
  return result;
}
