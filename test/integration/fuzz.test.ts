/**
 * Property-based fuzzing of every endpoint of /api/openapi.json (fast-check,
 * seeded): hostile strings (Unicode, control characters, 100 kB strings,
 * Cypher and Lucene fragments, injection payloads), wrong types, missing and
 * repeated parameters, huge numbers, deep nesting, malformed JSON, oversized
 * bodies, odd content types and encodings, raw bytes in the URL.
 *
 * Every answer must be a client error or a success — never a 500, never a
 * crash, never an answer later than the query timeout allows — and the
 * database must be exactly as it was at the end.
 *
 * FUZZ_SEED and FUZZ_RUNS (cases per endpoint) reproduce or widen a run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest, Agent } from 'node:http';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_KINDS, REL_TYPES } from '../../graph/model';
import { CYPHER_DIR } from '../../server/db/cypher';
import { startTestServer, type TestServer } from '../helpers/server';
import { type DbFingerprint, fingerprint } from './reliability-helpers';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_128);
const RUNS = Number(process.env.FUZZ_RUNS ?? 120);
const QUERY_TIMEOUT_MS = 3000;
/** The longest an answer may take: the query timeout, the driver's retry window and a margin for a loaded CI machine. */
const ANSWER_DEADLINE_MS = QUERY_TIMEOUT_MS + 7000;
const API_KEY = 'fuzz-api-key-0123456789abcdef';

// ------------------------------------------------------------------ HTTP with raw control

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  ms: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

/** One request as bytes on the wire: the path is sent as given (no normalisation), the body as given. */
function raw(
  base: URL,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
  deadlineMs = ANSWER_DEADLINE_MS,
): Promise<Raw> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: base.hostname,
        port: base.port,
        method,
        path,
        headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) },
        agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(deadlineMs, () => req.destroy(new Error(`no answer within ${deadlineMs} ms: ${method} ${path.slice(0, 200)}`)));
    req.on('error', (err: NodeJS.ErrnoException) => {
      // The server may answer early (413) and close while a large body is still being written.
      if (err.code === 'EPIPE' || err.code === 'ECONNRESET')
        resolve({ status: -1, headers: {}, text: err.code, ms: performance.now() - started });
      else reject(err);
    });
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Lone surrogates become U+FFFD, as a browser would send them. */
function wellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

function enc(s: string): string {
  return encodeURIComponent(wellFormed(s));
}

/** Bytes Node's client accepts unescaped in a request line (0x21–0xFF), '#' excepted; the rest percent-encoded. */
function rawPathSafe(s: string): string {
  return s.replace(/[^\x21-\xff]+|#/gu, (c) => enc(c));
}

// ------------------------------------------------------------------ arbitraries

const HOSTILE = [
  "'}) DETACH DELETE n //",
  '"}) DETACH DELETE n //',
  '` DETACH DELETE n //',
  'MATCH (n) DETACH DELETE n',
  "'; DROP INDEX entity_names; //",
  'CALL db.clearQueryCaches()',
  '$id',
  '{id: 1}',
  ') RETURN 1 UNION MATCH (n) RETURN n //',
  'Challenge) DETACH DELETE n //',
  'Entity`) DETACH DELETE n //',
  'MITIGATES]->() DELETE r //',
  '*',
  '**',
  'a~',
  'rag~2^9',
  '+-&&||!(){}[]^"~*?:\\/',
  '\\',
  '"',
  "'",
  '`',
  '%',
  '%00',
  '%zz',
  '%E0%A4%A',
  '%C0%AE%C0%AE/',
  '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '<script>alert(1)</script>',
  '${7*7}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e309',
  '-1e309',
  '9'.repeat(400),
  '0x10',
  '0b11',
  '1_000',
  ' 5 ',
  '5.5',
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\udfff',
  '\ud83d',
  'challenge:hallucination',
  'technology:rag',
  'curated',
  'import:fuzz',
  'Challenge',
  'MITIGATES',
  'Entity',
  'Passage',
  'AND',
  'OR NOT',
  '幻觉',
  'ＲＡＧ',
  '🚀🧠',
  '\u202eevil',
  '\u200b',
  '\ufeff',
  'null',
  'true',
  '[]',
  '{}',
  '\r\nX-Injected: 1',
  'a'.repeat(201),
];

const CONTROL = '\u0000\u0001\u0007\b\t\n\u000b\f\r\u001b\u007f\u0085\u00a0\u2028\u2029\u200b\u200e\u202e\ufeff\ufffd'.split('');

const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...CONTROL), maxLength: 20 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...HOSTILE), fc.constantFrom(...HOSTILE)).map(([a, b]) => a + b) },
  {
    weight: 1,
    // Long strings up to 100 kB (URLs beyond Node's 16 kB header limit get a 431, bodies beyond 1 MB a 413).
    arbitrary: fc
      .tuple(fc.constantFrom('a', '幻', '𝔘', '\u0000', "'})"), fc.integer({ min: 1000, max: 100_000 }))
      .map(([c, n]) => c.repeat(Math.ceil(n / c.length))),
  },
);

