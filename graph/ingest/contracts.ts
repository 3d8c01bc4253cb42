/**
 * graph/ingest/contracts — the shapes the document endpoints answer with (/api/documents…).
 *
 * Shared by the server and the client, like graph/contracts.
 */
import type { GraphEdgeDTO, SubgraphDTO } from '../contracts';
import type { NodeKind } from '../model';
import type { Candidate } from './candidates';
import type { DocumentFormat, DocumentLanguage } from './model';

export type CandidateDTO = Candidate;

export interface DocumentCountsDTO {
  /** Paragraph and sentence passages. */
  paragraphs: number;
  sentences: number;
  /** MENTIONS relationships (one per mention). */
  mentions: number;
  /** Distinct entities mentioned. */
  entities: number;
  /** CO_OCCURS relationships (one per pair of entities). */
  cooccurrences: number;
  /** Nodes accepted from the candidates (in the document's namespace). */
  accepted: number;
  /** Candidate terms still waiting for a decision. */
  candidates: number;
}

export interface DocumentDTO {
  /** `document:<slug>` */
  id: string;
  slug: string;
  /** `doc:<slug>`: pass it as ns= to see accepted nodes in /api/graph and /api/search. */
  ns: string;
  title: string;
  language: DocumentLanguage;
  format: DocumentFormat;
  /** ISO 8601 times. */
  created: string;
  updated: string;
  /** SHA-256 of title, language and canonical text: equal hashes mean an unchanged document. */
  hash: string;
  counts: DocumentCountsDTO;
}

export interface IngestResultDTO {
  /** `unchanged`: the same document was already ingested and nothing was written. */
  status: 'created' | 'replaced' | 'unchanged' | 'relinked';
  document: DocumentDTO;
  candidates: CandidateDTO[];
}

export interface DocumentEntityDTO {
  id: string;
  kind: NodeKind;
  name_zh: string;
  name_en: string;
  ns: string;
  /** How many times the document mentions it. */
  count: number;
}

export interface DocumentDetailsDTO {
  document: DocumentDTO;
  /** Entities the document mentions, most mentioned first. */
  entities: DocumentEntityDTO[];
  candidates: CandidateDTO[];
  /** Folded keys of dismissed candidates. */
  dismissed: string[];
}

export interface MentionDTO {
  /** The sentence passage (`doc:<slug>:p3:s2`) and its paragraph (`doc:<slug>:p3`). */
  passage: string;
  paragraphId: string;
  entity: { id: string; kind: NodeKind; name_zh: string; name_en: string };
  /** Offsets in `sentence`: `sentence.slice(start, end) === text`. */
  start: number;
  end: number;
  text: string;
  sentence: string;
}

export interface MentionsDTO {
  document: string;
  mentions: MentionDTO[];
  truncated: boolean;
}

/** A co-occurrence: two entities named in the same sentence(s) of one document. */
export interface CoOccurrenceEdgeDTO extends Omit<GraphEdgeDTO, 'type'> {
  type: 'CO_OCCURS';
  /** Number of sentences that name both. */
  count: number;
  document: string;
}

export type DocumentGraphEdgeDTO = GraphEdgeDTO | CoOccurrenceEdgeDTO;

/** SubgraphDTO whose edges may also be co-occurrences (type `CO_OCCURS`, with `count`). */
export interface DocumentGraphDTO extends Omit<SubgraphDTO, 'edges'> {
  edges: DocumentGraphEdgeDTO[];
}

export interface DeleteDocumentDTO {
  id: string;
  deleted: { nodes: number; relationships: number; passages: number };
}

export interface AcceptCandidateDTO {
  node: { id: string; kind: NodeKind; name_zh: string; name_en: string; ns: string };
  /** The document after relinking: the new node's mentions are in it. */
  result: IngestResultDTO;
}
