/**
 * What a client is told when a request is wrong: unknown fields refused instead of dropped, one message per
 * field that names it and the fix (never zod's own wording), and the owner that answers; path notes only on
 * paths the graph holds. Reports' handling of paths, note headings, notes alone and bylines is in
 * research-reports.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NoteDTO } from '../../graph/analytics';
import type { CypherResultDTO, ErrorDTO } from '../../graph/contracts';
import { api, startTestServer, type TestServer } from '../helpers/server';

const KEY = 'api-messages-test-key-0123456789';
const RAG = 'technology:rag';
const ENERGY = 'challenge:energy-consumption';
const MARK = `test-messages-${Date.now()}`;

/** zod's own phrases, which name neither the field nor the fix. */
const ZOD_WORDING = /Invalid input|expected string|received undefined|Too big|Too small|Invalid option|expected record|expected boolean/;

describe('request messages', () => {
  let srv: TestServer;
  const auth = { 'x-api-key': KEY };
  const created: string[] = [];

  beforeAll(async () => {
    srv = await startTestServer({ config: { API_KEY: KEY } });
  });

  afterAll(async () => {
    // Every note this file signs, from this run or an interrupted one (a note a refusal should have stopped included).
    const notes = (await api<NoteDTO[]>(srv.baseUrl, '/api/notes?limit=1000')).body;
    const ids = new Set([...created, ...notes.filter((n) => n.author.startsWith('test-messages-')).map((n) => n.id)]);
    for (const id of ids) await api(srv.baseUrl, `/api/notes/${id}`, { method: 'DELETE', headers: auth });
    await srv.close();
  });

  /** The error of a request that must be refused with `status`; its message must not be zod's. */
  async function refused(path: string, init: RequestInit & { json?: unknown } = {}, status = 400): Promise<ErrorDTO['error']> {
    const r = await api<ErrorDTO>(srv.baseUrl, path, init);
    expect(r.status, `${path} ${JSON.stringify(r.body)}`).toBe(status);
    expect(r.body.error.message).not.toMatch(ZOD_WORDING);
    return r.body.error;
  }

  describe('unknown fields in a JSON body', () => {
    it('refuses a template parameter sent beside params, naming it and saying parameters go in params', async () => {
      const e = await refused('/api/templates/technologies-for-challenge', { json: { challenge: 'challenge:nope' } });
      expect(e.message).toMatch(/^templates: invalid request — body: unknown field "challenge" — the body takes only params/);
      expect(e.message).toContain('{"params": {"challenge": …}}');
      // Inside params the same parameter is read (an unknown challenge finds nothing, but is not the default's data).
      const ok = await api<CypherResultDTO>(srv.baseUrl, '/api/templates/technologies-for-challenge', {
        json: { params: { challenge: 'challenge:nope' } },
      });
      expect(ok.status).toBe(200);
      expect(ok.body.rows).toEqual([]);
      // The body's own field misspelt is said to be misspelt, not to go inside itself.
      const misspelt = await refused('/api/templates/technologies-for-challenge', {
        json: { parameters: { challenge: 'challenge:nope' } },
      });
      expect(misspelt.message).toBe(
        'templates: invalid request — body: unknown field "parameters" — the body takes only params: send {"params": {…}} instead of {"parameters": {…}}',
      );
      // No parameters at all still runs the template with its defaults.
      expect((await api(srv.baseUrl, '/api/templates/technologies-for-challenge', { json: {} })).status).toBe(200);
    });

    it('refuses unknown fields in the other bodies, naming them and what the body takes', async () => {
      const cypher = await refused('/api/cypher', { json: { query: 'RETURN 1', parameters: {} } });
      expect(cypher.message).toContain('body: unknown field "parameters" — the body takes query, params');
      const note = await refused('/api/notes', {
        json: { target: { kind: 'node', id: RAG, type: 'x' }, body: 'x', colour: 'red' },
        headers: auth,
      });
      expect(note.message).toContain('body.target has unknown field "type" — target takes kind, id, from, to, nodes');
      expect(note.message).toContain('body: unknown field "colour"');
      const report = await refused('/api/reports', { json: { path: { from: RAG, to: ENERGY, paths: 3 } } });
      expect(report.message).toContain('body.path has unknown field "paths" — path takes from, to, nodes, mode, k, maxHops');
      const view = await refused('/api/views', { json: { name: 'x', state: {}, title: 'x' }, headers: auth });
      expect(view.message).toContain('body: unknown field "title" — the body takes name, state, author');
    });
  });

  describe('missing fields', () => {
    it('says a required field is required and what it takes', async () => {
      const paths = await refused('/api/paths?to=technology:rag');
      expect(paths.message).toBe(
        'paths: invalid request — query.from is required — a node id such as technology:rag (search for one with /api/search?q=…)',
      );
      const compare = await refused(`/api/analytics/compare?a=${RAG}`);
      expect(compare.message).toMatch(/query\.b is required — a node id such as technology:rag/);
      const note = await refused('/api/notes', { json: {}, headers: auth });
      expect(note.message).toMatch(/body\.target is required — what the note is on: \{"kind": "node", "id": …\}/);
      expect(note.message).toMatch(/body\.body is required — the note's text \(Markdown\)/);
      const view = await refused('/api/views', { json: {}, headers: auth });
      expect(view.message).toMatch(/body\.name is required — the name to save the view under/);
      expect(view.message).toMatch(/body\.state is required — what the view shows/);
      const report = await refused('/api/reports', { json: { path: { from: RAG } } });
      expect(report.message).toMatch(/body\.path\.to is required — a node id such as technology:rag/);
      // The good message a schema words itself is kept.
      expect((await refused('/api/search')).message).toMatch(/query\.q is required: the text to search for, e\.g\. q=幻觉/);
    });
  });

  describe('ranges, options and types', () => {
    it('words each in plain terms, naming the field', async () => {
      const title = await refused('/api/reports', { json: { title: 'x'.repeat(301), nodes: [RAG] } });
      expect(title.message).toContain('body.title must be at most 300 characters');
      const k = await refused('/api/reports', { json: { path: { from: RAG, to: ENERGY, mode: 'k', k: 50 } } });
      expect(k.message).toContain('body.path.k must be at most 10');
      const ratio = await refused('/api/views', { json: { name: 'x', state: { camera: { x: 0, y: 0, ratio: -5 } } }, headers: auth });
      expect(ratio.message).toContain('body.state.camera.ratio must be greater than 0');
      const colour = await refused('/api/views', { json: { name: 'x', state: { analytics: { colour: 'purple' } } }, headers: auth });
      expect(colour.message).toContain('body.state.analytics.colour must be one of kind, community');
      const include = await refused('/api/reports', { json: { nodes: [RAG], includeNotes: 'yes' } });
      expect(include.message).toContain('body.includeNotes must be true or false, not text');
      const params = await refused('/api/cypher', { json: { query: 'RETURN 1', params: [1] } });
      expect(params.message).toContain('body.params must be an object of names to values, not a list — the parameters by name');
    });

    it('gives one message per field', async () => {
      const limit = await refused('/api/search?q=rag&limit=99999999999999999999');
      // Out of the safe-integer range too: the parameter's own bound is the one said.
      expect(limit.message).toBe('search: invalid request — query.limit must be at most 100');
      expect(limit.details).toHaveLength(1);
      const ends = await refused('/api/paths?from=a&to=b');
      expect(ends.details).toEqual([
        { field: 'query.from', message: 'must be a node id such as technology:rag (search for one with /api/search?q=…)' },
        { field: 'query.to', message: 'must be a node id such as technology:rag (search for one with /api/search?q=…)' },
      ]);
    });
  });

  describe('messages that named the wrong thing', () => {
    it('says a parameter is repeated', async () => {
      const e = await refused('/api/search?q=rag&limit=1&limit=2');
      expect(e.message).toBe('search: invalid request — query.limit is given 2 times — give it once');
      // A list parameter still takes repeats.
      expect((await api(srv.baseUrl, '/api/search?q=rag&kinds=Technology&kinds=Challenge')).status).toBe(200);
    });

    it('refuses a query parameter the endpoint does not take, naming the ones it does', async () => {
      const e = await refused('/api/paths?from=technology:rag&to=challenge:energy-consumption&maxhops=2');
      expect(e.message).toBe(
        'paths: invalid request — query: unknown parameter "maxhops" — the query string takes from, to, mode, k, maxHops, types, exclude',
      );
      expect(e.details).toEqual([{ field: 'query', message: expect.stringContaining('"maxhops"') }]);
      // Spelt right, the same request is answered; an endpoint that takes no parameters lets a query pass
      // (a health probe's cache-buster).
      expect((await api(srv.baseUrl, '/api/paths?from=technology:rag&to=challenge:energy-consumption&maxHops=2')).status).toBe(200);
      expect((await api(srv.baseUrl, '/api/health?probe=1')).status).toBe(200);
    });

    it('refuses a field inside a position, and words a key that is too long after its field', async () => {
      const layout = await refused('/api/layout', {
        method: 'PUT',
        headers: auth,
        json: { positions: { 'technology:rag': { x: 1, y: 2, z: 3 } } },
      });
      expect(layout.message).toBe(
        'layout: invalid request — body.positions.technology:rag has unknown field "z" — positions.technology:rag takes x, y',
      );
      const key = 'k'.repeat(101);
      const cypher = await refused('/api/cypher', { method: 'POST', headers: auth, json: { query: 'RETURN 1', params: { [key]: 1 } } });
      expect(cypher.message).toContain(`body.params.${key} is not a valid key: it must be at most 100 characters`);
    });

    it('speaks of a view id or a note id, and where to list them', async () => {
      expect((await refused('/api/views/nope')).message).toBe(
        'views: invalid request — params.id: must be a saved view id such as view:0f8e… (list them with GET /api/views)',
      );
      expect((await refused('/api/notes/nope')).message).toBe(
        'notes: invalid request — params.id: must be a note id such as note:0f8e… (list them with GET /api/notes)',
      );
    });

    it('says to send JSON when a body comes as another content type', async () => {
      const e = await refused(
        '/api/cypher',
        { method: 'POST', body: JSON.stringify({ query: 'RETURN 1' }), headers: { 'content-type': 'text/plain' } },
        415,
      );
      expect(e.message).toBe('cypher: the body was sent as "text/plain" — send a JSON object with Content-Type: application/json.');
    });

    it('names export as the owner of an export of a missing node', async () => {
      const e = await refused('/api/export?format=json&id=technology:nope&depth=1', {}, 404);
      expect(e.message).toMatch(/^export: node "technology:nope" not found/);
    });
  });

  describe('notes on paths', () => {
    it('refuses a path whose consecutive nodes no relationship links', async () => {
      const e = await refused('/api/notes', {
        json: { target: { kind: 'path', nodes: [RAG, ENERGY] }, body: 'x', author: MARK },
        headers: auth,
      });
      expect(e.message).toBe(
        `notes: no relationship links "${RAG}" and "${ENERGY}" — target.nodes must be a path, each node linked to the next; find one with /api/paths?from=${RAG}&to=${ENERGY}.`,
      );
      expect(e.details).toEqual({ field: 'target.nodes' });
    });

    it('accepts a path the graph holds', async () => {
      const path = (await api<{ paths: { nodes: string[] }[] }>(srv.baseUrl, `/api/paths?from=${RAG}&to=${ENERGY}`)).body.paths[0]!;
      const r = await api<NoteDTO>(srv.baseUrl, '/api/notes', {
        json: { target: { kind: 'path', nodes: path.nodes }, body: 'a real path', author: MARK },
        headers: auth,
      });
      expect(r.status).toBe(201);
      created.push(r.body.id);
      expect(r.body.target).toMatchObject({ kind: 'path', nodes: path.nodes, exists: true });
    });
  });
});
