/**
 * api/research — typed calls to the research endpoints: analytics, compare,
 * documents, notes, saved views and reports.
 *
 * Writes carry the API key (X-API-Key) the analyst entered; it lives in
 * sessionStorage only, so it is gone when the tab closes. Response shapes
 * come from graph/analytics/contracts and graph/ingest/contracts.
 */
import type {
  CentralityDTO,
  CommunitiesDTO,
  CompareDTO,
  NodeMetricsDTO,
  NoteDTO,
  NoteTargetKind,
  SavedViewDTO,
  SavedViewStateDTO,
  SavedViewSummaryDTO,
} from '../../../graph/analytics/contracts';
import type { CentralityMetric } from '../../../graph/analytics/contracts';
import type {
  AcceptCandidateDTO,
  CandidateDTO,
  DeleteDocumentDTO,
  DocumentDTO,
  DocumentDetailsDTO,
  DocumentGraphDTO,
  IngestResultDTO,
  MentionsDTO,
} from '../../../graph/ingest/contracts';
import type { NodeKind } from '../../../graph/model';
import { ApiError, createRequester, createTextRequester, queryString } from './client';

/** sessionStorage key of the API key. */
export const API_KEY_STORAGE = 'llm-explorer:api-key';
/** localStorage key of the name new notes are signed with (not a secret: it outlives the tab). */
export const AUTHOR_STORAGE = 'llm-explorer:author';

/** What a note is attached to, as the API takes it. */
export interface NoteTargetInput {
  kind: NoteTargetKind;
  id?: string;
  from?: string;
  to?: string;
  nodes?: string[];
}

/** A document to ingest. */
export interface DocumentInput {
  title: string;
  language: 'zh' | 'en';
  text: string;
  format?: 'text' | 'markdown';
  slug?: string;
  replace?: boolean;
}

/** A report request (see POST /api/reports). */
export interface ReportInput {
  format: 'markdown' | 'html';
  language: 'zh' | 'en' | 'both';
  title?: string;
  nodes?: string[];
  path?: { from: string; to: string; nodes?: string[]; mode?: 'shortest' | 'all' | 'k'; k?: number; maxHops?: number };
  image?: string;
}

/** A report file as the server answered it. */
export interface ReportFile {
  fileName: string;
  contentType: string;
  text: string;
}

/** The research endpoints; an interface so tests can fake it. */
export interface ResearchApi {
  apiKey(): string;
  setApiKey(key: string): void;
  /** The name new notes are signed with ('' → the server's default, "analyst"). */
  author(): string;
  setAuthor(name: string): void;
  centrality(metric: CentralityMetric, opts?: { rankKinds?: readonly NodeKind[]; limit?: number }): Promise<CentralityDTO>;
  communities(): Promise<CommunitiesDTO>;
  nodeMetrics(): Promise<NodeMetricsDTO>;
  compare(a: string, b: string, opts?: { k?: number; maxHops?: number }): Promise<CompareDTO>;
  documents(): Promise<DocumentDTO[]>;
  document(id: string): Promise<DocumentDetailsDTO>;
  ingest(doc: DocumentInput): Promise<IngestResultDTO>;
  documentGraph(id: string, opts?: { limit?: number; curated?: boolean }): Promise<DocumentGraphDTO>;
  documentMentions(id: string, node?: string): Promise<MentionsDTO>;
  /** Accepts a candidate as a node; `names` set its names (by default both are the term as written). */
  acceptCandidate(
    id: string,
    term: string,
    kind: Exclude<NodeKind, 'Document'>,
    names?: { name_zh?: string; name_en?: string },
  ): Promise<AcceptCandidateDTO>;
  dismissCandidate(id: string, term: string): Promise<{ document: string; candidates: CandidateDTO[]; dismissed: string[] }>;
  deleteDocument(id: string): Promise<DeleteDocumentDTO>;
  /**
   * Notes, last changed first: touching a node, on one target, or (neither) every note; `after` a page's
   * last note; `q` words their title, text or signature holds.
   */
  notes(opts: { node?: string; target?: string; limit?: number; after?: NoteDTO; q?: string }): Promise<NoteDTO[]>;
  createNote(target: NoteTargetInput, body: string, title?: string): Promise<NoteDTO>;
  /** Changes a note's title, body or both (an empty title names the note by its body's first line). */
  updateNote(id: string, changes: { title?: string; body?: string }): Promise<NoteDTO>;
  deleteNote(id: string): Promise<{ id: string; deleted: true }>;
  views(): Promise<SavedViewSummaryDTO[]>;
  view(id: string): Promise<SavedViewDTO>;
  createView(name: string, state: SavedViewStateDTO): Promise<SavedViewDTO>;
  renameView(id: string, name: string): Promise<SavedViewDTO>;
  deleteView(id: string): Promise<{ id: string; deleted: true }>;
  report(input: ReportInput): Promise<ReportFile>;
}

function readStored(storage: 'sessionStorage' | 'localStorage', key: string): string {
  try {
    return globalThis[storage]?.getItem(key) ?? '';
  } catch {
    return '';
  }
}

function writeStored(storage: 'sessionStorage' | 'localStorage', key: string, value: string): void {
  try {
    if (value) globalThis[storage].setItem(key, value);
    else globalThis[storage].removeItem(key);
  } catch {
    /* storage unavailable: the value lasts as long as the page */
  }
}