const hugeNumber = fc.constantFrom(
  1e308,
  -1e308,
  2 ** 53 + 1,
  -(2 ** 63),
  2 ** 64,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_VALUE,
  -0,
  0.5,
  1e-320,
);

/** A JSON value that is wrong for any schema in a different way each time (deep arrays included). */
const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 2, arbitrary: hugeNumber },
  { weight: 1, arbitrary: fc.double() }, // NaN and ±Infinity become null in JSON
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileString, hostileString, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 1000 }).map((depth) => nest(depth)) },
  { weight: 1, arbitrary: fc.constant(JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}')) },
);

function nest(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { k: v };
  return v;
}

/** A value for a parameter: valid ones (ids that exist, enum members, boundaries) mixed with hostile ones. */
function valuesFor(name: string, schema: JsonSchema | undefined, ids: string[]): fc.Arbitrary<string> {
  const hostile = hostileString;
  const s = schema ?? {};
  const enumValues = s.enum ?? s.anyOf?.flatMap((x) => x.enum ?? []) ?? [];
  const valid: fc.Arbitrary<string>[] = [];
  if (enumValues.length) valid.push(fc.constantFrom(...enumValues.map(String)));
  if (s.type === 'integer') {
    const min = Math.trunc(s.minimum ?? 0);
    const max = Math.trunc(s.maximum ?? 100);
    valid.push(fc.integer({ min: min - 2, max: Math.min(max + 2, min + 50) }).map(String));
    valid.push(fc.constantFrom(String(min), String(max), String(max + 1), String(min - 1), '1e3', '2.5'));
  }
  if (s.type === 'number') {
    const min = s.minimum ?? 0;
    const max = s.maximum ?? 100;
    valid.push(fc.double({ min: min - 1, max: max + 1, noNaN: true }).map(String));
    valid.push(fc.constantFrom(String(min), String(max), String(max * 2 + 1), String(min - 1), '1e3', '-0'));
  }
  if (/^(id|from|to)$/.test(name)) valid.push(fc.constantFrom(...ids));
  if (/^(ids|exclude)$/.test(name)) valid.push(fc.array(fc.constantFrom(...ids), { minLength: 1, maxLength: 4 }).map((a) => a.join(',')));
  if (name === 'kinds') valid.push(fc.subarray([...NODE_KINDS], { minLength: 1 }).map((a) => a.join(',')));
  if (name === 'types') valid.push(fc.subarray([...REL_TYPES], { minLength: 1 }).map((a) => a.join(',')));
  if (name === 'ns') valid.push(fc.constantFrom('curated', 'curated,import:fuzz', 'import:nothing-here'));
  if (name === 'q') valid.push(fc.constantFrom('RAG', '幻觉', 'hallucination', 'energy', 'a', 'Transformer'));
  if (name === 'name') valid.push(fc.constantFrom('most-connected', 'claims-about', 'technologies-for-challenge', 'fuzz-nothing-here'));
  return valid.length ? fc.oneof({ weight: 1, arbitrary: hostile }, { weight: 2, arbitrary: fc.oneof(...valid) }) : hostile;
}

// ------------------------------------------------------------------ the endpoints, from the OpenAPI document

interface JsonSchema {
  type?: string;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchema>;
}

interface Operation {
  method: string;
  /** /api/nodes/{id} */
  template: string;
  params: { name: string; in: 'path' | 'query'; schema?: JsonSchema }[];
  bodyProperties: string[] | null;
  secured: boolean;
}

