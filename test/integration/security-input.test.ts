/**
 * Labels and relationship types are the only parts of a query that cannot be
 * parameters, so every kind or type the API takes is checked against the
 * schema's whitelist: anything else — an unknown name, an internal label,
 * different case, an injection — is refused with 400 naming the field.
 * The parameters come from /api/openapi.json, so one added later is covered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_KINDS, REL_TYPES } from '../../graph/model';
import { startTestServer, type TestServer } from '../helpers/server';
import { counts, errorCode, postJson, request } from './reliability-helpers';

const BAD_KINDS = [
  'Foo',
  'challenge',
  'CHALLENGE',
  'Entity',
  'Passage',
  'Note',
  '`Challenge`',
  'Challenge) DETACH DELETE n //',
  'Challenge|Outlook',
  'Challenge:Outlook',
  ' Challenge`',
];
const BAD_TYPES = [
  'FOO',
  'mitigates',
  'MENTIONS',
  'HAS_PASSAGE',
  'MITIGATES]->() DETACH DELETE n //',
  'MITIGATES|ENABLES',
  '`MITIGATES`',
  '*',
  'MITIGATES*1..',
];

/** Values for the required parameters of each endpoint, so only the one under test is wrong. */
const REQUIRED: Record<string, string> = {
  q: 'RAG',
  from: 'challenge:hallucination',
  to: 'technology:rag',
  a: 'challenge:hallucination',
  b: 'technology:rag',
};

interface Param {
  path: string;
  name: string;
  others: string;
}

describe('kinds and relationship types outside the schema', () => {
  let srv: TestServer;
  let params: Param[];
  beforeAll(async () => {
    srv = await startTestServer({ config: { RATE_LIMIT_PER_MINUTE: 100_000 } });
    const doc = (await request(srv.baseUrl, '/api/openapi.json')).json as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string; required?: boolean }[] }>>;
    };
    params = Object.entries(doc.paths).flatMap(([template, methods]) =>
      (methods.get?.parameters ?? [])
        .filter((p) => p.in === 'query' && /^(kinds|types|\w+Kinds|\w+Types)$/.test(p.name))
        .map((p) => ({
          path: template.replace('{id}', 'challenge:hallucination'),
          name: p.name,
          others: (methods.get?.parameters ?? [])
            .filter((o) => o.in === 'query' && o.required && REQUIRED[o.name])
            .map((o) => `${o.name}=${encodeURIComponent(REQUIRED[o.name]!)}`)
            .join('&'),
        })),
    );
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('finds the kind and type parameters of every endpoint', () => {
    const names = params.map((p) => `${p.path} ${p.name}`);
    for (const must of [
      '/api/search kinds',
      '/api/graph kinds',
      '/api/graph types',
      '/api/paths types',
      '/api/nodes/challenge:hallucination/neighbors types',
      '/api/export kinds',
    ]) {
      expect(names).toContain(must);
    }
  });

  it('refuses every value outside the whitelist with 400 naming the parameter, alone, in a list or repeated', async () => {
    const before = await counts(srv.app.db);
    let refused = 0;
    for (const p of params) {
      const bad = /kinds$/i.test(p.name) ? BAD_KINDS : BAD_TYPES;
      const good = /kinds$/i.test(p.name) ? NODE_KINDS[0] : REL_TYPES[0];
      for (const value of bad) {
        for (const query of [
          `${p.name}=${encodeURIComponent(value)}`,
          `${p.name}=${encodeURIComponent(`${good},${value}`)}`,
          `${p.name}=${good}&${p.name}=${encodeURIComponent(value)}`,
        ]) {
          const url = `${p.path}?${[p.others, query].filter(Boolean).join('&')}`;
          const r = await request(srv.baseUrl, url);
          expect(r.status, `${url}: ${r.text.slice(0, 200)}`).toBe(400);
          expect(errorCode(r)).toBe('VALIDATION_ERROR');
          expect((r.json as { error: { message: string } }).error.message, url).toContain(`query.${p.name}`);
          refused++;
        }
      }
      const ok = await request(srv.baseUrl, `${p.path}?${[p.others, `${p.name}=${good}`].filter(Boolean).join('&')}`);
      // A valid kind or type is never the problem (the endpoint may still refuse the request for another reason).
      expect(ok.text, `${p.path} ${p.name}=${good}`).not.toContain(`query.${p.name}`);
    }
    expect(refused).toBeGreaterThan(100);
    expect(await counts(srv.app.db)).toEqual(before);
  });

  it('refuses a kind outside the schema in the most-connected template, and accepts an empty one (all kinds)', async () => {
    for (const kind of BAD_KINDS) {
      const r = await postJson(srv.baseUrl, '/api/templates/most-connected', { params: { kind } });
      expect(r.status, `${kind}: ${r.text.slice(0, 200)}`).toBe(400);
      expect((r.json as { error: { message: string } }).error.message).toMatch(/"kind"/);
    }
    for (const kind of ['', 'Technology']) {
      const r = await postJson(srv.baseUrl, '/api/templates/most-connected', { params: { kind, limit: 3 } });
      expect(r.status, r.text.slice(0, 200)).toBe(200);
    }
  });
});