/** Why a write was refused, for the interface: no key, writes disabled on the server, or a wrong key. */
export type WriteRefusal =
  | 'needKey'
  | 'writesDisabled'
  | 'wrongKey'
  | 'writeRateLimited'
  | 'writeTooLarge'
  | 'writeDatabaseDown'
  | 'writeBusy'
  | 'writeShuttingDown'
  | 'writeTimedOut';

/**
 * Classifies a write the server refused for a reason every write shares — the key (401/403), the rate
 * limit, the body's size, a database down or busy, a server stopping, the time limit — by its code, so
 * the explorer says it in the analyst's language; null for anything else (the API's own message is shown).
 */
export function writeRefusal(error: unknown): WriteRefusal | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 401) return 'needKey';
  if (error.status === 403) return error.code === 'WRITES_DISABLED' ? 'writesDisabled' : 'wrongKey';
  switch (error.code) {
    case 'RATE_LIMITED':
      return 'writeRateLimited';
    case 'PAYLOAD_TOO_LARGE':
      return 'writeTooLarge';
    case 'DATABASE_UNAVAILABLE':
      return 'writeDatabaseDown';
    case 'DATABASE_BUSY':
    case 'SERVER_BUSY':
      return 'writeBusy';
    case 'SHUTTING_DOWN':
      return 'writeShuttingDown';
    case 'TIMEOUT':
      return 'writeTimedOut';
    default:
      return null;
  }
}

/** The research API client for a server at `base` (same origin by default). */
export function createResearchApi(base = '', fetchImpl: typeof fetch = (...args) => fetch(...args)): ResearchApi {
  const request = createRequester(base, fetchImpl);
  const requestText = createTextRequester(base, fetchImpl);
  let key = readStored('sessionStorage', API_KEY_STORAGE);
  let author = readStored('localStorage', AUTHOR_STORAGE);
  const write = (method: string, body?: unknown): RequestInit => ({
    method,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    headers: key ? { 'X-API-Key': key } : {},
  });
  const enc = encodeURIComponent;

  return {
    apiKey: () => key,
    setApiKey: (next) => {
      key = next.trim();
      writeStored('sessionStorage', API_KEY_STORAGE, key);
    },
    author: () => author,
    setAuthor: (next) => {
      author = next.trim().slice(0, 100);
      writeStored('localStorage', AUTHOR_STORAGE, author);
    },
    centrality: (metric, opts = {}) =>
      request(`/api/analytics/centrality${queryString({ metric, rankKinds: opts.rankKinds, limit: opts.limit ?? 20 })}`),
    communities: () => request('/api/analytics/communities'),
    nodeMetrics: () => request('/api/analytics/nodes'),
    compare: (a, b, opts = {}) => request(`/api/analytics/compare${queryString({ a, b, k: opts.k, maxHops: opts.maxHops })}`),
    documents: () => request('/api/documents'),
    document: (id) => request(`/api/documents/${enc(id)}`),
    ingest: (doc) => request('/api/documents', write('POST', doc)),
    documentGraph: (id, opts = {}) =>
      request(`/api/documents/${enc(id)}/graph${queryString({ limit: opts.limit, curated: opts.curated ? 'true' : undefined })}`),
    documentMentions: (id, node) => request(`/api/documents/${enc(id)}/mentions${queryString({ node })}`),
    acceptCandidate: (id, term, kind, names = {}) =>
      request(`/api/documents/${enc(id)}/candidates/accept`, write('POST', { term, kind, ...names })),
    dismissCandidate: (id, term) => request(`/api/documents/${enc(id)}/candidates/dismiss`, write('POST', { term })),
    deleteDocument: (id) => request(`/api/documents/${enc(id)}`, write('DELETE')),
    notes: (opts) =>
      request(
        `/api/notes${queryString({
          node: opts.node,
          target: opts.target,
          limit: opts.limit,
          after: opts.after ? `${opts.after.updated}|${opts.after.id}` : undefined,
          q: opts.q,
        })}`,
      ),
    createNote: (target, body, title) =>
      request('/api/notes', write('POST', { target, body, ...(title ? { title } : {}), ...(author ? { author } : {}) })),
    updateNote: (id, changes) => request(`/api/notes/${enc(id)}`, write('PATCH', changes)),
    deleteNote: (id) => request(`/api/notes/${enc(id)}`, write('DELETE')),
    views: () => request('/api/views'),
    view: (id) => request(`/api/views/${enc(id)}`),
    createView: (name, state) => request('/api/views', write('POST', { name, state })),
    renameView: (id, name) => request(`/api/views/${enc(id)}`, write('PATCH', { name })),
    deleteView: (id) => request(`/api/views/${enc(id)}`, write('DELETE')),
    report: async (input) => {
      const { response, text } = await requestText('/api/reports', {
        method: 'POST',
        body: JSON.stringify(input),
        headers: { Accept: input.format === 'html' ? 'text/html' : 'text/markdown' },
      });
      const disposition = response.headers.get('Content-Disposition') ?? '';
      const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? (input.format === 'html' ? 'report.html' : 'report.md');
      return { fileName, contentType: response.headers.get('Content-Type') ?? 'text/markdown', text };
    },
  };
}
