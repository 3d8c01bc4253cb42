/**
 * server/services/neighbors — a node's neighbourhood to a depth, with an honest limit.
 *
 * Breadth-first, one bounded query per level, so a hub cannot blow up the
 * answer: the result stops at `limit` nodes and says `truncated` with the
 * total it would have had. The whole walk is one read transaction: the
 * nodes and edges returned come from the same snapshot as the walk.
 */
import type { SubgraphDTO } from '../../graph/contracts';
import type { GraphReader, GraphRepository, Scope } from '../repositories/graph-repository';
import { nodeNotFound } from './nodes';

/** Largest total the service counts exactly when a limit cut the result. */
export const NEIGHBOR_COUNT_CAP = 100_000;
/** Most relationships a neighbourhood answer carries among its nodes. */
export const NEIGHBOR_EDGE_CAP = 20_000;

export class NeighborService {
  constructor(private readonly repo: GraphRepository) {}

  /** `owner` names the endpoint in messages: an export of a neighbourhood says `export:`, not `neighbors:`. */
  neighbors(id: string, depth: number, scope: Scope, limit: number, owner = 'neighbors'): Promise<SubgraphDTO> {
    return this.repo.read(owner, (reader) => this.walk(reader, id, depth, scope, limit, owner));
  }

  private async walk(reader: GraphReader, id: string, depth: number, scope: Scope, limit: number, owner: string): Promise<SubgraphDTO> {
    // Statements that do not wait on each other's answers go out together (the driver pipelines them in the
    // transaction): each round trip costs a turn of both event loops, and Neo4j more CPU when a transaction's
    // next statement comes after a pause. The first step is read before the start node is known to exist; for
    // an unknown id it finds nothing and the answer is the 404 below.
    const [start, firstStep] = await Promise.all([
      reader.nodeById(id),
      depth >= 1 ? reader.neighborStep([id], [id], scope, limit + 1) : Promise.resolve([]),
    ]);
    if (!start) throw nodeNotFound(owner, id);
    const seen = [id];
    let frontier = [id];
    let truncated = false;
    for (let level = 1; level <= depth && frontier.length > 0; level++) {
      const room = limit - (seen.length - 1);
      const found = level === 1 ? firstStep : await reader.neighborStep(frontier, seen, scope, room + 1);
      if (found.length > room) {
        truncated = true;
        seen.push(...found.slice(0, room));
        break;
      }
      seen.push(...found);
      frontier = found;
    }
    const [total, nodes, edges] = await Promise.all([
      truncated ? this.countWithin(reader, id, depth, scope).then((n) => ({ nodes: n })) : Promise.resolve(undefined),
      reader.nodesByIds(seen),
      reader.edgesAmong(seen, scope.types, NEIGHBOR_EDGE_CAP),
    ]);
    // Keep the start node first, then the order the walk found them in.
    const order = new Map(seen.map((n, i) => [n, i]));
    nodes.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    return { nodes, edges, truncated, ...(total ? { total } : {}) };
  }

  /**
   * Neighbours within depth, without the limit (the start node not counted).
   * Inner levels need their ids (the next frontier); the last level only its size.
   */
  private async countWithin(reader: GraphReader, id: string, depth: number, scope: Scope): Promise<number> {
    const seen = [id];
    let frontier = [id];
    for (let level = 1; level <= depth && frontier.length > 0 && seen.length < NEIGHBOR_COUNT_CAP; level++) {
      const room = NEIGHBOR_COUNT_CAP - seen.length;
      if (level === depth) return seen.length - 1 + (await reader.neighborStepCount(frontier, seen, scope, room));
      const found = await reader.neighborStepAll(frontier, seen, scope, room);
      seen.push(...found);
      frontier = found;
    }
    return seen.length - 1;
  }
}
