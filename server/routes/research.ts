/**
 * server/routes/research — analytics, notes, saved views, documents and reports.
 *
 * Reading needs no key; every write (notes, views, documents) needs the API
 * key in X-API-Key (401 without it, 403 when it is wrong or when the server
 * has none configured), exactly like PUT /api/layout. The request and
 * response schemas below are the OpenAPI document of these endpoints; the
 * response schemas are checked against graph/analytics/contracts and
 * graph/ingest/contracts at compile time (see the bottom).
 */
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { CENTRALITY_METRICS, PATH_NOTE_MAX_NODES } from '../../graph/analytics/contracts';
import {
  type CentralityDTO,
  type CommunitiesDTO,
  type CompareDTO,
  NOTE_TARGET_KINDS,
  type NodeMetricsDTO,
  type NoteDTO,
  type SavedViewDTO,
  type SavedViewSummaryDTO,
} from '../../graph/analytics/contracts';
import { CANDIDATE_REASONS } from '../../graph/ingest/candidates';
import type {
  AcceptCandidateDTO,
  DeleteDocumentDTO,
  DocumentDTO,
  DocumentDetailsDTO,
  DocumentGraphDTO,
  IngestResultDTO,
  MentionsDTO,
} from '../../graph/ingest/contracts';
import { DOCUMENT_FORMATS, DOCUMENT_LANGUAGES, SLUG } from '../../graph/ingest/model';
import { ACCEPT_KINDS } from '../../graph/ingest/suggested-kind';
import { EVIDENCE, NODE_KINDS, REL_TYPES } from '../../graph/model';
import type { Config } from '../config';
import { rateLimited } from '../middleware/rate-limit';
import type { Services } from '../services';
import type { CandidatesDTO } from '../services/research/documents';
import { REPORT_FORMATS } from '../services/research/reports';
import { makeScope } from '../services/scope';
import { type RouteContext, defineRoute } from './define';
import * as S from './schemas';

// ---------------------------------------------------------------- request schemas

const int = S.intParam;

const flag = (name: string) =>
  z
    .enum(['true', 'false', '1', '0'], { error: () => `${name} must be true or false` })
    .optional()
    .transform((v) => v === 'true' || v === '1');

const NS_ITEM = z.string().regex(/^[a-z0-9][a-z0-9:_-]{0,63}$/, 'must be a namespace such as curated or doc:my-article');
const { kindEnum, typeEnum } = S;
const metricEnum = z.enum(CENTRALITY_METRICS, { error: () => `metric must be one of ${CENTRALITY_METRICS.join(', ')}` });
const author = z.string().trim().max(100, 'author must be at most 100 characters').optional();

const ScopeQuery = {
  kinds: S.Kinds,
  types: S.Types,
  ns: S.Namespaces,
  maxNodes: int(5000, 1, 20000, 'maxNodes'),
};

export const CentralityQuery = z.object({
  metric: metricEnum.default('pagerank'),
  ...ScopeQuery,
  rankKinds: S.Kinds,
  limit: int(20, 1, 20000, 'limit'),
});

export const CommunitiesQuery = z.object({
  ...ScopeQuery,
  resolution: z.coerce
    .number({ error: () => 'resolution must be a number from 0.05 to 10' })
    .min(0.05, 'resolution must be at least 0.05')
    .max(10, 'resolution must be at most 10')
    .default(1),
});

export const CompareQuery = z.object({
  a: S.ID,
  b: S.ID,
  ...ScopeQuery,
  k: int(3, 1, 10, 'k'),
  maxHops: int(6, 1, 10, 'maxHops'),
});

export const DocumentIdParams = z.object({
  id: z
    .string()
    .regex(/^document:[a-z0-9][a-z0-9-]{0,59}$/, 'must be a document id such as document:my-article (list them with GET /api/documents)'),
});

