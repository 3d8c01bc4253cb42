/**
 * server/services/research/analytics — centrality, communities and comparisons over the graph the API serves.
 *
 * The analysed graph is the view's subgraph (GraphViewService.view: the
 * scope's nodes, best connected first up to `maxNodes`, and the
 * relationships among them), made undirected and simple by
 * graph/analytics/build. Graphs and the metrics computed on them are cached
 * per scope for a minute, and dropped whenever a document changes.
 */
import type { GraphEdgeDTO } from '../../../graph/contracts';
import {
  type AnalyticsGraph,
  type AnalyticsGraphInfoDTO,
  type AnalyticsScopeDTO,
  type CentralityDTO,
  type CentralityMetric,
  type CommunitiesDTO,
  type CommunityResult,
  type CompareDTO,
  type LinkDTO,
  type NodeMapping,
  type NodeMetricsDTO,
  type NodeSummaryDTO,
  buildAnalyticsGraph,
  centralityMetrics,
  communities,
  pairKey,
  rank,
  similarity,
} from '../../../graph/analytics';
import type { NodeKind, RelType } from '../../../graph/model';
import { relationshipSentence } from '../../../graph/sentences';
import { ValidationError } from '../../errors';
import type { DocumentRepository } from '../../repositories/document-repository';
import type { GraphRepository, Scope } from '../../repositories/graph-repository';
import type { GraphViewService } from '../graph-view';
import { nodeNotFound } from '../nodes';
import type { PathService } from '../paths';

interface Analysed {
  graph: AnalyticsGraph;
  edges: Map<string, GraphEdgeDTO>;
  info: AnalyticsGraphInfoDTO;
  metrics: Map<string, NodeMapping>;
  communities: Map<number, CommunityResult>;
}

export interface AnalyticsOptions {
  /** How long an analysed graph is reused (ms). */
  ttlMs: number;
  /** How many scopes are kept. */
  maxEntries: number;
  /**
   * Largest n·(n + m) for which betweenness and closeness (a breadth-first
   * search from every node) are computed on request: they run on the event
   * loop, and 2.5e7 steps take about a second.
   */
  maxPathWork: number;
}

const DEFAULTS: AnalyticsOptions = { ttlMs: 60_000, maxEntries: 16, maxPathWork: 25_000_000 };
const PATH_METRICS: ReadonlySet<CentralityMetric> = new Set(['betweenness', 'closeness']);

function scopeDTO(scope: Scope): AnalyticsScopeDTO {
  return { ns: scope.ns, kinds: scope.kinds, types: scope.types };
}

function summary(graph: AnalyticsGraph, id: string): NodeSummaryDTO {
  const a = graph.getNodeAttributes(id);
  return { id, kind: a.kind as NodeKind, name_zh: a.name_zh, name_en: a.name_en };
}

export class AnalyticsService {
  private readonly cache = new Map<string, { at: number; value: Promise<Analysed> }>();
  private readonly options: AnalyticsOptions;

  constructor(
    private readonly graphView: GraphViewService,
    private readonly paths: PathService,
    private readonly repo: GraphRepository,
    private readonly documents: DocumentRepository,
    options: Partial<AnalyticsOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Forgets every cached graph (after a write that may change a scope). */
  invalidate(): void {
    this.cache.clear();
  }

  private key(scope: Scope, maxNodes: number): string {
    return JSON.stringify([[...scope.ns].sort(), scope.kinds ? [...scope.kinds].sort() : null, [...scope.types].sort(), maxNodes]);
  }

  private analysed(scope: Scope, maxNodes: number): Promise<Analysed> {
    const key = this.key(scope, maxNodes);
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < this.options.ttlMs) return hit.value;
    const value = (async (): Promise<Analysed> => {
      const sub = await this.graphView.view(scope, maxNodes);
      const graph = buildAnalyticsGraph(sub);
      let relationships = 0;
      graph.forEachEdge((_e, attrs) => {
        relationships += attrs.rels.length;
      });
      return {
        graph,
        edges: new Map(sub.edges.map((e) => [e.id, e])),
        info: {
          nodes: graph.order,
          edges: graph.size,
          relationships,
          truncated: sub.truncated,
          ...(sub.total ? { total: sub.total.nodes } : {}),
        },
        metrics: new Map(),
        communities: new Map(),
      };
    })();
    this.cache.set(key, { at: Date.now(), value });
    value.catch(() => this.cache.delete(key));
    while (this.cache.size > this.options.maxEntries) this.cache.delete(this.cache.keys().next().value!);
    return value;
  }