function operationsOf(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [template, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const parameters = (op.parameters as { name: string; in: 'path' | 'query'; schema?: JsonSchema }[] | undefined) ?? [];
      const body = (op.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined)?.content?.['application/json']
        ?.schema;
      ops.push({
        method: method.toUpperCase(),
        template,
        params: parameters.map((p) => ({ name: p.name, in: p.in, schema: p.schema })),
        bodyProperties: body ? Object.keys(body.properties ?? {}) : null,
        secured: Array.isArray(op.security) && op.security.length > 0,
      });
    }
  }
  return ops;
}

const READ_QUERIES = [
  'MATCH (n:Entity) RETURN n LIMIT 5',
  'MATCH (n:Entity {id: $id}) RETURN n',
  'RETURN $p AS p',
  'MATCH (n:Entity) WHERE n.name_en CONTAINS $q RETURN n.id LIMIT 10',
  'MATCH p = (:Entity)-[*1..2]-(:Entity) RETURN p LIMIT 20',
  'UNWIND range(1, 5000) AS i RETURN i',
  'RETURN 1',
  'MATCH (n) RETURN count(n)',
];

/** The request one fuzz case sends: method, path with query string, headers and body. */
interface Case {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

/** Well-formed ids that name nothing, for endpoints that write. */
const SAFE_IDS = [
  'fuzz:nothing-here',
  'challenge:fuzz-nothing-here',
  'fuzz-nothing-here',
  'note:fuzz-nothing-here',
  'document:fuzz-nothing-here',
];

function caseFor(op: Operation, ids: string[], templates: string[]): fc.Arbitrary<Case> {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const queryParams = op.params.filter((p) => p.in === 'query');

  const pathArb = fc
    .tuple(
      ...pathParams.map((p) =>
        fc.oneof(
          {
            weight: 3,
            // An endpoint that writes never gets an id that exists: the fuzz must not delete or change real data.
            arbitrary: valuesFor(p.name, p.schema, op.secured ? SAFE_IDS : p.name === 'name' ? templates : ids).map(enc),
          },
          { weight: 1, arbitrary: hostileString.map(rawPathSafe) },
        ),
      ),
    )
    .map((values) => {
      let path = op.template;
      pathParams.forEach((p, i) => (path = path.replace(`{${p.name}}`, values[i]! || '%20')));
      return path;
    });

  // Each documented parameter: absent, once, or repeated; plus unknown parameters.
  const queryArb = fc
    .tuple(
      fc.tuple(
        ...queryParams.map((p) =>
          fc.oneof(
            { weight: 2, arbitrary: fc.constant([] as string[]) },
            { weight: 4, arbitrary: valuesFor(p.name, p.schema, ids).map((v) => [v]) },
            { weight: 1, arbitrary: fc.array(valuesFor(p.name, p.schema, ids), { minLength: 2, maxLength: 3 }) },
          ),
        ),
      ),
      fc.array(fc.tuple(hostileString, hostileString), { maxLength: 2 }),
      fc.boolean(),
    )
    .map(([values, extra, rawEncoding]) => {
      const parts: string[] = [];
      queryParams.forEach((p, i) =>
        (values[i] as string[]).forEach((v) => parts.push(`${p.name}=${rawEncoding ? rawPathSafe(v) : enc(v)}`)),
      );
      for (const [k, v] of extra) parts.push(`${enc(k)}=${enc(v)}`);
      return parts.length ? `?${parts.join('&')}` : '';
    });

  const bodyArb = bodyFor(op, ids, templates);
  const keyArb = op.secured
    ? fc.oneof(
        { weight: 6, arbitrary: fc.constant<Record<string, string>>({ 'x-api-key': API_KEY }) },
        { weight: 1, arbitrary: fc.constant<Record<string, string>>({}) },
        { weight: 1, arbitrary: hostileString.map((k) => ({ 'x-api-key': latin1(k) })) },
        { weight: 1, arbitrary: hostileString.map((k) => ({ authorization: `Bearer ${latin1(k)}` })) },
      )
    : fc.constant<Record<string, string>>({});

  return fc.tuple(pathArb, queryArb, bodyArb, keyArb).map(([path, query, body, key]) => ({
    method: op.method,
    path: `${path}${query}`,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...key },
    ...(body !== undefined ? { body } : {}),
  }));
}