export const DocumentBody = z.strictObject({
  title: z
    .string({ error: (iss) => (iss.input === undefined ? "title is required: the document's title" : 'title must be text') })
    .trim()
    .min(1, 'title must not be empty')
    .max(300, 'title must be at most 300 characters'),
  language: z.enum(DOCUMENT_LANGUAGES, { error: () => 'language must be zh or en' }),
  text: z
    .string({ error: (iss) => (iss.input === undefined ? "text is required: the document's text" : 'text must be a string') })
    .min(1, 'text must not be empty')
    .max(
      1_000_000,
      "text must be at most 1,000,000 characters, and the whole JSON body at most 1 MB (the API's limit) — split the document, or ingest it from a file with npm run ingest",
    ),
  slug: z.string().regex(SLUG, 'slug must be lower-case letters, digits and hyphens (at most 60), e.g. fl-in-hospitals').optional(),
  format: z.enum(DOCUMENT_FORMATS, { error: () => 'format must be text or markdown' }).default('text'),
  replace: z.boolean({ error: () => 'replace must be true or false' }).default(false),
});

export const DocumentGraphQuery = z.object({
  limit: int(500, 1, 5000, 'limit'),
  minCount: int(1, 1, 1000, 'minCount'),
  curated: flag('curated'),
});

export const MentionsQuery = z.object({ node: S.ID.optional(), limit: int(500, 1, 10000, 'limit') });

const term = z.string().trim().min(2, 'term must have at least two characters').max(200, 'term must be at most 200 characters');

const AcceptKind = z.enum(ACCEPT_KINDS, { error: () => `kind must be one of ${ACCEPT_KINDS.join(', ')}` });

export const AcceptBody = z.strictObject({
  term,
  kind: AcceptKind,
  name_zh: z.string().trim().min(1).max(200).optional(),
  name_en: z.string().trim().min(1).max(200).optional(),
  description_zh: z.string().trim().max(2000).optional(),
  description_en: z.string().trim().max(2000).optional(),
});

export const DismissBody = z.strictObject({ term, restore: z.boolean().default(false) });

const NoteTarget = z
  .strictObject({
    kind: z.enum(NOTE_TARGET_KINDS, { error: () => `target.kind must be one of ${NOTE_TARGET_KINDS.join(', ')}` }),
    id: S.ID.optional(),
    from: S.ID.optional(),
    to: S.ID.optional(),
    nodes: z
      .array(S.ID)
      .min(2, 'a path has at least two nodes')
      .max(PATH_NOTE_MAX_NODES, `a path has at most ${PATH_NOTE_MAX_NODES} nodes`)
      .optional(),
  })
  .describe(
    'what the note is on: {"kind": "node", "id": …}, {"kind": "relationship", "id": …}, {"kind": "path", "nodes": [id, …]} or {"kind": "view", "id": …}',
  );

/** What `?target=` takes: a node, relationship or view id, or a path's id (`path:<id>|<id>|…`, as a note's target.id gives it). */
const NoteTargetId = z
  .string()
  .max(PATH_NOTE_MAX_NODES * 201 + 5, `must be at most one path of ${PATH_NOTE_MAX_NODES} node ids`)
  .refine((s) => {
    if (!s.startsWith('path:')) return S.ID.safeParse(s).success;
    const nodes = s.slice('path:'.length).split('|');
    return nodes.length >= 2 && nodes.length <= PATH_NOTE_MAX_NODES && nodes.every((n) => S.ID.safeParse(n).success);
  }, "must be a target id: a node id such as technology:rag, a relationship or view id, or a path as path:<id>|<id>|… (a note's target.id)");

export const NoteBody = z.strictObject({
  target: NoteTarget,
  title: z.string().trim().max(200, 'title must be at most 200 characters').optional(),
  body: z
    .string()
    .min(1, 'body must not be empty (Markdown)')
    .max(20_000, 'body must be at most 20000 characters')
    .describe("the note's text (Markdown)"),
  author,
});

export const NotePatch = z
  .strictObject({
    title: z.string().trim().max(200, 'title must be at most 200 characters').optional(),
    body: z.string().min(1, 'body must not be empty').max(20_000, 'body must be at most 20000 characters').optional(),
  })
  .refine((p) => p.title !== undefined || p.body !== undefined, 'send title, body or both');

export const NotesQuery = z.object({
  target: NoteTargetId.optional(),
  targetKind: z.enum(NOTE_TARGET_KINDS, { error: () => `targetKind must be one of ${NOTE_TARGET_KINDS.join(', ')}` }).optional(),
  node: S.ID.optional(),
  author,
  after: z
    .string()
    .regex(
      /^\d{4}-\d{2}-\d{2}T[\d:.]+Z\|note:[0-9a-f-]{36}$/,
      'must be the last note of the page before, as <updated>|<id> (e.g. 2026-12-01T10:00:00.000Z|note:…)',
    )
    .transform((v) => {
      const at = v.indexOf('|');
      return { updated: v.slice(0, at), id: v.slice(at + 1) };
    })
    .optional(),
  q: z.string().trim().max(200, 'q must be at most 200 characters').optional(),
  limit: int(100, 1, 1000, 'limit'),
});