  private metric(a: Analysed, metric: CentralityMetric): NodeMapping {
    let values = a.metrics.get(metric);
    if (!values) {
      const n = a.graph.order;
      const work = n * (n + a.graph.size);
      if (PATH_METRICS.has(metric) && work > this.options.maxPathWork) {
        // Largest node count that fits, keeping the graph's density.
        const fit = Math.floor(n * Math.sqrt(this.options.maxPathWork / work));
        throw new ValidationError(
          `analytics: ${metric} on ${n} nodes and ${a.graph.size} edges is too costly to compute on request — narrow the scope with kinds, types or ns, or set maxNodes to about ${fit}.`,
          { field: 'maxNodes', nodes: n, edges: a.graph.size },
        );
      }
      values = centralityMetrics[metric](a.graph);
      a.metrics.set(metric, values);
    }
    return values;
  }

  private partition(a: Analysed, resolution: number): CommunityResult {
    let result = a.communities.get(resolution);
    if (!result) {
      result = communities.detailed(a.graph, { resolution });
      a.communities.set(resolution, result);
    }
    return result;
  }

  async centrality(
    scope: Scope,
    metric: CentralityMetric,
    opts: { limit: number; rankKinds: NodeKind[] | null; maxNodes: number },
  ): Promise<CentralityDTO> {
    const a = await this.analysed(scope, opts.maxNodes);
    const values = this.metric(a, metric);
    const kinds = opts.rankKinds ? new Set<string>(opts.rankKinds) : null;
    const ranking = rank(values, {
      limit: opts.limit,
      ...(kinds ? { include: (id: string) => kinds.has(a.graph.getNodeAttribute(id, 'kind')) } : {}),
    }).map((r) => ({ ...summary(a.graph, r.id), rank: r.rank, value: r.value }));
    return { metric, scope: scopeDTO(scope), graph: a.info, ranking };
  }

  async communities(scope: Scope, opts: { resolution: number; maxNodes: number }): Promise<CommunitiesDTO> {
    const a = await this.analysed(scope, opts.maxNodes);
    const result = this.partition(a, opts.resolution);
    const degree = this.metric(a, 'degree');
    const groups = new Map<number, string[]>();
    for (const [node, c] of Object.entries(result.communities)) {
      const members = groups.get(c);
      if (members) members.push(node);
      else groups.set(c, [node]);
    }
    const list = [...groups.entries()]
      .sort(([x], [y]) => x - y)
      .map(([id, ids]) => {
        const members = ids
          .map((m) => ({ ...summary(a.graph, m), degree: degree[m] ?? 0 }))
          .sort((p, q) => q.degree - p.degree || (p.id < q.id ? -1 : 1));
        const top = members[0]!;
        return { id, size: members.length, label: { zh: top.name_zh, en: top.name_en }, members };
      });
    return {
      scope: scopeDTO(scope),
      graph: a.info,
      resolution: opts.resolution,
      modularity: result.modularity,
      count: result.count,
      communities: list,
    };
  }

