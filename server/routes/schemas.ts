/**
 * server/routes/schemas — request and response schemas of the API.
 *
 * They validate requests and generate /api/openapi.json. Response schemas
 * are checked against graph/contracts at compile time (see the bottom), so
 * the document cannot drift from what the services return.
 */
import { z } from 'zod';
import type {
  CypherResultDTO,
  GraphNodeDTO,
  HealthDTO,
  NodeDetailsDTO,
  PathsResultDTO,
  SchemaDTO,
  SearchResultDTO,
  SourceTextDTO,
  SubgraphDTO,
  TemplateDTO,
} from '../../graph/contracts';
import { EVIDENCE, ID_PATTERN, NODE_KINDS, REL_TYPES } from '../../graph/model';

const NODE_ID_HINT = 'a node id such as technology:rag (search for one with /api/search?q=…)';

/** Ids look like `technology:rag` (namespaced imports: `import:gephi/n12`). */
export const ID = z
  .string()
  .min(3, `must be ${NODE_ID_HINT}`)
  .max(200, 'must be at most 200 characters')
  .regex(ID_PATTERN, `must be ${NODE_ID_HINT}`)
  .describe(NODE_ID_HINT);

/** The id of something other than a node (a note, a saved view): the same form, a message that names it and where to list them. */
export const idOf = (what: string, example: string, list: string) =>
  z.string().max(200, 'must be at most 200 characters').regex(ID_PATTERN, `must be ${what} id such as ${example} (list them with ${list})`);

export const NoteIdParams = z.object({ id: idOf('a note', 'note:0f8e…', 'GET /api/notes') });
export const ViewIdParams = z.object({ id: idOf('a saved view', 'view:0f8e…', 'GET /api/views') });

const NS = z.string().regex(/^[a-z0-9][a-z0-9:_-]{0,63}$/, 'must be a namespace such as curated or import:my-graph');

/** A comma-separated (or repeated) list parameter whose items must pass `item`. */
function listOf<T extends z.ZodType<unknown, string>>(item: T, max: number, what: string) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((v) =>
      (Array.isArray(v) ? v : [v])
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(max, `at most ${max} ${what}`))
    .optional();
}

export const kindEnum = z.enum(NODE_KINDS, { error: () => `must be one of ${NODE_KINDS.join(', ')}` });
export const typeEnum = z.enum(REL_TYPES, { error: () => `must be one of ${REL_TYPES.join(', ')}` });

export const Kinds = listOf(kindEnum, NODE_KINDS.length, 'kinds');
export const Types = listOf(typeEnum, REL_TYPES.length, 'types');
export const Namespaces = listOf(NS, 20, 'namespaces');