const finite = z.number().finite();

export const ViewState = z.strictObject({
  lang: z.enum(['zh', 'en']).optional(),
  selected: S.ID.optional(),
  selection: z.array(S.ID).max(5000, 'at most 5000 selected nodes').optional(),
  filters: z
    .strictObject({
      hiddenKinds: z.array(kindEnum).optional(),
      hiddenTypes: z.array(typeEnum).optional(),
      hiddenEvidence: z.array(z.enum(EVIDENCE)).optional(),
      ns: z.array(NS_ITEM).max(20).optional(),
    })
    .optional(),
  expanded: z
    .array(z.strictObject({ id: S.ID, depth: z.number().int().min(1).max(3) }))
    .max(500)
    .optional(),
  path: z
    .strictObject({
      from: S.ID,
      to: S.ID,
      mode: z.enum(['shortest', 'all', 'k']).optional(),
      k: z.number().int().min(1).max(10).optional(),
      maxHops: z.number().int().min(1).max(10).optional(),
      types: z.array(typeEnum).optional(),
      exclude: z.array(S.ID).max(50).optional(),
      active: z.number().int().min(0).nullable().optional(),
      nodes: z.array(S.ID).min(2).max(50).optional(),
    })
    .optional(),
  camera: z.strictObject({ x: finite, y: finite, ratio: finite.positive(), angle: finite.optional() }).optional(),
  tab: z.string().max(40).optional(),
  analytics: z.strictObject({ size: metricEnum.optional(), colour: z.enum(['kind', 'community']).optional() }).optional(),
  client: z.record(z.string().max(100), z.unknown()).optional(),
});

const viewName = z
  .string()
  .trim()
  .min(1, 'name must not be empty')
  .max(100, 'name must be at most 100 characters')
  .describe('the name to save the view under');

export const ViewBody = z.strictObject({
  name: viewName,
  state: ViewState.describe(
    'what the view shows: {lang?, selected?, selection?, filters?, expanded?, path?, camera?, tab?, analytics?, client?}',
  ),
  author,
});
export const ViewPatch = z
  .strictObject({ name: viewName.optional(), state: ViewState.optional() })
  .refine((p) => p.name !== undefined || p.state !== undefined, 'send name, state or both');
export const ViewsQuery = z.object({ limit: int(200, 1, 1000, 'limit') });

export const ReportBody = z.strictObject({
  title: z.string().trim().max(300).optional(),
  format: z.enum(REPORT_FORMATS, { error: () => 'format must be markdown or html' }).default('markdown'),
  language: z.enum(['zh', 'en', 'both'], { error: () => 'language must be zh, en or both' }).default('both'),
  nodes: z.array(S.ID).max(200, 'at most 200 nodes').optional(),
  path: z
    .strictObject({
      from: S.ID,
      to: S.ID,
      nodes: z.array(S.ID).min(2).max(50).optional(),
      mode: z.enum(['shortest', 'all', 'k']).optional(),
      k: z.number().int().min(1).max(10).optional(),
      maxHops: z.number().int().min(1).max(10).optional(),
      types: z.array(typeEnum).optional(),
      exclude: z.array(S.ID).max(50).optional(),
    })
    .optional(),
  viewId: S.idOf('a saved view', 'view:0f8e…', 'GET /api/views').optional(),
  noteIds: z
    .array(S.idOf('a note', 'note:0f8e…', 'GET /api/notes'))
    .max(100)
    .optional(),
  includeNotes: z.boolean().default(true),
  image: z
    .string()
    .max(1_000_000, 'image must be at most 1,000,000 characters (the whole JSON body is limited to 1 MB)')
    .regex(/^data:image\/png;base64,/, 'image must be a PNG data URL: data:image/png;base64,…')
    .optional(),
  author,
});

// ---------------------------------------------------------------- response schemas

