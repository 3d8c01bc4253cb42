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
import { AppError, ValidationError } from '../errors';

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

/** How a field's expected type reads in a message. */
const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  record: 'an object of names to values',
  null: 'null',
};

/** What a client sent instead, in the same words. */
function received(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'string') return 'text';
  if (typeof input === 'number') return Number.isNaN(input) ? 'not a number' : 'a number';
  if (typeof input === 'boolean') return 'true or false';
  if (typeof input === 'object') return 'an object';
  return typeof input;
}

/** The hint a schema carries (`.describe(…)`): what the field takes, said after a dash. */
function hintOf(iss: z.core.$ZodRawIssue): string {
  // A check (a regex, a length) raises its issue for the schema it belongs to, which carries the hint.
  const owners = [iss.inst, iss.schema].filter((s): s is z.core.$ZodType => s instanceof z.core.$ZodType);
  const description = owners.map((s) => z.globalRegistry.get(s)?.description).find(Boolean);
  return description ? ` — ${description}` : '';
}

/**
 * Words every issue a schema did not word itself, naming the field and what it takes, instead of zod's
 * default ("Invalid input: expected string, received undefined"). Passed to safeParse, so a schema's own
 * message still wins wherever it knows a better hint.
 */
export function wordIssue(iss: z.core.$ZodRawIssue, where: 'body' | 'query' | 'params' = 'body'): string {
  const field = (iss.path ?? []).map(String).join('.');
  const whole = where === 'body' ? 'the body' : `the ${where === 'query' ? 'query string' : 'path'}`;
  const name = field || whole;
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return `${name} is required${hintOf(iss)}`;
      if (iss.expected === 'int' && typeof iss.input === 'number') return `${name} must be a whole number${hintOf(iss)}`;
      return `${name} must be ${EXPECTED[iss.expected] ?? iss.expected}, not ${received(iss.input)}${hintOf(iss)}`;
    case 'too_big': {
      const max = String(iss.maximum);
      if (iss.origin === 'string') return `${name} must be at most ${max} characters`;
      if (iss.origin === 'array' || iss.origin === 'set') return `${name} must hold at most ${max} item${max === '1' ? '' : 's'}`;
      return `${name} must be ${iss.inclusive === false ? 'less than' : 'at most'} ${max}`;
    }
    case 'too_small': {
      const min = String(iss.minimum);
      if (iss.origin === 'string') return min === '1' ? `${name} must not be empty` : `${name} must be at least ${min} characters`;
      if (iss.origin === 'array' || iss.origin === 'set') return `${name} must hold at least ${min} item${min === '1' ? '' : 's'}`;
      return `${name} must be ${iss.inclusive === false ? 'greater than' : 'at least'} ${min}`;
    }
    case 'invalid_value':
      return `${name} must be ${iss.values.length === 1 ? String(iss.values[0]) : `one of ${iss.values.map(String).join(', ')}`}`;
    case 'unrecognized_keys': {
      const shape = (iss.inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def?.shape;
      const keys = iss.keys.map((k) => `"${k}"`).join(', ');
      const taken = shape ? Object.keys(shape) : [];
      const known = shape ? ` — ${field ? `${field} takes` : `${whole} takes`} ${taken.length > 0 ? taken.join(', ') : 'none'}` : '';
      const noun = where === 'query' && !field ? 'parameter' : 'field';
      return `${field ? `${field} has ` : ''}unknown ${noun}${iss.keys.length === 1 ? '' : 's'} ${keys}${known}`;
    }
    case 'invalid_format':
      return `${name} is not in the expected form${hintOf(iss) || (iss.pattern ? ` (${iss.pattern})` : '')}`;
    case 'invalid_key': {
      // The key's own issue was worded without a field (its path is empty): keep what follows the name.
      const inner = iss.issues[0]?.message.replace(/^the (body|query string|path) /, '');
      return `${name} is not a valid key${inner ? `: it ${inner}` : ''}`;
    }
    case 'not_multiple_of':
      return `${name} must be a multiple of ${String(iss.divisor)}`;
    default:
      return `${name} is not valid${hintOf(iss)}`;
  }
}

