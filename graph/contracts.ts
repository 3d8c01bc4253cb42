/**
 * graph/contracts — the shapes the HTTP API answers with.
 *
 * Shared by the server (which produces them) and the client (which reads
 * them), so a change to a response is a compile error on both sides.
 */
import type { Bilingual, Evidence, NodeKind, RelType } from './model';

/** A citation resolved against its source: the sentence, its paragraph and the quote's span. */
export interface CitationDTO {
  passage: string;
  quote: string;
  document?: string;
  /** Id of the paragraph that holds the cited sentence. */
  paragraphId?: string;
  /** The whole paragraph, so the quote can be shown in context. */
  paragraph?: string;
  /** Offsets of the quote within `paragraph` (-1 when it could not be placed). */
  start?: number;
  end?: number;
}

export interface GraphNodeDTO {
  id: string;
  kind: NodeKind;
  name_zh: string;
  name_en: string;
  aliases_zh: string[];
  aliases_en: string[];
  description_zh: string;
  description_en: string;
  evidence: Evidence;
  rationale?: string;
  /** The rationale in Chinese, when the source gives one. */
  rationale_zh?: string;
  citations: CitationDTO[];
  /** Namespace: `curated`, `bench`, `import:<name>`, … */
  ns: string;
  props?: Record<string, string | number | boolean | null>;
  /** Stored layout position, when one exists. */
  x?: number;
  y?: number;
  degree?: number;
}

export interface GraphEdgeDTO {
  id: string;
  type: RelType;
  source: string;
  target: string;
  evidence: Evidence;
  rationale?: string;
  /** The rationale in Chinese, when the source gives one. */
  rationale_zh?: string;
  citations: CitationDTO[];
}

export interface SubgraphDTO {
  nodes: GraphNodeDTO[];
  edges: GraphEdgeDTO[];
  /** True when a limit cut the result; `total` then says how much there was. */
  truncated: boolean;
  total?: { nodes: number; edges?: number };
}

export interface HealthDTO {
  status: 'ok' | 'unavailable';
  neo4j: { connected: boolean; version?: string; edition?: string; error?: string };
  uptimeSeconds: number;
  /** Large answers (graph views, exports, analytics, reports) being built, waiting, and the limit (HEAVY_CONCURRENCY). */
  heavy?: { running: number; waiting: number; limit: number };
}

export interface SchemaDTO {
  kinds: { kind: NodeKind; name: Bilingual; description: Bilingual; count: number }[];
  types: {
    type: RelType;
    verb: Bilingual;
    description: Bilingual;
    from: NodeKind[];
    to: NodeKind[];
    count: number;
  }[];
}

export interface SearchHitDTO {
  id: string;
  kind: NodeKind;
  name_zh: string;
  name_en: string;
  score: number;
  /** The name or alias that matched best. */
  matched?: string;
}

export interface SearchResultDTO {
  query: string;
  hits: SearchHitDTO[];
}

export interface RelationshipInWordsDTO {
  edge: GraphEdgeDTO;
  direction: 'out' | 'in';
  other: Pick<GraphNodeDTO, 'id' | 'kind' | 'name_zh' | 'name_en'>;
  sentence: Bilingual;
}

export interface NodeDetailsDTO {
  node: GraphNodeDTO;
  relationships: RelationshipInWordsDTO[];
  /** Documents (other than the curated article) whose passages mention the node. */
  mentions?: { document: string; title: string; count: number }[];
}

/** A node named in a list: enough to show it (kind dot, name) and to focus it. */
export type NodeSummaryDTO = Pick<GraphNodeDTO, 'id' | 'kind' | 'name_zh' | 'name_en'>;

/** A relationship named in a list: its type, its evidence and both ends. */
export interface RelationshipSummaryDTO {
  id: string;
  type: RelType;
  evidence: Evidence;
  source: NodeSummaryDTO;
  target: NodeSummaryDTO;
}

/** A quote in a source paragraph and what in the graph cites it: a node or a relationship. */
export interface SourceCitationDTO {
  /** The cited sentence's passage id. */
  passage: string;
  quote: string;
  /** Offsets of the quote within its paragraph's text (-1 when it could not be placed). */
  start: number;
  end: number;
  node?: NodeSummaryDTO;
  relationship?: RelationshipSummaryDTO;
}

/** One paragraph of a source document, with every citation that quotes it. */
export interface SourceParagraphDTO {
  id: string;
  paragraph: number;
  text: string;
  citations: SourceCitationDTO[];
}

/** A Document node's text paragraph by paragraph, read against the graph that cites it (GET /api/nodes/:id/text). */
export interface SourceTextDTO {
  document: NodeSummaryDTO;
  paragraphs: SourceParagraphDTO[];
  /** How much of the text the graph cites, and by how many distinct nodes and relationships. */
  counts: { paragraphs: number; cited: number; nodes: number; relationships: number };
}

/** One step of a path, in words; its relationship, quotes included, is the answer's edge `edge`. */
export interface HopDTO {
  from: string;
  to: string;
  edge: string;
  type: RelType;
  /** `forward` when the hop follows the relationship's direction. */
  direction: 'forward' | 'backward';
  sentence: Bilingual;
  evidence: Evidence;
}

/** A path by reference: its nodes and edges are the ids of the answer's `nodes` and `edges`, in walking order. */
export interface PathDTO {
  nodes: string[];
  edges: string[];
  length: number;
  explanation: HopDTO[];
}

/**
 * Paths between two nodes. Every node and edge the paths run through is in `nodes` and `edges` once, with
 * its citations; the paths refer to them by id (all shortest paths share most of their nodes: 25 paths
 * written out whole carried about ten times the nodes there are). graph/path-result expands a path.
 */
export interface PathsResultDTO {
  from: string;
  to: string;
  mode: 'shortest' | 'all' | 'k';
  maxHops: number;
  nodes: GraphNodeDTO[];
  edges: GraphEdgeDTO[];
  paths: PathDTO[];
  /** Present when `paths` is empty: why (e.g. "no path within 6 hops"). */
  reason?: Bilingual;
}

export interface CypherResultDTO {
  columns: string[];
  rows: unknown[][];
  graph: { nodes: GraphNodeDTO[]; edges: GraphEdgeDTO[] };
  truncated: boolean;
  elapsedMs: number;
}

export interface TemplateParamDTO {
  name: string;
  type: 'string' | 'integer';
  description: Bilingual;
  /** Node kind to pick an id of, for a search picker. */
  kind?: NodeKind;
  default?: string | number;
}

export interface TemplateDTO {
  name: string;
  title: Bilingual;
  description: Bilingual;
  params: TemplateParamDTO[];
  cypher: string;
}

/** The one error format of every failure. */
export interface ErrorDTO {
  error: { code: string; message: string; details?: unknown };
}
