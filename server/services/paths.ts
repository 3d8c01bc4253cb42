/**
 * server/services/paths — explained paths between two concepts.
 *
 * Paths are undirected walks over the schema's relationship types; each
 * comes with its hops as sentences in both languages and the quotes that
 * support them, so "how does federated learning connect to the energy
 * problem?" is answered in words, with sources.
 */
import type { HopDTO, PathDTO, PathsResultDTO } from '../../graph/contracts';
import type { RelType } from '../../graph/model';
import { relationshipSentence } from '../../graph/sentences';
import { ValidationError } from '../errors';
import type { GraphRepository } from '../repositories/graph-repository';
import { resolveAll } from './citations';
import { nodeNotFound } from './nodes';
import { ALL_TYPES } from './scope';

export interface PathQuery {
  from: string;
  to: string;
  mode: 'shortest' | 'all' | 'k';
  k: number;
  maxHops: number;
  types?: RelType[] | undefined;
  exclude: string[];
}

/**
 * The relationship behind each hop of a path given as node ids (a path a note is on, a report's saved path):
 * for each pair of consecutive nodes, the first (by id) that links them either way. `unlinked` words the
 * error for the first pair that nothing links, in its caller's terms.
 */
export function hopEdges<E extends { id: string; source: string; target: string }>(
  nodeIds: readonly string[],
  edges: readonly E[],
  unlinked: (from: string, to: string) => Error,
): E[] {
  const hops: E[] = [];
  for (let i = 0; i + 1 < nodeIds.length; i++) {
    const u = nodeIds[i]!;
    const v = nodeIds[i + 1]!;
    const edge = edges
      .filter((e) => (e.source === u && e.target === v) || (e.source === v && e.target === u))
      .sort((a, b) => (a.id < b.id ? -1 : 1))[0];
    if (!edge) throw unlinked(u, v);
    hops.push(edge);
  }
  return hops;
}

/** Cap on the paths one answer carries (all shortest paths can be many). */
export const MAX_PATHS = 25;

export class PathService {
  constructor(
    private readonly repo: GraphRepository,
    private readonly timeoutMs: number,
  ) {}

  async find(q: PathQuery): Promise<PathsResultDTO> {
    if (q.from === q.to)
      throw new ValidationError(`paths: "from" and "to" are the same node ("${q.from}") — pick two different nodes.`, { field: 'to' });
    const clash = q.exclude.find((e) => e === q.from || e === q.to);
    if (clash)
      throw new ValidationError(`paths: "${clash}" is both an end of the path and excluded — remove it from "exclude".`, {
        field: 'exclude',
      });
    const types = q.types && q.types.length > 0 ? q.types : ALL_TYPES;
    const limit = q.mode === 'shortest' ? 1 : q.mode === 'all' ? MAX_PATHS : Math.min(MAX_PATHS, q.k * 3);
    // One read transaction: the paths, their nodes, edges and quotes come from one snapshot.
    const found = await this.repo.read(
      'paths',
      async (reader) => {
        // The existence check and the search go out together, as do the nodes and the quotes below (see
        // NeighborService.walk): with an unknown end the search finds nothing and the answer is the 404.
        const [missing, found] = await Promise.all([
          reader.missingIds([q.from, q.to]),
          reader.paths(q.mode, { from: q.from, to: q.to, types, exclude: q.exclude, maxHops: q.maxHops, limit }),
        ]);
        if (missing.length > 0) throw nodeNotFound('paths', missing[0]!);
        // SHORTEST k may return walks that revisit a node; an analyst wants simple paths.
        let raw = found.filter((p) => new Set(p.nodeIds).size === p.nodeIds.length);
        if (q.mode === 'k') raw = raw.slice(0, q.k);
        if (raw.length === 0) return null;
        const nodeIds = [...new Set(raw.flatMap((p) => p.nodeIds))];
        const edges = [...new Map(raw.flatMap((p) => p.rels.map((r) => [r.id, r] as const))).values()];
        const [nodeList, edgeList] = await Promise.all([reader.nodesByIds(nodeIds), resolveAll(reader, edges)]);
        const nodes = new Map(nodeList.map((n) => [n.id, n]));
        const resolvedEdges = new Map(edgeList.map((e) => [e.id, e]));
        return { raw, nodeIds, edgeIds: edges.map((e) => e.id), nodes, resolvedEdges };
      },
      this.timeoutMs,
    );
    const base = { from: q.from, to: q.to, mode: q.mode, maxHops: q.maxHops };
    if (!found) {
      return {
        ...base,
        nodes: [],
        edges: [],
        paths: [],
        reason: {
          zh: `在 ${q.maxHops} 跳之内没有连接这两个节点的路径${q.types?.length || q.exclude.length ? '（已应用关系类型或排除节点的限制）' : ''}。`,
          en: `No path within ${q.maxHops} hops connects these nodes${q.types?.length || q.exclude.length ? ' (with the relationship-type and exclusion filters applied)' : ''}.`,
        },
      };
    }
    const { raw, nodeIds, edgeIds, nodes, resolvedEdges } = found;
    // Each node and edge once, in the order the paths first reach it; the paths refer to them by id.
    const paths: PathDTO[] = raw.map((p) => ({
      nodes: p.nodeIds,
      edges: p.rels.map((r) => r.id),
      length: p.rels.length,
      explanation: p.rels.map((r, i): HopDTO => {
        const from = p.nodeIds[i]!;
        return {
          from,
          to: p.nodeIds[i + 1]!,
          edge: r.id,
          type: r.type,
          direction: r.source === from ? 'forward' : 'backward',
          sentence: relationshipSentence(r.type, nodes.get(r.source)!, nodes.get(r.target)!),
          evidence: resolvedEdges.get(r.id)?.evidence ?? 'stated',
        };
      }),
    }));
    return {
      ...base,
      nodes: nodeIds.map((id) => nodes.get(id)).filter((n) => n !== undefined),
      edges: edgeIds.map((id) => resolvedEdges.get(id)).filter((e) => e !== undefined),
      paths,
    };
  }
}
