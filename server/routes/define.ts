/**
 * server/routes/define — one declaration per endpoint: validation and OpenAPI from the same zod schemas.
 *
 * `defineRoute` registers the path in the OpenAPI registry and mounts an
 * Express handler that parses params, query and body with those schemas
 * before the handler runs; an invalid request never reaches a service.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import { ValidationError } from '../errors';

extendZodWithOpenApi(z);

const ErrorBody = z.object({
  error: z.object({
    code: z.string().openapi({ example: 'VALIDATION_ERROR' }),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

/** A router and the OpenAPI registry that documents it (one pair per app). */
export interface RouteContext {
  router: Router;
  registry: OpenAPIRegistry;
  errorSchema: z.ZodType;
}

export function createRouteContext(router: Router): RouteContext {
  const registry = new OpenAPIRegistry();
  const errorSchema = registry.register('Error', ErrorBody);
  registry.registerComponent('securitySchemes', 'ApiKey', { type: 'apiKey', in: 'header', name: 'X-API-Key' });
  return { router, registry, errorSchema };
}

type AnyObject = z.ZodType<Record<string, unknown>>;

export interface RouteSpec<P extends AnyObject, Q extends AnyObject, B extends z.ZodType> {
  method: 'get' | 'post' | 'put' | 'delete' | 'patch';
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  params?: P;
  query?: Q;
  body?: B;
  /** Schema of the 200 JSON answer, or a content type for file downloads. */
  response: z.ZodType | { contentType: string; description: string };
  /** Extra status codes this route answers with besides 200/400/500. */
  errors?: number[];
  /** Middleware run before validation (auth, rate limits). */
  before?: RequestHandler[];
  /** Whether the route needs the API key (documented as a security requirement). */
  secured?: boolean;
}

export interface Parsed<P, Q, B> {
  params: P;
  query: Q;
  body: B;
}

/** "query.limit: must be at most 100" — names the field so the message says what to fix. */
export function formatIssues(where: string, error: z.ZodError): { message: string; details: { field: string; message: string }[] } {
  const details = error.issues.map((i) => ({ field: [where, ...i.path.map(String)].join('.'), message: i.message }));
  return { message: details.map((d) => `${d.field}: ${d.message}`).join('; '), details };
}

function parsePart<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string, owner: string): T {
  if (!schema) return undefined as T;
  const r = schema.safeParse(value ?? {});
  if (!r.success) {
    const { message, details } = formatIssues(where, r.error);
    throw new ValidationError(`${owner}: invalid request — ${message}`, details);
  }
  return r.data;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid input: the message names the field and the fix',
  401: 'Missing API key',
  403: 'Wrong API key, or writes are disabled',
  404: 'Unknown id',
  409: 'Conflict',
  413: 'Body too large',
  429: 'Rate limit exceeded',
  503: 'Neo4j is unavailable or busy, or the server is building as many large answers as it allows at once; retry after the Retry-After header',
  504: 'The query ran past its timeout',
};

export function defineRoute<P extends AnyObject, Q extends AnyObject, B extends z.ZodType>(
  ctx: RouteContext,
  spec: RouteSpec<P, Q, B>,
  handler: (input: Parsed<z.infer<P>, z.infer<Q>, z.infer<B>>, req: Request, res: Response) => Promise<unknown>,
): void {
  const openapiPath = spec.path.replace(/:([A-Za-z_]+)/g, '{$1}');
  const responses: Record<string, { description: string; content?: Record<string, { schema: z.ZodType | object }> }> = {};
  if (spec.response instanceof z.ZodType) {
    responses['200'] = { description: 'OK', content: { 'application/json': { schema: spec.response } } };
  } else {
    responses['200'] = { description: spec.response.description, content: { [spec.response.contentType]: { schema: { type: 'string' } } } };
  }
  for (const status of [400, ...(spec.errors ?? []), 503]) {
    responses[String(status)] = {
      description: STATUS_TEXT[status] ?? 'Error',
      content: { 'application/json': { schema: ctx.errorSchema } },
    };
  }
  ctx.registry.registerPath({
    method: spec.method,
    path: `/api${openapiPath}`,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: spec.tags,
    ...(spec.secured ? { security: [{ ApiKey: [] }] } : {}),
    request: {
      ...(spec.params ? { params: spec.params as unknown as z.ZodObject } : {}),
      ...(spec.query ? { query: spec.query as unknown as z.ZodObject } : {}),
      ...(spec.body ? { body: { content: { 'application/json': { schema: spec.body } } } } : {}),
    },
    responses: responses as never,
  });
  const owner = spec.path.split('/')[1] ?? 'api';
  const run: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    Promise.resolve()
      .then(async () => {
        const input = {
          params: parsePart(spec.params, req.params, 'params', owner),
          query: parsePart(spec.query, req.query, 'query', owner),
          body: parsePart(spec.body, spec.body ? req.body : undefined, 'body', owner),
        } as Parsed<z.infer<P>, z.infer<Q>, z.infer<B>>;
        const result = await handler(input, req, res);
        if (!res.headersSent && result !== undefined) res.json(result);
      })
      .catch(next);
  };
  ctx.router[spec.method](spec.path, ...(spec.before ?? []), run);
}

/** The OpenAPI 3.1 document of every defined route. */
export function openApiDocument(ctx: RouteContext): object {
  return new OpenApiGeneratorV31(ctx.registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'LLM landscape knowledge graph API',
      version: '0.1.0',
      description:
        'Search, neighbourhoods, explained paths, a read-only Cypher console and exports over the knowledge graph of "大模型发展的十大挑战与十个展望".',
    },
    servers: [{ url: '/' }],
  });
}