  async nodeMetrics(scope: Scope, opts: { resolution: number; maxNodes: number }): Promise<NodeMetricsDTO> {
    const a = await this.analysed(scope, opts.maxNodes);
    const m = {
      degree: this.metric(a, 'degree'),
      weightedDegree: this.metric(a, 'weightedDegree'),
      pagerank: this.metric(a, 'pagerank'),
      betweenness: this.metric(a, 'betweenness'),
      closeness: this.metric(a, 'closeness'),
    };
    const part = this.partition(a, opts.resolution);
    const nodes: NodeMetricsDTO['nodes'] = {};
    const max = { degree: 0, weightedDegree: 0, pagerank: 0, betweenness: 0, closeness: 0 };
    a.graph.forEachNode((id) => {
      const row = {
        degree: m.degree[id] ?? 0,
        weightedDegree: m.weightedDegree[id] ?? 0,
        pagerank: m.pagerank[id] ?? 0,
        betweenness: m.betweenness[id] ?? 0,
        closeness: m.closeness[id] ?? 0,
        community: part.communities[id] ?? 0,
      };
      nodes[id] = row;
      for (const k of Object.keys(max) as (keyof typeof max)[]) max[k] = Math.max(max[k], row[k]);
    });
    return { scope: scopeDTO(scope), graph: a.info, modularity: part.modularity, communities: part.count, max, nodes };
  }

  /** The relationships between `from` and `other`, read from `from`'s side. */
  private links(a: Analysed, from: string, other: string): LinkDTO[] {
    const key = pairKey(from, other);
    if (!a.graph.hasEdge(key)) return [];
    const names = (id: string) => a.graph.getNodeAttributes(id);
    return a.graph.getEdgeAttribute(key, 'rels').map((r) => {
      const edge = a.edges.get(r.id);
      return {
        edge: r.id,
        type: r.type as RelType,
        direction: r.source === from ? ('out' as const) : ('in' as const),
        ...(edge ? { evidence: edge.evidence } : {}),
        sentence: relationshipSentence(r.type as RelType, names(r.source), names(r.target)),
      };
    });
  }

  async compare(
    a: string,
    b: string,
    scope: Scope,
    opts: { k: number; maxHops: number; maxNodes: number; typesGiven: boolean },
  ): Promise<CompareDTO> {
    if (a === b) throw new ValidationError(`analytics: "a" and "b" are the same node ("${a}") — pick two different nodes.`, { field: 'b' });
    const missing = await this.repo.missingIds([a, b]);
    if (missing.length > 0) throw nodeNotFound('analytics', missing[0]!);
    const an = await this.analysed(scope, opts.maxNodes);
    for (const id of [a, b]) {
      if (!an.graph.hasNode(id)) {
        throw new ValidationError(
          `analytics: "${id}" is outside the analysed scope (ns=${scope.ns.join(',')}${scope.kinds ? `, kinds=${scope.kinds.join(',')}` : ''}${an.info.truncated ? `, first ${opts.maxNodes} nodes` : ''}) — widen ns or kinds${an.info.truncated ? ', or raise maxNodes' : ''}.`,
          { id },
        );
      }
    }
    const sim = similarity(an.graph, a, b);
    const degree = this.metric(an, 'degree');
    const shared = sim.shared
      .map((z) => ({ ...summary(an.graph, z), degree: degree[z] ?? 0, viaA: this.links(an, a, z), viaB: this.links(an, b, z) }))
      .sort((p, q) => p.degree - q.degree || (p.id < q.id ? -1 : 1));
    const [paths, cooccurrence] = await Promise.all([
      this.paths.find({
        from: a,
        to: b,
        mode: 'k',
        k: opts.k,
        maxHops: opts.maxHops,
        ...(opts.typesGiven ? { types: scope.types } : {}),
        exclude: [],
      }),
      this.documents.cooccurrenceBetween(a, b),
    ]);
    return {
      a: { ...summary(an.graph, a), degree: degree[a] ?? 0 },
      b: { ...summary(an.graph, b), degree: degree[b] ?? 0 },
      adjacent: sim.adjacent,
      direct: this.links(an, a, b),
      shared,
      onlyA: sim.onlyA.map((id) => summary(an.graph, id)),
      onlyB: sim.onlyB.map((id) => summary(an.graph, id)),
      jaccard: sim.jaccard,
      adamicAdar: sim.adamicAdar,
      paths,
      cooccurrence,
      scope: scopeDTO(scope),
    };
  }
}