/** A whole-number query parameter with its range and default; messages name the parameter. */
export const intParam = (def: number, min: number, max: number, name: string) =>
  z.coerce
    .number({ error: () => `${name} must be a whole number from ${min} to ${max}` })
    .int(`${name} must be a whole number from ${min} to ${max}`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`)
    .default(def);

export const IdParams = z.object({ id: ID });

export const SearchQuery = z.object({
  q: z
    .string({
      error: (iss) =>
        iss.input === undefined ? 'q is required: the text to search for, e.g. q=幻觉 or q=RAG' : 'q must be given once, as text',
    })
    .trim()
    .min(1, 'q must not be empty')
    .max(200, 'q must be at most 200 characters'),
  kinds: Kinds,
  ns: Namespaces,
  limit: intParam(10, 1, 100, 'limit'),
});

export const NeighborsQuery = z.object({
  depth: intParam(1, 1, 3, 'depth'),
  kinds: Kinds,
  types: Types,
  ns: Namespaces,
  limit: intParam(200, 1, 5000, 'limit'),
});

export const PathsQuery = z.object({
  from: ID,
  to: ID,
  mode: z.enum(['shortest', 'all', 'k'], { error: () => 'mode must be shortest, all or k' }).default('shortest'),
  k: intParam(3, 1, 10, 'k'),
  maxHops: intParam(6, 1, 10, 'maxHops'),
  types: Types,
  exclude: listOf(ID, 50, 'excluded nodes'),
});

export const GraphQuery = z.object({
  kinds: Kinds,
  types: Types,
  ns: Namespaces,
  limit: intParam(2000, 1, 20000, 'limit'),
});

export const ExportQuery = z.object({
  format: z.enum(['gexf', 'graphml', 'json', 'csv'], { error: () => 'format must be gexf, graphml, json or csv' }).default('gexf'),
  part: z.enum(['nodes', 'edges'], { error: () => 'part must be nodes or edges' }).optional(),
  kinds: Kinds,
  types: Types,
  ns: Namespaces,
  ids: listOf(ID, 20000, 'ids'),
  id: ID.optional(),
  depth: intParam(1, 1, 3, 'depth'),
  limit: intParam(20000, 1, 20000, 'limit'),
});

/** How deep query parameters may nest: the driver packs values recursively, and a 100 000-deep list overflows its stack. */
export const MAX_PARAM_DEPTH = 32;

/** True when `value` nests no deeper than `limit` lists or maps (checked without recursion). */
export function nestsAtMost(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= limit) return false;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return true;
}

const QueryParamsRecord = z
  .record(z.string().max(100), z.unknown())
  .refine((p) => nestsAtMost(p, MAX_PARAM_DEPTH), `params must not nest lists or maps more than ${MAX_PARAM_DEPTH - 1} levels deep`)
  .describe('the parameters by name, e.g. {"id": "technology:rag"}')
  .default({});

export const CypherBody = z.strictObject({
  query: z
    .string({ error: (iss) => (iss.input === undefined ? 'query is required: a read-only Cypher statement' : 'query must be a string') })
    .max(20_000, 'query must be at most 20000 characters'),
  params: QueryParamsRecord,
});

export const TemplateParams = z.object({ name: z.string().regex(/^[a-z0-9-]{1,64}$/, 'must be a template name from GET /api/templates') });
/** Strict: a parameter sent beside `params` instead of inside it would otherwise be dropped, and the template run with its defaults. */
export const TemplateBody = z.strictObject(
  { params: QueryParamsRecord },
  {
    error: (iss) => {
      if (iss.code !== 'unrecognized_keys') return undefined;
      const keys = iss.keys.map((k) => `"${k}"`).join(', ');
      const unknown = `unknown field${iss.keys.length === 1 ? '' : 's'} ${keys}`;
      // "parameters", "param", "Params": the body's one field misspelt, not a template parameter beside it.
      const misspelt = iss.keys.find((k) => /^param(eter)?s?$/i.test(k) && k !== 'params');
      if (misspelt) return `${unknown} — the body takes only params: send {"params": {…}} instead of {"${misspelt}": {…}}`;
      return `${unknown} — the body takes only params, and template parameters go inside it: {"params": {${iss.keys.map((k) => `"${k}": …`).join(', ')}}} (GET /api/templates lists each template's parameters)`;
    },
  },
);

export const LayoutBody = z.strictObject({
  positions: z
    .record(ID, z.strictObject({ x: z.number().finite(), y: z.number().finite() }))
    .refine((p) => Object.keys(p).length <= 20000, 'at most 20000 positions'),
});

export const ImportBody = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/, 'must be lower-case letters, digits and hyphens (at most 41), e.g. gephi-sample'),
  format: z.enum(['gexf', 'graphml'], { error: () => 'format must be gexf or graphml' }),
  content: z.string().min(1, 'content must hold the file text').max(900_000, 'content must be at most 900 kB (the request limit is 1 MB)'),
  filename: z.string().max(200).optional(),
});
export const ImportNameParams = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/, 'must be an import name from GET /api/imports'),
});

// ---------------------------------------------------------------- responses