/** Header values are Latin-1 on the wire: anything else is sent as its UTF-8 bytes read as Latin-1. */
function latin1(s: string): string {
  // Control characters other than tab are refused by Node's client before they reach the wire.
  const text = Buffer.from(wellFormed(s), 'utf8').toString('latin1');
  return [...text]
    .filter((c) => c === '\t' || (c >= ' ' && c !== '\u007f'))
    .join('')
    .slice(0, 4000);
}

function bodyFor(op: Operation, ids: string[], templates: string[]): fc.Arbitrary<string | undefined> {
  if (op.bodyProperties === null)
    return fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: hostileJson.map((v) => JSON.stringify(v)) });
  const known = KNOWN_BODIES[`${op.method} ${op.template}`];
  if (known) return known(ids, templates).map((v) => (v instanceof RawBody ? v.text : JSON.stringify(v)));
  if (op.secured) {
    // An endpoint that writes and that this file does not know: with the key, send only bodies no object schema accepts.
    return fc.oneof(hostileString, fc.array(hostileJson, { maxLength: 3 }), fc.integer(), fc.constant(null)).map((v) => JSON.stringify(v));
  }
  const props = op.bodyProperties;
  return fc
    .tuple(
      fc.tuple(...props.map(() => fc.option(hostileJson, { nil: undefined, freq: 3 }))),
      fc.dictionary(hostileString, hostileJson, { maxKeys: 2 }),
    )
    .map(([values, extra]) => {
      const body: Record<string, unknown> = { ...extra };
      props.forEach((p, i) => values[i] !== undefined && (body[p] = values[i]));
      return JSON.stringify(body);
    });
}

const cypherBody = fc.record(
  {
    query: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...READ_QUERIES) },
      { weight: 3, arbitrary: hostileString },
      {
        weight: 1,
        arbitrary: fc.tuple(fc.constantFrom('MATCH (n) WHERE n.id = ', 'RETURN ', 'MATCH (n:'), hostileString).map(([a, b]) => a + b),
      },
    ),
    params: fc.oneof(
      fc.record({ p: hostileJson, id: hostileJson, q: hostileJson }, { requiredKeys: [] }),
      fc.dictionary(hostileString, hostileJson, { maxKeys: 3 }),
      hostileJson,
    ),
  },
  { requiredKeys: [] },
);

const templateBody = fc.record(
  {
    params: fc.oneof(
      fc.record(
        { challenge: hostileJson, outlook: hostileJson, id: hostileJson, kind: hostileJson, limit: hostileJson },
        { requiredKeys: [] },
      ),
      fc.dictionary(hostileString, hostileJson, { maxKeys: 3 }),
      hostileJson,
    ),
  },
  { requiredKeys: [] },
);

/** A body sent as this exact text (JSON.stringify would overflow the stack on some of them). */
class RawBody {
  constructor(readonly text: string) {}
}

/** `[[[…1…]]]` nested `depth` times, as JSON text. */
const deepJson = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

const KNOWN_BODIES: Record<string, (ids: string[], templates: string[]) => fc.Arbitrary<unknown>> = {
  'POST /api/cypher': () =>
    fc.oneof(
      {
        weight: 1,
        arbitrary: fc
          .integer({ min: 100, max: 100_000 })
          .map((d) => new RawBody(`{"query": "RETURN $p AS p", "params": {"p": ${deepJson(d)}}}`)),
      },
      {
        weight: 1,
        arbitrary: fc.integer({ min: 100, max: 100_000 }).map((d) => new RawBody(`{"query": "RETURN 1", "params": {"p": ${deepJson(d)}}}`)),
      },
      { weight: 20, arbitrary: cypherBody },
    ),
  'POST /api/templates/{name}': () =>
    fc.oneof(
      { weight: 1, arbitrary: fc.integer({ min: 100, max: 100_000 }).map((d) => new RawBody(`{"params": {"limit": ${deepJson(d)}}}`)) },
      { weight: 20, arbitrary: templateBody },
    ),
  // Ids that exist are never generated here, so no stored position changes.
  'PUT /api/layout': () =>
    fc.record(
      {
        positions: fc.oneof(
          fc.dictionary(
            fc.oneof(
              hostileString,
              fc.string({ maxLength: 20 }).map((s) => `fuzz:${s.replace(/[^a-z0-9]/gi, '') || 'x'}`),
            ),
            fc.oneof(fc.record({ x: fc.oneof(fc.double(), hugeNumber, hostileJson), y: fc.oneof(fc.double(), hugeNumber) }), hostileJson),
            { maxKeys: 5 },
          ),
          hostileJson,
        ),
      },
      { requiredKeys: [] },
    ),
  'POST /api/imports': () =>
    fc.record(
      {
        name: fc.oneof(fc.constant('fuzz-import'), hostileString),
        format: fc.oneof(fc.constantFrom('gexf', 'graphml'), hostileString),
        content: fc.oneof(
          hostileString,
          fc.constantFrom(
            '<gexf',
            '<?xml version="1.0"?><gexf><graph><nodes><node id="a"',
            '<!DOCTYPE gexf [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><gexf>&xxe;</gexf>',
            '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><graphml>&lol3;</graphml>',
            '<graphml><graph><node id="x"/><edge source="x" target="missing"/></graph></graphml>',
          ),
        ),
        filename: fc.oneof(hostileString, fc.constant('../../etc/passwd')),
      },
      { requiredKeys: [] },
    ),
};

