/**
 * api/client — typed calls to the explorer's HTTP API.
 *
 * Every response shape comes from graph/contracts, so a server change that
 * breaks the client is a compile error. Failures become ApiError carrying the
 * server's `{error:{code,message}}` so panels can show them as they are.
 */
import type {
  CypherResultDTO,
  ErrorDTO,
  HealthDTO,
  NodeDetailsDTO,
  PathsResultDTO,
  SchemaDTO,
  SearchResultDTO,
  SourceTextDTO,
  SubgraphDTO,
  TemplateDTO,
} from '../../../graph/contracts';
import type { NodeKind, RelType } from '../../../graph/model';

/** A failed API call: HTTP status plus the server's error code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * The id the server did not find, when `error` is its NOT_FOUND for a node (a stale link, a node removed
 * since the view was loaded); null for any other failure. The server names the id in `details.id`.
 */
export function missingNodeId(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.status !== 404 || error.code !== 'NOT_FOUND') return null;
  const id = (error.details as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : null;
}

/** Options of a neighbourhood expansion. */
export interface NeighborQuery {
  depth?: number;
  kinds?: readonly NodeKind[];
  types?: readonly RelType[];
  limit?: number;
}

/** A path-finder query, as the panel, the URL and the API all know it. */
export interface PathQuery {
  from: string;
  to: string;
  mode: 'shortest' | 'all' | 'k';
  k: number;
  maxHops: number;
  types: RelType[];
  exclude: string[];
}

/** The API surface the store and the panels use; an interface so tests can fake it. */
export interface Api {
  health(): Promise<HealthDTO>;
  schema(): Promise<SchemaDTO>;
  graph(opts?: { kinds?: readonly NodeKind[]; types?: readonly RelType[]; limit?: number }): Promise<SubgraphDTO>;
  search(q: string, opts?: { kinds?: readonly NodeKind[]; limit?: number; signal?: AbortSignal }): Promise<SearchResultDTO>;
  node(id: string): Promise<NodeDetailsDTO>;
  /** A Document node's text with what the graph quotes from each paragraph. */
  sourceText(id: string): Promise<SourceTextDTO>;
  neighbors(id: string, q?: NeighborQuery): Promise<SubgraphDTO>;
  paths(q: PathQuery): Promise<PathsResultDTO>;
  saveLayout(positions: Record<string, { x: number; y: number }>): Promise<void>;
  cypher(query: string, params?: Record<string, unknown>): Promise<CypherResultDTO>;
  templates(): Promise<TemplateDTO[]>;
  runTemplate(name: string, params: Record<string, unknown>): Promise<CypherResultDTO>;
}

/** Builds a query string, leaving out empty values and joining lists with commas. */
export function queryString(params: Record<string, string | number | readonly string[] | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) search.set(key, value.join(','));
    } else {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function isErrorDTO(body: unknown): body is ErrorDTO {
  return (
    typeof body === 'object' &&
    body !== null &&
    'error' in body &&
    typeof (body as ErrorDTO).error === 'object' &&
    (body as ErrorDTO).error !== null
  );
}

/** A JSON request against the API at `base`: parses the body, turns failures into ApiError. */
export type Requester = <T>(path: string, init?: RequestInit) => Promise<T>;

/** A request answered with the response and its text (downloads), or the ApiError its failure deserves. */
export type TextRequester = (path: string, init?: RequestInit) => Promise<{ response: Response; text: string }>;

/** The request function the API clients share (same origin by default): JSON in, JSON out. */
export function createRequester(base = '', fetchImpl: typeof fetch = (...args) => fetch(...args)): Requester {
  const requestText = createTextRequester(base, fetchImpl);
  return async function request<T>(path: string, init?: RequestInit): Promise<T> {
    return parseBody((await requestText(path, init)).text) as T;
  };
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The transport under createRequester: one place for network failures and the API's error format. */
export function createTextRequester(base = '', fetchImpl: typeof fetch = (...args) => fetch(...args)): TextRequester {
  return async function requestText(path: string, init?: RequestInit) {
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, {
        ...init,
        headers: { Accept: 'application/json', ...(init?.body ? { 'Content-Type': 'application/json' } : {}), ...init?.headers },
      });
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') throw error;
      throw new ApiError(0, 'NETWORK', `The server could not be reached (${(error as Error)?.message ?? error}).`);
    }
    const text = await response.text();
    if (!response.ok) {
      const body = parseBody(text);
      if (isErrorDTO(body)) throw new ApiError(response.status, body.error.code, body.error.message, body.error.details);
      throw new ApiError(
        response.status,
        `HTTP_${response.status}`,
        typeof body === 'string' && body ? body.slice(0, 200) : response.statusText,
      );
    }
    return { response, text };
  };
}

/**
 * The API client for a server at `base` (same origin by default: the server
 * serves the built client, and Vite's dev server proxies /api).
 */
export function createApi(base = '', fetchImpl: typeof fetch = (...args) => fetch(...args)): Api {
  const request = createRequester(base, fetchImpl);
  const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });

  return {
    health: () => request('/api/health'),
    schema: () => request('/api/schema'),
    graph: (opts = {}) => request(`/api/graph${queryString({ kinds: opts.kinds, types: opts.types, limit: opts.limit })}`),
    search: (q, opts = {}) =>
      request(
        `/api/search${queryString({ q, kinds: opts.kinds, limit: opts.limit ?? 10 })}`,
        opts.signal ? { signal: opts.signal } : undefined,
      ),
    node: (id) => request(`/api/nodes/${encodeURIComponent(id)}`),
    sourceText: (id) => request(`/api/nodes/${encodeURIComponent(id)}/text`),
    neighbors: (id, q = {}) =>
      request(
        `/api/nodes/${encodeURIComponent(id)}/neighbors${queryString({ depth: q.depth, kinds: q.kinds, types: q.types, limit: q.limit })}`,
      ),
    paths: (q) =>
      request(
        `/api/paths${queryString({
          from: q.from,
          to: q.to,
          mode: q.mode,
          k: q.mode === 'k' ? q.k : undefined,
          maxHops: q.maxHops,
          types: q.types,
          exclude: q.exclude,
        })}`,
      ),
    saveLayout: async (positions) => {
      await request('/api/layout', { method: 'PUT', body: JSON.stringify({ positions }) });
    },
    cypher: (query, params = {}) => request('/api/cypher', post({ query, params })),
    templates: () => request('/api/templates'),
    runTemplate: (name, params) => request(`/api/templates/${encodeURIComponent(name)}`, post({ params })),
  };
}
