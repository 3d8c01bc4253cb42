/**
 * graph/analytics/contracts — the shapes of the research endpoints: analytics,
 * compare, notes, saved views and reports (documents: graph/ingest/contracts).
 *
 * Shared by the server and the client, like graph/contracts.
 */
import type { Bilingual, Evidence, NodeKind, RelType } from '../model';
import type { PathsResultDTO } from '../contracts';

/** The centrality metrics the API offers, by name (graph/analytics/centrality computes them). */
export const CENTRALITY_METRICS = ['degree', 'weightedDegree', 'pagerank', 'betweenness', 'closeness'] as const;
export type CentralityMetric = (typeof CENTRALITY_METRICS)[number];

export interface NodeSummaryDTO {
  id: string;
  kind: NodeKind;
  name_zh: string;
  name_en: string;
}

/** What part of the graph a metric was computed on. */
export interface AnalyticsScopeDTO {
  ns: string[];
  /** null: every kind. */
  kinds: NodeKind[] | null;
  types: RelType[];
}

export interface AnalyticsGraphInfoDTO {
  /** Nodes and connected pairs of the analysed graph (parallel relationships are one weighted edge). */
  nodes: number;
  edges: number;
  /** Relationships the edges stand for. */
  relationships: number;
  /** True when maxNodes cut the scope (the best-connected nodes were kept); `total` says how many there were. */
  truncated: boolean;
  total?: number;
}

export interface CentralityRowDTO extends NodeSummaryDTO {
  /** 1 for the highest value; equal values share a rank. */
  rank: number;
  value: number;
}

export interface CentralityDTO {
  metric: CentralityMetric;
  scope: AnalyticsScopeDTO;
  graph: AnalyticsGraphInfoDTO;
  /** Highest first, at most `limit` rows, only the kinds in `rankKinds` when given. */
  ranking: CentralityRowDTO[];
}

export interface CommunityMemberDTO extends NodeSummaryDTO {
  /** Distinct neighbours in the analysed graph. */
  degree: number;
}

export interface CommunityDTO {
  /** 0 is the largest community. */
  id: number;
  size: number;
  /** Named after its best-connected member. */
  label: Bilingual;
  /** Best connected first. */
  members: CommunityMemberDTO[];
}

export interface CommunitiesDTO {
  scope: AnalyticsScopeDTO;
  graph: AnalyticsGraphInfoDTO;
  resolution: number;
  modularity: number;
  count: number;
  communities: CommunityDTO[];
}

export interface NodeMetricsRowDTO {
  degree: number;
  weightedDegree: number;
  pagerank: number;
  betweenness: number;
  closeness: number;
  community: number;
}

/** Every metric for every node of the scope, to size and colour a drawing. */
export interface NodeMetricsDTO {
  scope: AnalyticsScopeDTO;
  graph: AnalyticsGraphInfoDTO;
  modularity: number;
  communities: number;
  /** Per metric, the largest value (to scale sizes). */
  max: Omit<NodeMetricsRowDTO, 'community'>;
  nodes: Record<string, NodeMetricsRowDTO>;
}

/** One relationship seen from one end, read as a sentence. */
export interface LinkDTO {
  edge: string;
  type: RelType;
  /** `out` when the relationship starts at the node it is listed for. */
  direction: 'out' | 'in';
  evidence?: Evidence;
  sentence: Bilingual;
}

export interface SharedNeighbourDTO extends NodeSummaryDTO {
  degree: number;
  /** How `a` and `b` are each linked to this neighbour. */
  viaA: LinkDTO[];
  viaB: LinkDTO[];
}

export interface CompareDTO {
  a: NodeSummaryDTO & { degree: number };
  b: NodeSummaryDTO & { degree: number };
  adjacent: boolean;
  /** Relationships between a and b themselves (seen from a). */
  direct: LinkDTO[];
  /** Neighbours of both, most specific first (highest Adamic–Adar contribution, i.e. lowest degree). */
  shared: SharedNeighbourDTO[];
  /** Neighbours of only one of them. */
  onlyA: NodeSummaryDTO[];
  onlyB: NodeSummaryDTO[];
  jaccard: number;
  adamicAdar: number;
  /** Connecting paths (services.paths, mode k), with their explanations. */
  paths: PathsResultDTO;
  /** Ingested documents that name both in one sentence. */
  cooccurrence: { document: string; title: string; count: number }[];
  scope: AnalyticsScopeDTO;
}

// ---------------------------------------------------------------- notes and views

export const NOTE_TARGET_KINDS = ['node', 'relationship', 'path', 'view'] as const;
export type NoteTargetKind = (typeof NOTE_TARGET_KINDS)[number];

/** The most nodes a path note's target holds. */
export const PATH_NOTE_MAX_NODES = 50;

/**
 * The id a note stores for a path: its node ids in order. Server and client
 * build it the same way, so the client can ask for the notes on a path it shows.
 */
export function pathTargetId(nodes: readonly string[]): string {
  return `path:${nodes.join('|')}`;
}

/** A note without a title is named by the first line of its body, as it reads (a title is plain text, not Markdown). */
export function noteTitleFromBody(body: string): string {
  const line = body.split('\n').find((l) => l.trim() !== '') ?? '';
  const plain = line
    .replace(/^\s*(?:(?:#{1,6}|>|[*+-]|\d+[.)])\s+)+/, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*|__|~~|`/g, '')
    .replace(/(^|[^\p{L}\p{N}])[*_](?=\S)(.+?)(?<=\S)[*_](?![\p{L}\p{N}])/gu, '$1$2')
    .trim();
  return plain.length > 80 ? `${plain.slice(0, 79)}…` : plain;
}

export interface NoteTargetDTO {
  kind: NoteTargetKind;
  /** A node id, a relationship id, a view id, or for a path `path:<node>|<node>|…`. */
  id: string;
  /** A path's ends and its node ids, in order. */
  from?: string;
  to?: string;
  nodes?: string[];
  /**
   * Whether it is still there: a note outlives its target, so a node or view deleted since, a relationship
   * gone with a reseed, or a path missing one of its nodes reads false.
   */
  exists: boolean;
}

export interface NoteDTO {
  /** `note:<uuid>` */
  id: string;
  target: NoteTargetDTO;
  title: string;
  /** Markdown. */
  body: string;
  author: string;
  /** ISO 8601 times. */
  created: string;
  updated: string;
}

export interface SavedViewStateDTO {
  lang?: 'zh' | 'en';
  /** The focused node. */
  selected?: string;
  /** Further selected nodes (a report's nodes). */
  selection?: string[];
  filters?: { hiddenKinds?: NodeKind[]; hiddenTypes?: RelType[]; hiddenEvidence?: Evidence[]; ns?: string[] };
  expanded?: { id: string; depth: number }[];
  path?: {
    from: string;
    to: string;
    mode?: 'shortest' | 'all' | 'k';
    k?: number;
    maxHops?: number;
    types?: RelType[];
    exclude?: string[];
    active?: number | null;
    /** The node ids of the path shown, in order (a saved path). */
    nodes?: string[];
  };
  camera?: { x: number; y: number; ratio: number; angle?: number };
  tab?: string;
  analytics?: { size?: CentralityMetric; colour?: 'kind' | 'community' };
  /** Anything else the client keeps; stored as is, not interpreted by the server. */
  client?: Record<string, unknown>;
}

export interface SavedViewSummaryDTO {
  /** `view:<uuid>` */
  id: string;
  name: string;
  author: string;
  created: string;
  updated: string;
}

export interface SavedViewDTO extends SavedViewSummaryDTO {
  state: SavedViewStateDTO;
}