// ------------------------------------------------------------------ transport-level mutations, for any endpoint

const MALFORMED_JSON = [
  '{',
  '{"query": "RETURN 1",}',
  "{'query': 'RETURN 1'}",
  '{"query": "RETURN 1"}{"query": "RETURN 2"}',
  '{"query": NaN}',
  '{"query": undefined}',
  '\ufeff{"query": "RETURN 1"}',
  '{"query": "RETURN 1", "query": "MATCH (n) DETACH DELETE n"}',
  '{"positions": {"fuzz:a": {"x": 1e400, "y": -1e400}}}',
  '{"params": {"p": 123456789012345678901234567890}, "query": "RETURN $p"}',
  '['.repeat(100_000),
  `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
  `{"query": "RETURN $p", "params": {"p": ${'['.repeat(20_000)}1${']'.repeat(20_000)}}}`,
  '"just a string"',
  'null',
  '12',
  '',
  '\u0000',
  '{"__proto__": {"polluted": true}, "query": "RETURN 1"}',
];

const transportCase = (ops: Operation[]): fc.Arbitrary<Case> =>
  fc
    .tuple(
      fc.constantFrom(...ops),
      fc.oneof(
        {
          weight: 4,
          arbitrary: fc
            .constantFrom(...MALFORMED_JSON)
            .map((b) => ({ kind: 'malformed', body: b as string | Buffer, type: 'application/json' })),
        },
        {
          weight: 2,
          arbitrary: fc
            .string({ unit: 'binary', maxLength: 200 })
            .map((b) => ({ kind: 'garbage', body: b as string | Buffer, type: 'application/json' })),
        },
        {
          weight: 1,
          arbitrary: fc.constantFrom(1024 * 1024 + 1, 3 * 1024 * 1024).map((n) => ({
            kind: 'oversized',
            body: JSON.stringify({ query: 'RETURN 1', pad: 'x'.repeat(n) }) as string | Buffer,
            type: 'application/json',
          })),
        },
        {
          weight: 2,
          arbitrary: fc
            .constantFrom(
              'text/plain',
              'application/x-www-form-urlencoded',
              'multipart/form-data; boundary=x',
              'application/json; charset=utf-16',
              'application/json; charset=latin1',
              'application/vnd.api+json',
              'application/xml',
              '',
            )
            .map((type) => ({ kind: 'content-type', body: '{"query": "RETURN 1", "params": {}}' as string | Buffer, type })),
        },
        {
          weight: 2,
          arbitrary: fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-unknown', 'gzip, gzip').map((encoding) => ({
            kind: `content-encoding:${encoding}`,
            body: (encoding === 'gzip' ? gzipSync('{"query": "RETURN 1"}') : Buffer.from('not compressed at all')) as string | Buffer,
            type: 'application/json',
            encoding,
          })),
        },
        {
          weight: 1,
          // A gzip bomb: 64 kB on the wire, 64 MB inflated.
          arbitrary: fc.constant({
            kind: 'gzip-bomb',
            body: gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20)) as string | Buffer,
            type: 'application/json',
            encoding: 'gzip',
          }),
        },
      ),
      fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
      fc.boolean(),
    )
    .map(([op, mutation, method, keepMethod]) => ({
      method: keepMethod ? op.method : method,
      path: op.template.replace(/\{[^}]+\}/g, 'challenge:hallucination'),
      headers: {
        ...(mutation.type ? { 'content-type': mutation.type } : {}),
        ...('encoding' in mutation && mutation.encoding ? { 'content-encoding': mutation.encoding } : {}),
        'x-api-key': API_KEY,
      },
      body: mutation.body,
    }));

/** Raw URL garbage: bad percent-encoding, traversal, 20 kB URLs, control bytes. */
const urlCase = (ops: Operation[]): fc.Arbitrary<Case> =>
  fc.tuple(fc.constantFrom(...ops), hostileString, fc.constantFrom('path', 'query', 'suffix', 'long')).map(([op, s, where]) => {
    const base = op.template.replace(/\{[^}]+\}/g, 'technology:rag');
    const junk = rawPathSafe(s).slice(0, 30_000);
    const path =
      where === 'path'
        ? op.template.replace(/\{[^}]+\}/g, junk || '%')
        : where === 'query'
          ? `${base}?${junk}`
          : where === 'suffix'
            ? `${base}/${junk}`
            : `${base}?q=${'%41'.repeat(7000)}`;
    return {
      method: op.method === 'GET' ? 'GET' : 'POST',
      path,
      headers: { 'content-type': 'application/json' },
      body: op.method === 'GET' ? undefined : '{}',
    };
  });

// ------------------------------------------------------------------ the test

describe('fuzzing every endpoint', () => {
  let srv: TestServer;
  let base: URL;
  let ops: Operation[];
  let ids: string[];
  let templates: string[];
  let before: DbFingerprint;
  const statuses = new Map<string, Map<number, number>>();
  let cases = 0;
  let parserRefusals = 0;
  const timeBy = new Map<string, number>();
  let slowest = { ms: 0, what: '' };

  beforeAll(async () => {
    srv = await startTestServer({
      config: { API_KEY, RATE_LIMIT_PER_MINUTE: 1_000_000, QUERY_TIMEOUT_MS, CYPHER_ROW_CAP: 1000, LOG_LEVEL: 'silent' },
    });
    base = new URL(srv.baseUrl);
    const doc = JSON.parse((await raw(base, 'GET', '/api/openapi.json')).text);
    ops = operationsOf(doc);
    const graph = JSON.parse((await raw(base, 'GET', '/api/graph?limit=30')).text) as { nodes: { id: string }[] };
    ids = graph.nodes.map((n) => n.id);
    templates = (JSON.parse((await raw(base, 'GET', '/api/templates')).text) as { name: string }[]).map((t) => t.name);
    before = await fingerprint(srv.app.db);
  });

  afterAll(async () => {
    agent.destroy();
    await srv?.close();
  });

  /** The invariant every answer must keep. */
  function check(label: string, c: Case, r: Raw) {
    cases++;
    const byStatus = statuses.get(label) ?? new Map<number, number>();
    byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
    statuses.set(label, byStatus);
    timeBy.set(label, (timeBy.get(label) ?? 0) + r.ms);
    if (r.ms > slowest.ms) slowest = { ms: r.ms, what: `${c.method} ${c.path.slice(0, 120)} → ${r.status}` };
    const what = `${c.method} ${c.path.slice(0, 300)} ${typeof c.body === 'string' ? c.body.slice(0, 300) : c.body ? `<${c.body.length} bytes>` : ''} → ${r.status} ${r.text.slice(0, 300)}`;
    // -1: the server answered 413 and closed while a multi-megabyte body was still being sent.
    // 503 only as the large-answer queue's "wait your turn" (SERVER_BUSY with Retry-After), never from the database.
    if (r.status === 503) {
      expect(r.text, what).toContain('"SERVER_BUSY"');
      expect(Number(r.headers['retry-after']), what).toBeGreaterThan(0);
    } else {
      expect([200, 201, 204, 400, 401, 403, 404, 405, 409, 413, 415, 422, 429, 431, 504, -1], what).toContain(r.status);
    }
    expect(r.text, what).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
    // Node's HTTP parser refuses a malformed request line or oversized headers itself (400/431, no body, no content type).
    const parserLevel = (r.status === 400 || r.status === 431) && !r.headers['content-type'] && r.text === '';
    if (parserLevel) parserRefusals++;
    if (r.status >= 400 && !parserLevel && r.status !== -1 && c.method !== 'HEAD') {
      let body: { error?: { code?: string; message?: string } } = {};
      try {
        body = JSON.parse(r.text) as typeof body;
      } catch {
        expect.fail(`not a JSON error body: ${what}`);
      }
      expect(typeof body.error?.code, what).toBe('string');
      expect(typeof body.error?.message, what).toBe('string');
    }
    expect(r.ms, what).toBeLessThan(ANSWER_DEADLINE_MS);
  }

  it('covers every documented operation', () => {
    const documented = ops.map((o) => `${o.method} ${o.template}`);
    for (const must of [
      'GET /api/search',
      'GET /api/nodes/{id}',
      'POST /api/cypher',
      'PUT /api/layout',
      'GET /api/export',
      'POST /api/templates/{name}',
    ]) {
      expect(documented).toContain(must);
    }
  });

  it('never answers 500, never hangs, on thousands of hostile requests per endpoint', async () => {
    const started = performance.now();
    // The endpoints run side by side (the server sees up to one request per endpoint at a time); each is a seeded property.
    const settled = await Promise.allSettled(
      ops.map((op, i) =>
        fc.assert(
          fc.asyncProperty(caseFor(op, ids, templates), async (c) => {
            check(`${op.method} ${op.template}`, c, await raw(base, c.method, c.path, c.headers, c.body));
          }),
          { seed: SEED + i, numRuns: RUNS, endOnFailure: true },
        ),
      ),
    );
    const failed = settled.find((x) => x.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    await fc.assert(
      fc.asyncProperty(transportCase(ops), async (c) => check('transport', c, await raw(base, c.method, c.path, c.headers, c.body))),
      { seed: SEED + 1000, numRuns: Math.max(100, Math.round(RUNS / 2)), endOnFailure: true },
    );
    await fc.assert(
      fc.asyncProperty(urlCase(ops), async (c) => check('url', c, await raw(base, c.method, c.path, c.headers, c.body))),
      { seed: SEED + 2000, numRuns: Math.max(100, Math.round(RUNS / 2)), endOnFailure: true },
    );
    const seconds = (performance.now() - started) / 1000;
    const summary = [...statuses.entries()].map(
      ([label, byStatus]) =>
        `  ${label}: ${[...byStatus.values()].reduce((a, b) => a + b, 0)} cases, ${Math.round(timeBy.get(label) ?? 0)} ms in all (${[
          ...byStatus.entries(),
        ]
          .sort((a, b) => a[0] - b[0])
          .map(([s, n]) => `${s}×${n}`)
          .join(' ')})`,
    );
    console.log(
      `[fuzz] seed ${SEED}, ${cases} cases over ${ops.length} operations + transport + URL in ${seconds.toFixed(1)} s (${parserRefusals} refused by Node's HTTP parser); slowest ${Math.round(slowest.ms)} ms (${slowest.what})\n${summary.join('\n')}`,
    );
  }, 240_000);

  it('leaves the server up, the prototype clean and the database exactly as it was', async () => {
    const health = await raw(base, 'GET', '/api/health');
    expect(health.status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // A fuzz case may have produced a valid import; remove it before comparing (it is a legitimate write with the key).
    const imports = JSON.parse((await raw(base, 'GET', '/api/imports')).text) as { ns: string }[];
    for (const i of imports.filter((x) => x.ns.startsWith('import:fuzz'))) {
      await raw(base, 'DELETE', `/api/imports/${i.ns.slice('import:'.length)}`, { 'x-api-key': API_KEY });
    }
    const after = await fingerprint(srv.app.db);
    for (const key of ['nodes', 'relationships', 'labels', 'types', 'propertyKeys', 'digest'] as const)
      expect(after[key], key).toEqual(before[key]);
    // The application creates its own indexes lazily (the research schema, before its first write); nothing else may appear or go.
    const declared = readdirSync(CYPHER_DIR)
      .filter((f) => f.endsWith('.cypher'))
      .map((f) => readFileSync(join(CYPHER_DIR, f), 'utf8'))
      .join('\n');
    for (const key of ['indexes', 'constraints'] as const) {
      expect(after[key], `${key} dropped`).toEqual(expect.arrayContaining(before[key]));
      for (const added of after[key].filter((x) => !before[key].includes(x))) {
        expect(declared, `${key}: ${added} is not one the application declares`).toMatch(
          new RegExp(`CREATE (?:\\w+ )?(?:INDEX|CONSTRAINT) ${added.split(':')[0]}\\b`),
        );
      }
    }
  });
});