const { Bilingual, Summary } = S;
const ScopeSchema = z.object({ ns: z.array(z.string()), kinds: z.array(z.enum(NODE_KINDS)).nullable(), types: z.array(z.enum(REL_TYPES)) });
const GraphInfo = z.object({
  nodes: z.number(),
  edges: z.number(),
  relationships: z.number(),
  truncated: z.boolean(),
  total: z.number().optional(),
});

export const CentralitySchema = z.object({
  metric: z.enum(CENTRALITY_METRICS),
  scope: ScopeSchema,
  graph: GraphInfo,
  ranking: z.array(Summary.extend({ rank: z.number(), value: z.number() })),
});

export const CommunitiesSchema = z.object({
  scope: ScopeSchema,
  graph: GraphInfo,
  resolution: z.number(),
  modularity: z.number(),
  count: z.number(),
  communities: z.array(
    z.object({ id: z.number(), size: z.number(), label: Bilingual, members: z.array(Summary.extend({ degree: z.number() })) }),
  ),
});

const MetricsRow = z.object({
  degree: z.number(),
  weightedDegree: z.number(),
  pagerank: z.number(),
  betweenness: z.number(),
  closeness: z.number(),
  community: z.number(),
});
export const NodeMetricsSchema = z.object({
  scope: ScopeSchema,
  graph: GraphInfo,
  modularity: z.number(),
  communities: z.number(),
  max: MetricsRow.omit({ community: true }),
  nodes: z.record(z.string(), MetricsRow),
});

const Link = z.object({
  edge: z.string(),
  type: z.enum(REL_TYPES),
  direction: z.enum(['out', 'in']),
  evidence: z.enum(EVIDENCE).optional(),
  sentence: Bilingual,
});
export const CompareSchema = z.object({
  a: Summary.extend({ degree: z.number() }),
  b: Summary.extend({ degree: z.number() }),
  adjacent: z.boolean(),
  direct: z.array(Link),
  shared: z.array(Summary.extend({ degree: z.number(), viaA: z.array(Link), viaB: z.array(Link) })),
  onlyA: z.array(Summary),
  onlyB: z.array(Summary),
  jaccard: z.number(),
  adamicAdar: z.number(),
  paths: S.PathsResultSchema,
  cooccurrence: z.array(z.object({ document: z.string(), title: z.string(), count: z.number() })),
  scope: ScopeSchema,
});

const Candidate = z.object({
  term: z.string(),
  key: z.string(),
  reason: z.enum(CANDIDATE_REASONS),
  kind: AcceptKind.optional(),
  gloss: z.string().optional(),
  count: z.number(),
  examples: z.array(
    z.object({ passage: z.string(), start: z.number(), end: z.number(), text: z.string(), sentence: z.string().optional() }),
  ),
});
export const DocumentSchema = z.object({
  id: z.string(),
  slug: z.string(),
  ns: z.string(),
  title: z.string(),
  language: z.enum(DOCUMENT_LANGUAGES),
  format: z.enum(DOCUMENT_FORMATS),
  created: z.string(),
  updated: z.string(),
  hash: z.string(),
  counts: z.object({
    paragraphs: z.number(),
    sentences: z.number(),
    mentions: z.number(),
    entities: z.number(),
    cooccurrences: z.number(),
    accepted: z.number(),
    candidates: z.number(),
  }),
});
export const IngestResultSchema = z.object({
  status: z.enum(['created', 'replaced', 'unchanged', 'relinked']),
  document: DocumentSchema,
  candidates: z.array(Candidate),
});
export const DocumentDetailsSchema = z.object({
  document: DocumentSchema,
  entities: z.array(Summary.extend({ ns: z.string(), count: z.number() })),
  candidates: z.array(Candidate),
  dismissed: z.array(z.string()),
});
export const CandidatesSchema = z.object({ document: z.string(), candidates: z.array(Candidate), dismissed: z.array(z.string()) });
export const MentionsSchema = z.object({
  document: z.string(),
  mentions: z.array(
    z.object({
      passage: z.string(),
      paragraphId: z.string(),
      entity: Summary,
      start: z.number(),
      end: z.number(),
      text: z.string(),
      sentence: z.string(),
    }),
  ),
  truncated: z.boolean(),
});
const CoOccurrenceEdge = S.EdgeSchema.extend({ type: z.literal('CO_OCCURS'), count: z.number(), document: z.string() });
export const DocumentGraphSchema = S.SubgraphSchema.extend({ edges: z.array(z.union([S.EdgeSchema, CoOccurrenceEdge])) });
export const DeleteDocumentSchema = z.object({
  id: z.string(),
  deleted: z.object({ nodes: z.number(), relationships: z.number(), passages: z.number() }),
});
export const AcceptCandidateSchema = z.object({
  node: Summary.extend({ ns: z.string() }),
  result: IngestResultSchema,
});

