/**
 * server/services/graph-view — the (sub)graph for a view: filtered, capped, with stored positions.
 *
 * Never the whole database: the best-connected nodes up to the limit, and
 * `truncated` with the total when the limit cut the answer.
 */
import type { SubgraphDTO } from '../../graph/contracts';
import type { GraphRepository, Scope } from '../repositories/graph-repository';
import { nodeNotFound } from './nodes';
import { NeighborService } from './neighbors';

/** Most relationships a graph view carries among its nodes. */
export const VIEW_EDGE_CAP = 50_000;

export class GraphViewService {
  private readonly neighbors: NeighborService;
  constructor(private readonly repo: GraphRepository) {
    this.neighbors = new NeighborService(repo);
  }

  /** The best-connected nodes and the edges among them, read in one transaction. */
  view(scope: Scope, limit: number): Promise<SubgraphDTO> {
    return this.repo.read('graph', async (reader) => {
      const { nodes, total } = await reader.graphNodes(scope, limit);
      const edges = await reader.edgesAmong(
        nodes.map((n) => n.id),
        scope.types,
        VIEW_EDGE_CAP,
      );
      const truncated = total > nodes.length;
      return { nodes, edges, truncated, ...(truncated ? { total: { nodes: total } } : {}) };
    });
  }

  /** An explicit set of nodes (the client's visible subgraph) and the edges among them. */
  byIds(ids: string[], scope: Scope): Promise<SubgraphDTO> {
    // Each id once (a repeated id would repeat its node and its edges). The edges among the ids asked for are
    // those among the ids found, so both reads go out together (see NeighborService.walk).
    const unique = [...new Set(ids)];
    return this.repo.read('graph', async (reader) => {
      const [nodes, edges] = await Promise.all([reader.nodesByIds(unique), reader.edgesAmong(unique, scope.types, VIEW_EDGE_CAP)]);
      if (nodes.length === 0 && unique.length > 0) throw nodeNotFound('export', unique[0]!);
      return { nodes, edges, truncated: false };
    });
  }

  around(id: string, depth: number, scope: Scope, limit: number): Promise<SubgraphDTO> {
    return this.neighbors.neighbors(id, depth, scope, limit, 'export');
  }
}