export const Bilingual = z.object({ zh: z.string(), en: z.string() });
const Citation = z.object({
  passage: z.string(),
  quote: z.string(),
  document: z.string().optional(),
  paragraphId: z.string().optional(),
  paragraph: z.string().optional(),
  start: z.number().optional(),
  end: z.number().optional(),
});
export const NodeSchema = z.object({
  id: z.string(),
  kind: z.enum(NODE_KINDS),
  name_zh: z.string(),
  name_en: z.string(),
  aliases_zh: z.array(z.string()),
  aliases_en: z.array(z.string()),
  description_zh: z.string(),
  description_en: z.string(),
  evidence: z.enum(EVIDENCE),
  rationale: z.string().optional(),
  rationale_zh: z.string().optional(),
  citations: z.array(Citation),
  ns: z.string(),
  props: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  x: z.number().optional(),
  y: z.number().optional(),
  degree: z.number().optional(),
});
export const EdgeSchema = z.object({
  id: z.string(),
  type: z.enum(REL_TYPES),
  source: z.string(),
  target: z.string(),
  evidence: z.enum(EVIDENCE),
  rationale: z.string().optional(),
  rationale_zh: z.string().optional(),
  citations: z.array(Citation),
});
export const SubgraphSchema = z.object({
  nodes: z.array(NodeSchema),
  edges: z.array(EdgeSchema),
  truncated: z.boolean(),
  total: z.object({ nodes: z.number(), edges: z.number().optional() }).optional(),
});
export const HealthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  neo4j: z.object({ connected: z.boolean(), version: z.string().optional(), edition: z.string().optional(), error: z.string().optional() }),
  uptimeSeconds: z.number(),
  heavy: z.object({ running: z.number(), waiting: z.number(), limit: z.number() }).optional(),
});
export const SchemaSchema = z.object({
  kinds: z.array(z.object({ kind: z.enum(NODE_KINDS), name: Bilingual, description: Bilingual, count: z.number() })),
  types: z.array(
    z.object({
      type: z.enum(REL_TYPES),
      verb: Bilingual,
      description: Bilingual,
      from: z.array(z.enum(NODE_KINDS)),
      to: z.array(z.enum(NODE_KINDS)),
      count: z.number(),
    }),
  ),
});
export const SearchResultSchema = z.object({
  query: z.string(),
  hits: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(NODE_KINDS),
      name_zh: z.string(),
      name_en: z.string(),
      score: z.number(),
      matched: z.string().optional(),
    }),
  ),
});
export const Summary = z.object({ id: z.string(), kind: z.enum(NODE_KINDS), name_zh: z.string(), name_en: z.string() });
export const NodeDetailsSchema = z.object({
  node: NodeSchema,
  relationships: z.array(z.object({ edge: EdgeSchema, direction: z.enum(['out', 'in']), other: Summary, sentence: Bilingual })),
  mentions: z.array(z.object({ document: z.string(), title: z.string(), count: z.number() })).optional(),
});
export const SourceTextSchema = z.object({
  document: Summary,
  paragraphs: z.array(
    z.object({
      id: z.string(),
      paragraph: z.number(),
      text: z.string(),
      citations: z.array(
        z.object({
          passage: z.string(),
          quote: z.string(),
          start: z.number(),
          end: z.number(),
          node: Summary.optional(),
          relationship: z
            .object({ id: z.string(), type: z.enum(REL_TYPES), evidence: z.enum(EVIDENCE), source: Summary, target: Summary })
            .optional(),
        }),
      ),
    }),
  ),
  counts: z.object({ paragraphs: z.number(), cited: z.number(), nodes: z.number(), relationships: z.number() }),
});
const Hop = z.object({
  from: z.string(),
  to: z.string(),
  edge: z.string(),
  type: z.enum(REL_TYPES),
  direction: z.enum(['forward', 'backward']),
  sentence: Bilingual,
  evidence: z.enum(EVIDENCE),
});
export const PathsResultSchema = z.object({
  from: z.string(),
  to: z.string(),
  mode: z.enum(['shortest', 'all', 'k']),
  maxHops: z.number(),
  nodes: z.array(NodeSchema).openapi({ description: 'Every node the paths run through, once each.' }),
  edges: z.array(EdgeSchema).openapi({ description: 'Every relationship the paths run through, once each, with its citations.' }),
  paths: z.array(
    z.object({
      nodes: z.array(z.string()).openapi({ description: 'Node ids in walking order (see `nodes`).' }),
      edges: z.array(z.string()).openapi({ description: 'Edge ids, hop by hop (see `edges`).' }),
      length: z.number(),
      explanation: z.array(Hop),
    }),
  ),
  reason: Bilingual.optional(),
});
export const CypherResultSchema = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.array(z.unknown())),
  graph: z.object({ nodes: z.array(NodeSchema), edges: z.array(EdgeSchema) }),
  truncated: z.boolean(),
  elapsedMs: z.number(),
});
export const TemplateSchema = z.object({
  name: z.string(),
  title: Bilingual,
  description: Bilingual,
  params: z.array(
    z.object({
      name: z.string(),
      type: z.enum(['string', 'integer']),
      description: Bilingual,
      kind: z.enum(NODE_KINDS).optional(),
      default: z.union([z.string(), z.number()]).optional(),
    }),
  ),
  cypher: z.string(),
});

// Compile-time agreement between the documented schemas and graph/contracts.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree: [
  Same<z.infer<typeof NodeSchema>, GraphNodeDTO>,
  Same<z.infer<typeof SubgraphSchema>, SubgraphDTO>,
  Same<z.infer<typeof HealthSchema>, HealthDTO>,
  Same<z.infer<typeof SchemaSchema>, SchemaDTO>,
  Same<z.infer<typeof SearchResultSchema>, SearchResultDTO>,
  Same<z.infer<typeof NodeDetailsSchema>, NodeDetailsDTO>,
  Same<z.infer<typeof PathsResultSchema>, PathsResultDTO>,
  Same<z.infer<typeof CypherResultSchema>, CypherResultDTO>,
  Same<z.infer<typeof TemplateSchema>, TemplateDTO>,
  Same<z.infer<typeof SourceTextSchema>, SourceTextDTO>,
] = [true, true, true, true, true, true, true, true, true, true];
void agree;