export const NoteSchema = z.object({
  id: z.string(),
  target: z.object({
    kind: z.enum(NOTE_TARGET_KINDS),
    id: z.string(),
    from: z.string().optional(),
    to: z.string().optional(),
    nodes: z.array(z.string()).optional(),
    exists: z.boolean().describe('Whether the target is still there; a note outlives a deleted node, relationship or view.'),
  }),
  title: z.string(),
  body: z.string(),
  author: z.string(),
  created: z.string(),
  updated: z.string(),
});
export const ViewSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  author: z.string(),
  created: z.string(),
  updated: z.string(),
});
export const ViewSchema = ViewSummarySchema.extend({ state: ViewState });
const Deleted = z.object({ id: z.string(), deleted: z.literal(true) });

// ---------------------------------------------------------------- routes

const KEY_NOTE = ' Needs the API key (X-API-Key): 401 without it, 403 when it is wrong or the server has none.';

/**
 * Registers the research endpoints on the API router (and in its OpenAPI document).
 * `writeGuard` is the API's own (rate limit, then key), so a client has one write budget.
 */
export function registerResearchRoutes(
  ctx: RouteContext,
  services: Services,
  config: Config,
  guards: { writeGuard: RequestHandler[]; heavy: RequestHandler },
): void {
  const { writeGuard, heavy } = guards;
  const analyticsLimit = [rateLimited(config, 'analytics'), heavy];
  const reportLimit = [rateLimited(config, 'reports'), heavy];
  const written = { errors: [401, 403, 429], before: writeGuard, secured: true };

  // ------------------------------------------------------------ analytics

  defineRoute(
    ctx,
    {
      method: 'get',
      path: '/analytics/centrality',
      summary: 'Nodes ranked by a centrality metric (degree, weightedDegree, pagerank, betweenness, closeness)',
      description:
        'Computed on the undirected graph of the scope (kinds, types, ns — curated by default; the best-connected maxNodes nodes). ' +
        'rankKinds lists only some kinds (e.g. the most central Technology nodes) while the metric is still computed on the whole scope. ' +
        'degree: distinct neighbours; weightedDegree: relationships; betweenness: normalised by (n−1)(n−2); closeness: Wasserman–Faust.',
      tags: ['analytics'],
      query: CentralityQuery,
      response: CentralitySchema,
      errors: [429],
      before: analyticsLimit,
    },
    async ({ query }) =>
      services.analytics.centrality(makeScope(query), query.metric, {
        limit: query.limit,
        rankKinds: query.rankKinds?.length ? query.rankKinds : null,
        maxNodes: query.maxNodes,
      }),
  );

  defineRoute(
    ctx,
    {
      method: 'get',
      path: '/analytics/communities',
      summary: 'Louvain communities of the scope, with their modularity (deterministic: seeded)',
      description: 'Communities are numbered by size (0 is the largest) and labelled by their best-connected member.',
      tags: ['analytics'],
      query: CommunitiesQuery,
      response: CommunitiesSchema,
      errors: [429],
      before: analyticsLimit,
    },
    async ({ query }) => services.analytics.communities(makeScope(query), { resolution: query.resolution, maxNodes: query.maxNodes }),
  );

  defineRoute(
    ctx,
    {
      method: 'get',
      path: '/analytics/nodes',
      summary: 'Every metric and the community of every node of the scope (to size and colour a drawing)',
      tags: ['analytics'],
      query: CommunitiesQuery,
      response: NodeMetricsSchema,
      errors: [429],
      before: analyticsLimit,
    },
    async ({ query }) => services.analytics.nodeMetrics(makeScope(query), { resolution: query.resolution, maxNodes: query.maxNodes }),
  );

  defineRoute(
    ctx,
    {
      method: 'get',
      path: '/analytics/compare',
      summary: 'What two nodes have in common: shared neighbours, Jaccard, Adamic–Adar, connecting paths, co-mentions',
      description:
        'Shared neighbours come with the relationships that link each of a and b to them, read as sentences; paths are /api/paths with mode=k.',
      tags: ['analytics'],
      query: CompareQuery,
      response: CompareSchema,
      errors: [404, 429, 504],
      before: analyticsLimit,
    },
    async ({ query }) =>
      services.analytics.compare(query.a, query.b, makeScope(query), {
        k: query.k,
        maxHops: query.maxHops,
        maxNodes: query.maxNodes,
        typesGiven: Boolean(query.types?.length),
      }),
  );

  // ------------------------------------------------------------ documents

  defineRoute(
    ctx,
    {
      method: 'post',
      path: '/documents',
      summary: 'Ingest a document (Chinese or English): passages, mentions of known entities, co-occurrences, candidate terms.' + KEY_NOTE,
      description:
        'Body {title, language: zh|en, text, slug?, format?: text|markdown, replace?}. The JSON body is limited to 1 MB. ' +
        'The slug defaults to one derived from the title; the document gets id document:<slug> and namespace doc:<slug>. ' +
        '201 when created; 200 with status "unchanged" when the same document (title, language, text) was already ingested — nothing is written; ' +
        '409 when a different document has the slug (send replace: true to replace it).',
      tags: ['documents'],
      body: DocumentBody,
      response: IngestResultSchema,
      ...written,
      errors: [401, 403, 409, 413, 429],
    },
    async ({ body }, _req, res) => {
      const result = await services.documents.ingest({ ...body, source: 'api' });
      if (result.status === 'created') res.status(201);
      return result;
    },
  );

  defineRoute(
    ctx,
    {
      method: 'get',
      path: '/documents',
      summary: 'Ingested documents with counts of what each added',
      tags: ['documents'],
      response: z.array(DocumentSchema),
    },
    async () => services.documents.list(),
  );

  defineRoute(
    ctx,
    {
      method: 'get',
      path: '/documents/:id',
      summary: 'One ingested document: counts, the entities it mentions, candidate terms',
      tags: ['documents'],
      params: DocumentIdParams,
      response: DocumentDetailsSchema,
      errors: [404],
    },
    async ({ params }) => services.documents.get(params.id),
  );

  defineRoute(
    ctx,
    {
      method: 'get',
      path: '/documents/:id/graph',
      summary: 'The graph of one document: the entities it mentions and their co-occurrences (SubgraphDTO)',
      description:
        'Edges have type CO_OCCURS with count (sentences naming both) and the sentences as citations; curated=true adds the curated relationships among the same nodes. ' +
        'Each node carries props.mentions, how often the document names it. limit keeps the most mentioned nodes (truncated/total say when it cut).',
      tags: ['documents'],
      params: DocumentIdParams,
      query: DocumentGraphQuery,
      response: DocumentGraphSchema,
      errors: [404],
      before: [heavy],
    },
    async ({ params, query }) => services.documents.graph(params.id, query),
  );

  defineRoute(
    ctx,
    {
      method: 'get',
      path: '/documents/:id/mentions',
      summary: 'Where a document mentions entities (or one entity, node=): sentence, span and surface',
      tags: ['documents'],
      params: DocumentIdParams,
      query: MentionsQuery,
      response: MentionsSchema,
      errors: [404],
    },
    async ({ params, query }) => services.documents.mentions(params.id, query.node ?? null, query.limit),
  );

  defineRoute(
    ctx,
    {
      method: 'get',
      path: '/documents/:id/candidates',
      summary: 'Candidate terms of a document: acronyms and names not in the graph, for the analyst to accept or dismiss',
      tags: ['documents'],
      params: DocumentIdParams,
      response: CandidatesSchema,
      errors: [404],
    },
    async ({ params }) => services.documents.candidates(params.id),
  );

  defineRoute(
    ctx,
    {
      method: 'post',
      path: '/documents/:id/candidates/accept',
      summary:
        "Accept a candidate term as a new node of the document's namespace (never the curated one) and link its mentions." + KEY_NOTE,
      description:
        'Body {term, kind, name_zh?, name_en?, description_zh?, description_en?}. The node id is <kind prefix>:doc-<slug>/<term>; it is cited by ' +
        'the first sentence that names it, and disappears with the document. 409 when the term is already a name or alias in the graph.',
      tags: ['documents'],
      params: DocumentIdParams,
      body: AcceptBody,
      response: AcceptCandidateSchema,
      ...written,
      errors: [401, 403, 404, 409, 429],
    },
    async ({ params, body }, _req, res) => {
      const result = await services.documents.accept(params.id, body);
      res.status(201);
      return result;
    },
  );

  defineRoute(
    ctx,
    {
      method: 'post',
      path: '/documents/:id/candidates/dismiss',
      summary: 'Dismiss a candidate term for this document (restore: true brings it back).' + KEY_NOTE,
      tags: ['documents'],
      params: DocumentIdParams,
      body: DismissBody,
      response: CandidatesSchema,
      ...written,
      errors: [401, 403, 404, 429],
    },
    async ({ params, body }) => services.documents.dismiss(params.id, body.term, body.restore),
  );

  defineRoute(
    ctx,
    {
      method: 'post',
      path: '/documents/:id/relink',
      summary:
        "Match a document's stored text again against the current graph (after aliases changed or the graph was reseeded)." + KEY_NOTE,
      tags: ['documents'],
      params: DocumentIdParams,
      response: IngestResultSchema,
      ...written,
      errors: [401, 403, 404, 429],
    },
    async ({ params }) => services.documents.relink(params.id),
  );

  defineRoute(
    ctx,
    {
      method: 'delete',
      path: '/documents/:id',
      summary: 'Remove a document and exactly what it added (passages, mentions, co-occurrences, accepted terms).' + KEY_NOTE,
      tags: ['documents'],
      params: DocumentIdParams,
      response: DeleteDocumentSchema,
      ...written,
      errors: [401, 403, 404, 429],
    },
    async ({ params }) => services.documents.remove(params.id),
  );

  // ------------------------------------------------------------ notes

  defineRoute(
    ctx,
    {
      method: 'post',
      path: '/notes',
      summary: 'Attach a Markdown note to a node, a relationship, a saved path or a saved view.' + KEY_NOTE,
      description:
        'target: {kind: node, id} | {kind: relationship, id: <source>-<TYPE>-<target>} | {kind: path, nodes: [id, …]} (from/to optional, must match; each node must be linked to the next, 400 otherwise) | {kind: view, id}. ' +
        'The target must exist (404 otherwise). Notes are (:Note) nodes, apart from the graph.',
      tags: ['notes'],
      body: NoteBody,
      response: NoteSchema,
      ...written,
      errors: [401, 403, 404, 429],
    },
    async ({ body }, _req, res) => {
      const note = await services.notes.create(body);
      res.status(201);
      return note;
    },
  );

  defineRoute(
    ctx,
    {
      method: 'get',
      path: '/notes',
      summary:
        'Notes, last changed first: on a target, of a target kind, by an author, or touching a node (node=: on it, on one of its relationships, or on a path through it). ' +
        'A page holds `limit` notes; the next page is after=<updated>|<id> of its last note.',
      tags: ['notes'],
      query: NotesQuery,
      response: z.array(NoteSchema),
    },
    async ({ query }) => services.notes.list(query),
  );

  defineRoute(
    ctx,
    {
      method: 'get',
      path: '/notes/:id',
      summary: 'One note',
      tags: ['notes'],
      params: S.NoteIdParams,
      response: NoteSchema,
      errors: [404],
    },
    async ({ params }) => services.notes.get(params.id),
  );

  defineRoute(
    ctx,
    {
      method: 'patch',
      path: '/notes/:id',
      summary: "Change a note's title (rename) or body." + KEY_NOTE,
      tags: ['notes'],
      params: S.NoteIdParams,
      body: NotePatch,
      response: NoteSchema,
      ...written,
      errors: [401, 403, 404, 429],
    },
    async ({ params, body }) => services.notes.update(params.id, body),
  );

  defineRoute(
    ctx,
    {
      method: 'delete',
      path: '/notes/:id',
      summary: 'Delete a note.' + KEY_NOTE,
      tags: ['notes'],
      params: S.NoteIdParams,
      response: Deleted,
      ...written,
      errors: [401, 403, 404, 429],
    },
    async ({ params }) => services.notes.remove(params.id),
  );

  // ------------------------------------------------------------ saved views

  defineRoute(
    ctx,
    {
      method: 'post',
      path: '/views',
      summary: 'Save the current view (filters, selection, camera, path query) under a name.' + KEY_NOTE,
      description: 'Names are unique regardless of case and spacing (409 otherwise). state.client holds anything else the client keeps.',
      tags: ['views'],
      body: ViewBody,
      response: ViewSchema,
      ...written,
      errors: [401, 403, 409, 429],
    },
    async ({ body }, _req, res) => {
      const view = await services.views.create(body);
      res.status(201);
      return view;
    },
  );

  defineRoute(
    ctx,
    {
      method: 'get',
      path: '/views',
      summary: 'Saved views (without their state), latest first',
      tags: ['views'],
      query: ViewsQuery,
      response: z.array(ViewSummarySchema),
    },
    async ({ query }) => services.views.list(query.limit),
  );

  defineRoute(
    ctx,
    {
      method: 'get',
      path: '/views/:id',
      summary: 'One saved view with its state',
      tags: ['views'],
      params: S.ViewIdParams,
      response: ViewSchema,
      errors: [404],
    },
    async ({ params }) => services.views.get(params.id),
  );

  defineRoute(
    ctx,
    {
      method: 'patch',
      path: '/views/:id',
      summary: 'Rename a saved view or replace its state.' + KEY_NOTE,
      tags: ['views'],
      params: S.ViewIdParams,
      body: ViewPatch,
      response: ViewSchema,
      ...written,
      errors: [401, 403, 404, 409, 429],
    },
    async ({ params, body }) => services.views.update(params.id, body),
  );

  defineRoute(
    ctx,
    {
      method: 'delete',
      path: '/views/:id',
      summary: 'Delete a saved view.' + KEY_NOTE,
      tags: ['views'],
      params: S.ViewIdParams,
      response: Deleted,
      ...written,
      errors: [401, 403, 404, 429],
    },
    async ({ params }) => services.views.remove(params.id),
  );

  // ------------------------------------------------------------ reports

  defineRoute(
    ctx,
    {
      method: 'post',
      path: '/reports',
      summary:
        'A research report as Markdown or HTML: nodes, relationships, path, notes, quotes with their sources, and a picture of the view',
      description:
        'Body {format?: markdown|html, language?: zh|en|both, title?, nodes?: [id], path?: {from, to, nodes?, mode?, k?, maxHops?}, viewId?, noteIds?, includeNotes?: true, image?: PNG data URL, author?}. ' +
        'A saved view supplies the selection and path when nodes/path are not given; path.nodes must run from path.from to path.to; noteIds alone make a report of those notes. Answers the file as an attachment (report-<time>.md or .html). ' +
        'The JSON body, image included, is limited to 1 MB.',
      tags: ['reports'],
      body: ReportBody,
      response: { contentType: 'text/markdown', description: 'The report (text/html with format=html), as an attachment' },
      errors: [404, 413, 429],
      before: reportLimit,
    },
    async ({ body }, _req, res) => {
      const file = await services.reports.build(body);
      res.setHeader('Content-Type', file.contentType);
      res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
      res.send(file.body);
      return undefined;
    },
  );
}

