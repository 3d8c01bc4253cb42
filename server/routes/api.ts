/**
 * server/routes/api — every endpoint under /api: parse and validate, call a service, answer.
 */
import express, { type Router } from 'express';
import { z } from 'zod';
import type { Config } from '../config';
import { requireApiKey } from '../middleware/auth';
import { concurrencyGate } from '../middleware/concurrency';
import { rateLimited } from '../middleware/rate-limit';
import type { Services } from '../services';
import { makeScope } from '../services/scope';
import { type RouteContext, createRouteContext, defineRoute, openApiDocument } from './define';
import { registerResearchRoutes } from './research';
import * as S from './schemas';

export function createApiRouter(services: Services, config: Config): { router: Router; ctx: RouteContext } {
  const router = express.Router();
  const ctx = createRouteContext(router);
  const writeGuard = [rateLimited(config, 'writes'), requireApiKey(config.API_KEY)];
  // Graph views, exports, analytics and reports share one budget of answers built at once (memory, not CPU).
  const heavy = concurrencyGate({ concurrency: config.HEAVY_CONCURRENCY, waitMs: config.QUERY_TIMEOUT_MS });

  defineRoute(
    ctx,
    { method: 'get', path: '/health', summary: 'Server and database health', tags: ['meta'], response: S.HealthSchema, errors: [] },
    async (_input, _req, res) => {
      const health = { ...(await services.health.check()), heavy: { ...heavy.load(), limit: config.HEAVY_CONCURRENCY } };
      if (health.status !== 'ok') {
        res.setHeader('Retry-After', '5');
        res.status(503);
      }
      return health;
    },
  );

  defineRoute(
    ctx,
    {
      method: 'get',
      path: '/schema',
      summary: 'Node kinds and relationship types, with descriptions and counts',
      tags: ['graph'],
      query: z.object({ ns: S.Namespaces }),
      response: S.SchemaSchema,
    },
    async ({ query }) => services.schema.schema(makeScope({ ns: query.ns }).ns),
  );

  defineRoute(
    ctx,
    {
      method: 'get',
      path: '/search',
      summary: 'Ranked search over names and aliases (Chinese and English, prefix and fuzzy)',
      tags: ['graph'],
      query: S.SearchQuery,
      response: S.SearchResultSchema,
    },
    async ({ query }) =>
      services.search.search(query.q, query.kinds?.length ? query.kinds : null, query.limit, makeScope({ ns: query.ns }).ns),
  );

  defineRoute(
    ctx,
    {
      method: 'get',
      path: '/nodes/:id',
      summary: 'A node with its provenance and its relationships in words',
      tags: ['graph'],
      params: S.IdParams,
      response: S.NodeDetailsSchema,
      errors: [404],
    },
    async ({ params }) => services.nodes.details(params.id),
  );

  defineRoute(
    ctx,
    {
      method: 'get',
      path: '/nodes/:id/text',
      summary: "A Document node's text, paragraph by paragraph, with every quote the graph's nodes and relationships take from it",
      description:
        'The reverse of a citation: each paragraph lists the quotes that cite it, with their offsets in the paragraph and the node or relationship that cites them. 400 for a node that is not a Document.',
      tags: ['graph'],
      params: S.IdParams,
      response: S.SourceTextSchema,
      errors: [400, 404],
    },
    async ({ params }) => services.sourceText.text(params.id),
  );

  defineRoute(
    ctx,
    {
      method: 'get',
      path: '/nodes/:id/neighbors',
      summary: 'The neighbourhood of a node to a depth; truncated:true with the total when the limit cut it',
      tags: ['graph'],
      params: S.IdParams,
      query: S.NeighborsQuery,
      response: S.SubgraphSchema,
      errors: [404, 504],
    },
    async ({ params, query }) => services.neighbors.neighbors(params.id, query.depth, makeScope(query), query.limit),
  );

  defineRoute(
    ctx,
    {
      method: 'get',
      path: '/paths',
      summary: 'Explained paths between two nodes (undirected)',
      description:
        'mode=shortest|all|k. Each path lists its hops as sentences in Chinese and English with the supporting quotes. No path within maxHops is an empty list with a reason.',
      tags: ['graph'],
      query: S.PathsQuery,
      response: S.PathsResultSchema,
      errors: [404, 504],
    },
    async ({ query }) => services.paths.find({ ...query, exclude: query.exclude ?? [] }),
  );

  defineRoute(
    ctx,
    {
      method: 'get',
      path: '/graph',
      summary: 'The (sub)graph for a view, with stored layout positions',
      tags: ['graph'],
      query: S.GraphQuery,
      response: S.SubgraphSchema,
      before: [heavy],
    },
    async ({ query }) => services.graphView.view(makeScope(query), query.limit),
  );

  defineRoute(
    ctx,
    {
      method: 'get',
      path: '/export',
      summary: 'The graph or a subgraph as GEXF, GraphML, JSON (graphology) or CSV (zip of nodes.csv and edges.csv, or one with part=)',
      tags: ['graph'],
      query: S.ExportQuery,
      response: { contentType: 'application/octet-stream', description: 'The file, as an attachment' },
      errors: [404],
      before: [heavy],
    },
    async ({ query }, _req, res) => {
      const scope = makeScope(query);
      const sub = query.id
        ? await services.graphView.around(query.id, query.depth, scope, query.limit)
        : query.ids?.length
          ? await services.graphView.byIds(query.ids, scope)
          : await services.graphView.view(scope, query.limit);
      const file = services.exporter(
        sub,
        query.format,
        query.id ? `neighbourhood-${query.id.replace(/[^a-z0-9-]+/gi, '-')}` : 'llm-landscape-graph',
        query.part,
      );
      res.setHeader('Content-Type', file.contentType);
      res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
      if (sub.truncated) res.setHeader('X-Truncated', `true; total=${sub.total?.nodes ?? ''}`);
      res.send(file.body);
      return undefined;
    },
  );

  defineRoute(
    ctx,
    {
      method: 'put',
      path: '/layout',
      summary: 'Store layout positions of nodes (needs the API key)',
      tags: ['graph'],
      body: S.LayoutBody,
      response: z.object({ written: z.number() }),
      errors: [401, 403, 413, 429],
      before: writeGuard,
      secured: true,
    },
    async ({ body }) => ({ written: await services.layout(Object.entries(body.positions).map(([id, p]) => ({ id, ...p }))) }),
  );

  defineRoute(
    ctx,
    {
      method: 'post',
      path: '/imports',
      summary: 'Import a GEXF or GraphML file into a namespace of its own (needs the API key)',
      description:
        'Nodes get ids import:<name>/<original id>; explore them with ns=import:<name> on /api/graph, /api/search and neighbours. One transaction: a bad file leaves nothing.',
      tags: ['graph'],
      body: S.ImportBody,
      response: z.object({ namespace: z.string(), nodes: z.number(), relationships: z.number() }),
      errors: [401, 403, 409, 413, 429],
      before: writeGuard,
      secured: true,
    },
    async ({ body }, _req, res) => {
      const result = await services.imports.import(body.name, body.format, body.content, body.filename ?? `${body.name}.${body.format}`);
      res.status(201);
      return result;
    },
  );

  defineRoute(
    ctx,
    {
      method: 'get',
      path: '/imports',
      summary: 'Imported namespaces with their node counts',
      tags: ['graph'],
      response: z.array(z.object({ ns: z.string(), nodes: z.number() })),
    },
    async () => services.imports.list(),
  );

  defineRoute(
    ctx,
    {
      method: 'delete',
      path: '/imports/:name',
      summary: 'Delete an imported namespace (needs the API key)',
      tags: ['graph'],
      params: S.ImportNameParams,
      response: z.object({ namespace: z.string(), deleted: z.object({ nodes: z.number(), relationships: z.number() }) }),
      errors: [401, 403, 429],
      before: writeGuard,
      secured: true,
    },
    async ({ params }) => services.imports.remove(params.name),
  );

  const consoleLimit = rateLimited(config, 'cypher');
  defineRoute(
    ctx,
    {
      method: 'post',
      path: '/cypher',
      summary: 'Run a read-only Cypher query (refused when it would write, change schema or administer)',
      tags: ['console'],
      body: S.CypherBody,
      response: S.CypherResultSchema,
      errors: [429, 504],
      before: [consoleLimit],
    },
    async ({ body }) => services.console.run(body.query, body.params),
  );

  defineRoute(
    ctx,
    {
      method: 'get',
      path: '/templates',
      summary: 'Named, parameterized query templates',
      tags: ['console'],
      response: z.array(S.TemplateSchema),
    },
    async () => services.templates.list(),
  );

  defineRoute(
    ctx,
    {
      method: 'post',
      path: '/templates/:name',
      summary: 'Run a named template with its parameters',
      tags: ['console'],
      params: S.TemplateParams,
      body: S.TemplateBody,
      response: S.CypherResultSchema,
      errors: [404, 429, 504],
      before: [consoleLimit],
    },
    async ({ params, body }) => services.templates.run(params.name, body.params),
  );

  registerResearchRoutes(ctx, services, config, { writeGuard, heavy });

  const document = () => openApiDocument(ctx);
  let cached: object | undefined;
  router.get('/openapi.json', (_req, res) => {
    cached ??= document();
    res.json(cached);
  });
  return { router, ctx };
}
