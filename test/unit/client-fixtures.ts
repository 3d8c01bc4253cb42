/**
 * test/unit/client-fixtures — a small graph and an in-memory API for the
 * client's unit tests (no server, no DOM).
 */
import type { GraphEdgeDTO, GraphNodeDTO, NodeDetailsDTO, PathsResultDTO, SubgraphDTO } from '../../graph/contracts';
import type { NodeKind, RelType } from '../../graph/model';
import { ApiError, type Api } from '../../client/src/api/client';

export function node(id: string, kind: NodeKind, en: string, zh: string, extra: Partial<GraphNodeDTO> = {}): GraphNodeDTO {
  return {
    id,
    kind,
    name_en: en,
    name_zh: zh,
    aliases_en: [],
    aliases_zh: [],
    description_en: `${en}.`,
    description_zh: `${zh}。`,
    evidence: 'stated',
    citations: [],
    ns: 'curated',
    ...extra,
  };
}

export function edge(source: string, type: RelType, target: string, evidence: 'stated' | 'inferred' = 'stated'): GraphEdgeDTO {
  return { id: `${source}-${type}-${target}`, type, source, target, evidence, citations: [] };
}

/** The initial graph: a technology mitigating two challenges, an outlook addressing one. */
export const BASE: SubgraphDTO = {
  nodes: [
    node('technology:rag', 'Technology', 'Retrieval-augmented generation', '检索增强生成', { x: 0, y: 0 }),
    node('challenge:hallucination', 'Challenge', 'Hallucination', '幻觉问题', { x: 10, y: 0 }),
    node('challenge:data-privacy', 'Challenge', 'Data privacy', '数据隐私', { x: 0, y: 10 }),
    node('outlook:agi', 'Outlook', 'Toward AGI', '迈向通用人工智能', { x: 10, y: 10 }),
  ],
  edges: [
    edge('technology:rag', 'MITIGATES', 'challenge:hallucination'),
    edge('technology:rag', 'MITIGATES', 'challenge:data-privacy', 'inferred'),
    edge('outlook:agi', 'ADDRESSES', 'challenge:hallucination'),
  ],
  truncated: false,
};

/** Neighbours of the hallucination challenge that are not in the initial graph. */
export const EXTRA_NODES = [
  node('technology:dola', 'Technology', 'DoLa decoding', '层对比解码'),
  node('domain:medicine', 'Domain', 'Medicine', '医疗'),
];
export const EXTRA_EDGES = [
  edge('technology:dola', 'MITIGATES', 'challenge:hallucination'),
  edge('challenge:hallucination', 'AFFECTS', 'domain:medicine'),
];

/** An in-memory Api over BASE + EXTRA; records the calls it gets. */
export function fakeApi(): Api & { calls: string[] } {
  const calls: string[] = [];
  const all = [...BASE.nodes, ...EXTRA_NODES];
  const edges = [...BASE.edges, ...EXTRA_EDGES];
  const details = (id: string): NodeDetailsDTO => {
    const n = all.find((x) => x.id === id);
    // As the server answers an id it does not hold.
    if (!n) throw new ApiError(404, 'NOT_FOUND', `nodes: node "${id}" not found — search for an id with /api/search?q=…`, { id });
    return {
      node: n,
      relationships: edges
        .filter((e) => e.source === id || e.target === id)
        .map((e) => {
          const otherId = e.source === id ? e.target : e.source;
          const other = all.find((x) => x.id === otherId)!;
          return {
            edge: e,
            direction: e.source === id ? ('out' as const) : ('in' as const),
            other: { id: other.id, kind: other.kind, name_zh: other.name_zh, name_en: other.name_en },
            sentence: { zh: `${n.name_zh}…${other.name_zh}`, en: `${n.name_en} … ${other.name_en}` },
          };
        }),
    };
  };
  const paths: PathsResultDTO = {
    from: 'technology:dola',
    to: 'outlook:agi',
    mode: 'shortest',
    maxHops: 6,
    nodes: [EXTRA_NODES[0]!, BASE.nodes[1]!, BASE.nodes[3]!],
    edges: [EXTRA_EDGES[0]!, BASE.edges[2]!],
    paths: [
      {
        nodes: [EXTRA_NODES[0]!.id, BASE.nodes[1]!.id, BASE.nodes[3]!.id],
        edges: [EXTRA_EDGES[0]!.id, BASE.edges[2]!.id],
        length: 2,
        explanation: [
          {
            from: 'technology:dola',
            to: 'challenge:hallucination',
            edge: EXTRA_EDGES[0]!.id,
            type: 'MITIGATES',
            direction: 'forward',
            sentence: { zh: '层对比解码缓解幻觉问题', en: 'DoLa decoding mitigates hallucination' },
            evidence: 'stated',
          },
          {
            from: 'challenge:hallucination',
            to: 'outlook:agi',
            edge: BASE.edges[2]!.id,
            type: 'ADDRESSES',
            direction: 'backward',
            sentence: { zh: '迈向通用人工智能回应幻觉问题', en: 'Toward AGI addresses hallucination' },
            evidence: 'stated',
          },
        ],
      },
    ],
  };
  const fail = () => Promise.reject(new Error('not in the fake'));
  return {
    calls,
    health: fail,
    schema: fail,
    graph: async () => {
      calls.push('graph');
      return structuredClone(BASE);
    },
    search: fail,
    sourceText: fail,
    node: async (id) => {
      calls.push(`node ${id}`);
      return details(id);
    },
    neighbors: async (id) => {
      calls.push(`neighbors ${id}`);
      const es = edges.filter((e) => e.source === id || e.target === id);
      const ids = new Set(es.flatMap((e) => [e.source, e.target]));
      return { nodes: all.filter((n) => ids.has(n.id)), edges: es, truncated: true, total: { nodes: 9 } };
    },
    paths: async (q) => {
      calls.push(`paths ${q.from} ${q.to}`);
      if (q.maxHops < 2) return { ...paths, paths: [], reason: { zh: '6 跳内没有路径', en: 'No path within 1 hop' } };
      return paths;
    },
    saveLayout: async () => undefined,
    cypher: fail,
    templates: fail,
    runTemplate: fail,
  };
}