// Compile-time agreement between the documented schemas and the contracts.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree: [
  Same<z.infer<typeof CentralitySchema>, CentralityDTO>,
  Same<z.infer<typeof CommunitiesSchema>, CommunitiesDTO>,
  Same<z.infer<typeof NodeMetricsSchema>, NodeMetricsDTO>,
  Same<z.infer<typeof CompareSchema>, CompareDTO>,
  Same<z.infer<typeof DocumentSchema>, DocumentDTO>,
  Same<z.infer<typeof IngestResultSchema>, IngestResultDTO>,
  Same<z.infer<typeof DocumentDetailsSchema>, DocumentDetailsDTO>,
  Same<z.infer<typeof CandidatesSchema>, CandidatesDTO>,
  Same<z.infer<typeof MentionsSchema>, MentionsDTO>,
  Same<z.infer<typeof DocumentGraphSchema>, DocumentGraphDTO>,
  Same<z.infer<typeof DeleteDocumentSchema>, DeleteDocumentDTO>,
  Same<z.infer<typeof AcceptCandidateSchema>, AcceptCandidateDTO>,
  Same<z.infer<typeof NoteSchema>, NoteDTO>,
  Same<z.infer<typeof ViewSummarySchema>, SavedViewSummaryDTO>,
  Same<z.infer<typeof ViewSchema>, SavedViewDTO>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];
void agree;
