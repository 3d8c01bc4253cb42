/**
 * graph/path-result — the paths of a paths answer written out whole: their nodes, edges and each hop's quotes.
 *
 * A paths answer (graph/contracts PathsResultDTO) carries every node and edge once and its paths by id, so
 * 25 shortest paths through the same few nodes do not repeat them; the path panel, the explorer's store and
 * reports read a path whole, through these.
 */
import type { CitationDTO, GraphEdgeDTO, GraphNodeDTO, HopDTO, PathDTO, PathsResultDTO } from './contracts';

/** A hop with its relationship's quotes. */
export interface ExpandedHop extends HopDTO {
  citations: CitationDTO[];
}

/** A path with its nodes and edges in walking order. */
export interface ExpandedPath {
  nodes: GraphNodeDTO[];
  edges: GraphEdgeDTO[];
  length: number;
  explanation: ExpandedHop[];
}

/** One path of `result` written out; ids the answer does not hold are left out. */
export function expandPath(result: Pick<PathsResultDTO, 'nodes' | 'edges'>, path: PathDTO): ExpandedPath {
  return expandWith(indexOf(result), path);
}

interface AnswerIndex {
  nodes: Map<string, GraphNodeDTO>;
  edges: Map<string, GraphEdgeDTO>;
}

function indexOf(result: Pick<PathsResultDTO, 'nodes' | 'edges'>): AnswerIndex {
  return { nodes: new Map(result.nodes.map((n) => [n.id, n])), edges: new Map(result.edges.map((e) => [e.id, e])) };
}

function expandWith({ nodes, edges }: AnswerIndex, path: PathDTO): ExpandedPath {
  return {
    nodes: path.nodes.map((id) => nodes.get(id)).filter((n): n is GraphNodeDTO => n !== undefined),
    edges: path.edges.map((id) => edges.get(id)).filter((e): e is GraphEdgeDTO => e !== undefined),
    length: path.length,
    explanation: path.explanation.map((hop) => ({ ...hop, citations: edges.get(hop.edge)?.citations ?? [] })),
  };
}

// An answer is immutable once received; a panel re-rendering reads the same expansion.
const expanded = new WeakMap<PathsResultDTO, ExpandedPath[]>();

/** Every path of `result` written out, in the answer's order (computed once per answer). */
export function expandPaths(result: PathsResultDTO): ExpandedPath[] {
  let paths = expanded.get(result);
  if (!paths) {
    // One index of the answer for all its paths, not one per path.
    const index = indexOf(result);
    paths = result.paths.map((p) => expandWith(index, p));
    expanded.set(result, paths);
  }
  return paths;
}
