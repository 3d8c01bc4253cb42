/**
 * Shared by the reliability and security suites: a fingerprint of the whole
 * database (counts, tokens, schema and a digest of every property), so a test
 * can assert that nothing at all was written, and small HTTP helpers.
 */
import { createHash } from 'node:crypto';
import { type Database, toPlain } from '../../server/db/database';

export interface DbFingerprint {
  nodes: number;
  relationships: number;
  labels: string[];
  types: string[];
  propertyKeys: string[];
  indexes: string[];
  constraints: string[];
  /** SHA-256 over every node's labels and properties and every relationship's type and properties, in a stable order. */
  digest: string;
}

async function column(db: Database, query: string, key: string): Promise<string[]> {
  return db.read(async (tx) => (await tx.run(query)).records.map((r) => String(r.get(key))).sort(), { owner: 'test' });
}

/** Everything a write, a schema change or a token creation would alter. */
export async function fingerprint(db: Database): Promise<DbFingerprint> {
  const [counts] = await db.read(
    async (tx) =>
      (
        await tx.run(
          'CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships',
        )
      ).records.map((r) => ({ nodes: Number(toPlain(r.get('nodes'))), relationships: Number(toPlain(r.get('relationships'))) })),
    { owner: 'test' },
  );
  const hash = createHash('sha256');
  await db.read(
    async (tx) => {
      const nodes = await tx.run('MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props ORDER BY id');
      for (const r of nodes.records) hash.update(JSON.stringify([r.get('id'), toPlain(r.get('labels')), stable(toPlain(r.get('props')))]));
      const rels = await tx.run('MATCH ()-[r]->() RETURN elementId(r) AS id, type(r) AS type, properties(r) AS props ORDER BY id');
      for (const r of rels.records) hash.update(JSON.stringify([r.get('id'), r.get('type'), stable(toPlain(r.get('props')))]));
    },
    { owner: 'test', timeoutMs: 60_000 },
  );
  return {
    nodes: counts!.nodes,
    relationships: counts!.relationships,
    labels: await column(db, 'CALL db.labels() YIELD label RETURN label', 'label'),
    types: await column(db, 'CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType', 'relationshipType'),
    propertyKeys: await column(db, 'CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey', 'propertyKey'),
    indexes: await column(db, 'SHOW INDEXES YIELD name, state RETURN name + ":" + state AS name', 'name'),
    constraints: await column(db, 'SHOW CONSTRAINTS YIELD name RETURN name', 'name'),
    digest: hash.digest('hex'),
  };
}

/** Node and relationship counts only (cheap). */
export async function counts(db: Database): Promise<{ nodes: number; relationships: number }> {
  const f = await db.read(
    async (tx) =>
      (
        await tx.run(
          'CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships',
        )
      ).records[0]!,
    { owner: 'test' },
  );
  return { nodes: Number(toPlain(f.get('nodes'))), relationships: Number(toPlain(f.get('relationships'))) };
}

function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((k) => [k, stable((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
  ms: number;
}

/** One request with a hard client-side deadline; never throws on HTTP status. */
export async function request(baseUrl: string, path: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<Answer> {
  const { timeoutMs = 15_000, ...rest } = init;
  const started = performance.now();
  const res = await fetch(`${baseUrl}${path}`, { ...rest, signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json, ms: performance.now() - started };
}

export function postJson(baseUrl: string, path: string, body: unknown, headers: Record<string, string> = {}, timeoutMs?: number) {
  return request(baseUrl, path, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
    ...(timeoutMs ? { timeoutMs } : {}),
  });
}

export function errorCode(a: Answer): string | undefined {
  return (a.json as { error?: { code?: string } } | undefined)?.error?.code;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