/** A query parameter given more than once where one value is taken (`limit=1&limit=2`). */
function repeated(raw: unknown, issue: z.core.$ZodIssue): string | undefined {
  if (issue.path.length !== 1 || raw === null || typeof raw !== 'object') return undefined;
  // A list parameter takes repeats; only its length (or its items, one level deeper) can be wrong.
  if ((issue.code === 'too_big' || issue.code === 'too_small') && issue.origin === 'array') return undefined;
  const key = String(issue.path[0]);
  const value = (raw as Record<string, unknown>)[key];
  return Array.isArray(value) ? `${key} is given ${value.length} times — give it once` : undefined;
}

/**
 * "query.limit must be at most 100" — names the field so the message says what to fix; one message per
 * field (the first issue zod found), since a value out of range often breaks two checks at once.
 * `raw` is what was parsed, so a repeated query parameter is said to be repeated.
 */
export function formatIssues(
  where: string,
  error: z.ZodError,
  raw?: unknown,
): { message: string; details: { field: string; message: string }[] } {
  const details: { field: string; message: string }[] = [];
  const seen = new Set<string>();
  // A whole number out of the safe range breaks both .int()'s bound (±2^53) and the field's own; the field's
  // is the one to say, so the safe-range issues go last.
  const safeRange = (i: z.core.$ZodIssue) =>
    (i.code === 'too_big' && Number(i.maximum) === Number.MAX_SAFE_INTEGER) ||
    (i.code === 'too_small' && Number(i.minimum) === Number.MIN_SAFE_INTEGER);
  const issues = [...error.issues.filter((i) => !safeRange(i)), ...error.issues.filter(safeRange)];
  for (const i of issues) {
    const field = [where, ...i.path.map(String)].join('.');
    if (seen.has(field)) continue;
    seen.add(field);
    details.push({ field, message: (where === 'query' ? repeated(raw, i) : undefined) ?? i.message });
  }
  const message = details
    .map((d) => {
      // A message that starts with the field's own name reads on from the full name.
      const own = d.field.slice(where.length + 1);
      return own && d.message.startsWith(`${own} `) ? `${where}.${d.message}` : `${d.field}: ${d.message}`;
    })
    .join('; ');
  return { message, details };
}

function parsePart<T>(schema: z.ZodType<T> | undefined, value: unknown, where: 'params' | 'query' | 'body', owner: string): T {
  if (!schema) return undefined as T;
  const r = schema.safeParse(value ?? {}, { error: (iss) => wordIssue(iss, where) });
  if (!r.success) {
    const { message, details } = formatIssues(where, r.error, value);
    throw new ValidationError(`${owner}: invalid request — ${message}`, details);
  }
  return r.data;
}

/**
 * A body sent as something other than JSON (`Content-Type: text/plain`) reaches no parser and would read as
 * an empty body ("query is required"); say what to send instead.
 */
function checkBodyType(req: Request, owner: string): void {
  if (req.body !== undefined) return;
  const length = req.headers['content-length'];
  const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) > 0);
  if (!hasBody) return;
  const type = req.headers['content-type'];
  throw new AppError(
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    `${owner}: the body was sent as ${type ? `"${type.split(';')[0]!.trim()}"` : 'no content type'} — send a JSON object with Content-Type: application/json.`,
  );
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid input: the message names the field and the fix',
  401: 'Missing API key',
  403: 'Wrong API key, or writes are disabled',
  404: 'Unknown id',
  409: 'Conflict',
  413: 'Body too large',
  415: 'The body is not JSON: send it with Content-Type: application/json',
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
  for (const status of [400, ...(spec.errors ?? []), ...(spec.body ? [415] : []), 503]) {
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
  // Like a body, a query refuses a parameter the endpoint does not take: a misspelt one (kind=, maxhops=)
  // would otherwise be dropped without a word and the answer given for the defaults.
  // Endpoints that take no parameters let a query pass (a health probe's cache-buster).
  const query = spec.query instanceof z.ZodObject ? spec.query.strict() : spec.query;
  const run: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    Promise.resolve()
      .then(async () => {
        if (spec.body) checkBodyType(req, owner);
        const input = {
          params: parsePart(spec.params, req.params, 'params', owner),
          query: parsePart(query, req.query, 'query', owner),
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
