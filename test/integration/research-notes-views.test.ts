/**
 * Notes and saved views: CRUD with the API key, 401/403 without it, targets
 * that must exist, unique view names, and nothing of the curated graph touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorDTO, NodeDetailsDTO, PathsResultDTO } from '../../graph/contracts';
import type { NoteDTO, SavedViewDTO, SavedViewSummaryDTO } from '../../graph/analytics';
import { api, startTestServer, type TestServer } from '../helpers/server';
import { seedDatabase } from '../../server/seed';

const KEY = 'research-notes-test-key-0123456789';
const FL = 'technology:federated-learning';
const PRIVACY = 'challenge:data-privacy';
const MARK = `test-research-${Date.now()}`;

describe('notes and saved views', () => {
  let srv: TestServer;
  let noKey: TestServer;
  const auth = { 'x-api-key': KEY };
  const send = <T>(method: string, path: string, json?: unknown, headers: Record<string, string> = auth) =>
    api<T>(srv.baseUrl, path, { method, ...(json !== undefined ? { json } : {}), headers });
  const get = <T>(path: string) => api<T>(srv.baseUrl, path);
  const curated = () => srv.app.services.seedRepository.countNamespace('curated');
  let curatedBefore: { nodes: number; relationships: number };
  let detailsBefore: NodeDetailsDTO;

  beforeAll(async () => {
    srv = await startTestServer({ config: { API_KEY: KEY } });
    noKey = await startTestServer({ config: { API_KEY: undefined } });
    curatedBefore = await curated();
    detailsBefore = (await get<NodeDetailsDTO>(`/api/nodes/${FL}`)).body;
  });

  afterAll(async () => {
    // Remove whatever this file created, even after a failure.
    for (const n of (await get<NoteDTO[]>(`/api/notes?author=${MARK}&limit=1000`)).body) await send('DELETE', `/api/notes/${n.id}`);
    for (const v of (await get<SavedViewSummaryDTO[]>('/api/views?limit=1000')).body)
      if (v.author === MARK) await send('DELETE', `/api/views/${v.id}`);
    await srv.close();
    await noKey.close();
  });

  describe('auth', () => {
    const note = { target: { kind: 'node', id: FL }, body: 'x', author: MARK };

    it('answers 401 without the key, 403 with a wrong one, 403 when the server has none', async () => {
      const none = await send<ErrorDTO>('POST', '/api/notes', note, {});
      expect(none.status).toBe(401);
      expect(none.body.error.code).toBe('UNAUTHORIZED');
      expect(none.body.error.message).toMatch(/X-API-Key/);
      const wrong = await send<ErrorDTO>('POST', '/api/notes', note, { 'x-api-key': 'not-the-key-not-the-key' });
      expect(wrong.status).toBe(403);
      expect(wrong.body.error.message).toMatch(/wrong/);
      const bearer = await send<NoteDTO>('POST', '/api/notes', note, { authorization: `Bearer ${KEY}` });
      expect(bearer.status).toBe(201);
      await send('DELETE', `/api/notes/${bearer.body.id}`);
      const disabled = await api<ErrorDTO>(noKey.baseUrl, '/api/notes', { method: 'POST', json: note, headers: auth });
      expect(disabled.status).toBe(403);
      expect(disabled.body.error.message).toMatch(/writes are disabled/);
      for (const [method, path] of [
        ['POST', '/api/views'],
        ['PATCH', '/api/views/view:x'],
        ['DELETE', '/api/views/view:x'],
        ['PATCH', '/api/notes/note:x'],
        ['DELETE', '/api/notes/note:x'],
      ] as const) {
        expect((await send(method, path, method === 'DELETE' ? undefined : { name: 'x' }, {})).status).toBe(401);
      }
    });

    it('reads without any key', async () => {
      expect((await api(noKey.baseUrl, '/api/notes')).status).toBe(200);
      expect((await api(noKey.baseUrl, '/api/views')).status).toBe(200);
    });
  });

  describe('notes', () => {
    let onNode: NoteDTO;

    it('attaches a Markdown note to a node, titled by its first line', async () => {
      const r = await send<NoteDTO>('POST', '/api/notes', {
        target: { kind: 'node', id: FL },
        body: '# Why FL matters\n\nIt keeps **data** local.',
        author: MARK,
      });
      expect(r.status).toBe(201);
      onNode = r.body;
      expect(onNode.id).toMatch(/^note:[0-9a-f-]{36}$/);
      expect(onNode).toMatchObject({ target: { kind: 'node', id: FL, exists: true }, title: 'Why FL matters', author: MARK });
      expect(onNode.created).toBe(onNode.updated);
      expect((await get<NoteDTO>(`/api/notes/${onNode.id}`)).body).toEqual(onNode);
    });

    it('attaches notes to a relationship and to a saved path, and refuses targets that do not exist', async () => {
      const rel = detailsBefore.relationships[0]!.edge.id;
      const r1 = await send<NoteDTO>('POST', '/api/notes', {
        target: { kind: 'relationship', id: rel },
        body: 'On a relationship',
        author: MARK,
      });
      expect(r1.status).toBe(201);
      expect(r1.body.target).toEqual({ kind: 'relationship', id: rel, exists: true });
      const path = (await get<PathsResultDTO>(`/api/paths?from=${FL}&to=${PRIVACY}`)).body.paths[0]!;
      const nodes = path.nodes;
      const r2 = await send<NoteDTO>('POST', '/api/notes', {
        target: { kind: 'path', nodes, from: FL, to: PRIVACY },
        body: 'On a path',
        author: MARK,
      });
      expect(r2.status).toBe(201);
      expect(r2.body.target).toEqual({ kind: 'path', id: `path:${nodes.join('|')}`, from: FL, to: PRIVACY, nodes, exists: true });
      // Read back, each says its target is there.
      expect((await get<NoteDTO[]>(`/api/notes?node=${FL}&author=${MARK}`)).body.every((n) => n.target.exists)).toBe(true);

      const missingNode = await send<ErrorDTO>('POST', '/api/notes', {
        target: { kind: 'node', id: 'technology:rag2' },
        body: 'x',
        author: MARK,
      });
      expect(missingNode.status).toBe(404);
      expect(missingNode.body.error.message).toBe('notes: node "technology:rag2" not found — search for an id with /api/search?q=…');
      const missingRel = await send<ErrorDTO>('POST', '/api/notes', {
        target: { kind: 'relationship', id: `${FL}-GOVERNS-${PRIVACY}` },
        body: 'x',
        author: MARK,
      });
      expect(missingRel.status).toBe(404);
      const noNodes = await send<ErrorDTO>('POST', '/api/notes', { target: { kind: 'path' }, body: 'x', author: MARK });
      expect(noNodes.status).toBe(400);
      expect(noNodes.body.error.message).toMatch(/target\.nodes is required/);
      const badKind = await send<ErrorDTO>('POST', '/api/notes', { target: { kind: 'planet', id: FL }, body: 'x' });
      expect(badKind.status).toBe(400);
      expect(badKind.body.error.message).toMatch(/body\.target\.kind must be one of node, relationship, path, view/);
    });

    it('lists notes by target, by kind, and every note touching a node (paths through it too)', async () => {
      const onTarget = (await get<NoteDTO[]>(`/api/notes?target=${FL}`)).body;
      expect(onTarget.map((n) => n.id)).toContain(onNode.id);
      expect(onTarget.every((n) => n.target.id === FL)).toBe(true);
      const paths = (await get<NoteDTO[]>(`/api/notes?targetKind=path&author=${MARK}`)).body;
      expect(paths.map((n) => n.body)).toEqual(['On a path']);
      const touching = (await get<NoteDTO[]>(`/api/notes?node=${PRIVACY}&author=${MARK}`)).body;
      expect(touching.map((n) => n.body)).toEqual(['On a path']);
      // A note on a relationship touches both its ends (the details panel lists a node's notes this way).
      const rel = detailsBefore.relationships[0]!.edge;
      for (const end of [rel.source, rel.target]) {
        const atEnd = (await get<NoteDTO[]>(`/api/notes?node=${encodeURIComponent(end)}&author=${MARK}`)).body;
        expect(atEnd.filter((n) => n.target.kind === 'relationship').map((n) => n.target.id)).toEqual([rel.id]);
      }
      // A path's own target id, as a note gives it, lists the notes on that path (the explorer asks this way).
      const pathId = paths[0]!.target.id;
      const onPath = (await get<NoteDTO[]>(`/api/notes?target=${encodeURIComponent(pathId)}`)).body;
      expect(onPath.map((n) => n.id)).toEqual([paths[0]!.id]);
      const badPath = await get<ErrorDTO>(`/api/notes?target=${encodeURIComponent(`path:${FL}|not an id`)}`);
      expect(badPath.status).toBe(400);
      expect(badPath.body.error.details).toEqual([
        { field: 'query.target', message: expect.stringMatching(/path:<id>\|<id>\|…/) as string },
      ]);
    });

    it('pages through notes after the last one of a page, missing none and repeating none', async () => {
      const mine = (await get<NoteDTO[]>(`/api/notes?author=${MARK}&limit=1000`)).body;
      expect(mine.length).toBeGreaterThanOrEqual(3);
      const paged: string[] = [];
      let after = '';
      for (;;) {
        const page = (await get<NoteDTO[]>(`/api/notes?author=${MARK}&limit=2${after}`)).body;
        paged.push(...page.map((n) => n.id));
        if (page.length < 2) break;
        const last = page[page.length - 1]!;
        after = `&after=${encodeURIComponent(`${last.updated}|${last.id}`)}`;
      }
      expect(paged).toEqual(mine.map((n) => n.id));
      const bad = await get<ErrorDTO>('/api/notes?after=yesterday');
      expect(bad.status).toBe(400);
      expect(bad.body.error.details).toEqual([
        { field: 'query.after', message: expect.stringMatching(/last note of the page before, as <updated>\|<id>/) as string },
      ]);
    });

    it('finds notes by the words of their title, text or signature, folded like a search, edits included', async () => {
      const a = await send<NoteDTO>('POST', '/api/notes', {
        target: { kind: 'node', id: FL },
        title: 'Ｆｅｄｅｒａｔｅｄ   averaging',
        body: '联邦平均算法把各方的模型更新加权合并。',
        author: MARK,
      });
      const b = await send<NoteDTO>('POST', '/api/notes', {
        target: { kind: 'node', id: PRIVACY },
        body: 'Noise budgets per round.',
        author: MARK,
      });
      const found = async (q: string) =>
        (await get<NoteDTO[]>(`/api/notes?author=${MARK}&q=${encodeURIComponent(q)}`)).body.map((n) => n.id);
      // Width, case and spacing folded in the title; Chinese in the text; the signature; two words in order.
      expect(await found('federated AVERAGING')).toEqual([a.body.id]);
      expect(await found('模型更新')).toEqual([a.body.id]);
      expect(await found('noise budgets')).toEqual([b.body.id]);
      expect((await found(MARK.toUpperCase())).length).toBeGreaterThanOrEqual(2);
      // A match never runs from the title into the text.
      expect(await found('averaging 联邦')).toEqual([]);
      // An edit is found by its new words, not its old ones.
      // (The title, taken from the first text, keeps its words until it changes too.)
      await send('PATCH', `/api/notes/${b.body.id}`, { body: 'Privacy accounting per round.' });
      expect(await found('noise budgets')).toEqual([b.body.id]);
      await send('PATCH', `/api/notes/${b.body.id}`, { title: 'Accounting' });
      expect(await found('noise budgets')).toEqual([]);
      expect(await found('privacy accounting')).toEqual([b.body.id]);
      // Combined with the node filter and paged like any list.
      expect((await get<NoteDTO[]>(`/api/notes?node=${PRIVACY}&q=accounting`)).body.map((n) => n.id)).toEqual([b.body.id]);
      // A note written before its words were kept is still found (lower-cased in the statement; widths stay),
      // and once a start's seed has stored its words, found like any other (the full-width title included).
      await srv.app.db.write((tx) => tx.run('MATCH (n:Note {id: $id}) REMOVE n.search_text', { id: a.body.id }), { owner: 'test' });
      expect(await found('AVERAGING')).toEqual([a.body.id]);
      expect(await found('federated averaging')).toEqual([]);
      expect(await seedDatabase({ db: srv.app.db, ifEmpty: true })).toMatch(
        /stored the searchable words of 1 note written by an older version$/,
      );
      expect(await found('federated averaging')).toEqual([a.body.id]);
      expect(await seedDatabase({ db: srv.app.db, ifEmpty: true })).not.toMatch(/searchable words/);
      const long = await get<ErrorDTO>(`/api/notes?q=${'x'.repeat(201)}`);
      expect(long.status).toBe(400);
      expect(long.body.error.message).toMatch(/q must be at most 200 characters/);
    });

    it('keeps both of two edits sent at once, one to the title and one to the text', async () => {
      for (let i = 0; i < 5; i++) {
        const n = await send<NoteDTO>('POST', '/api/notes', {
          target: { kind: 'node', id: FL },
          title: 'Before',
          body: 'Old text',
          author: MARK,
        });
        await Promise.all([
          send('PATCH', `/api/notes/${n.body.id}`, { title: `New title ${i}` }),
          send('PATCH', `/api/notes/${n.body.id}`, { body: `New text ${i}` }),
        ]);
        const after = (await get<NoteDTO>(`/api/notes/${n.body.id}`)).body;
        expect([after.title, after.body]).toEqual([`New title ${i}`, `New text ${i}`]);
        expect((await get<NoteDTO[]>(`/api/notes?author=${MARK}&q=${encodeURIComponent(`new text ${i}`)}`)).body.map((x) => x.id)).toEqual([
          n.body.id,
        ]);
      }
    });

    it('keeps the notes on a node that is removed, each saying its target is gone', async () => {
      const slug = `test-notes-gone-${Date.now()}`;
      const doc = await send<{ document: { id: string } }>('POST', '/api/documents', {
        title: `Notes on a removed node ${slug}`,
        language: 'en',
        text: 'We tune federated learning with LoRA adapters.',
        slug,
      });
      expect(doc.status).toBe(201);
      const accepted = await send<{ node: { id: string } }>('POST', `/api/documents/${doc.body.document.id}/candidates/accept`, {
        term: 'LoRA',
        kind: 'Technology',
      });
      expect(accepted.status).toBe(201);
      const lora = accepted.body.node.id;
      const onLora = await send<NoteDTO>('POST', '/api/notes', { target: { kind: 'node', id: lora }, body: 'On LoRA', author: MARK });
      // A path note needs a path the graph holds (an accepted term has no relationships): one of an imported graph.
      const imported = `notes-gone-${Date.now()}`;
      const gexf =
        '<?xml version="1.0" encoding="UTF-8"?><gexf xmlns="http://gexf.net/1.3" version="1.3"><graph defaultedgetype="directed">' +
        '<nodes><node id="a" label="A"/><node id="b" label="B"/></nodes><edges><edge id="e" source="a" target="b"/></edges></graph></gexf>';
      expect((await send('POST', '/api/imports', { name: imported, format: 'gexf', content: gexf })).status).toBe(201);
      const ends = [`import:${imported}/a`, `import:${imported}/b`];
      const onPath = await send<NoteDTO>('POST', '/api/notes', {
        target: { kind: 'path', nodes: ends },
        body: 'From A to B',
        author: MARK,
      });
      expect([onLora.body.target.exists, onPath.body.target.exists]).toEqual([true, true]);
      expect((await send('DELETE', `/api/documents/${doc.body.document.id}`)).status).toBe(200);
      expect((await send('DELETE', `/api/imports/${imported}`)).status).toBe(200);
      expect((await get(`/api/nodes/${encodeURIComponent(lora)}`)).status).toBe(404);
      const after = new Map((await get<NoteDTO[]>(`/api/notes?author=${MARK}&limit=1000`)).body.map((n) => [n.id, n]));
      const [lora2, path2, fl2] = [onLora.body.id, onPath.body.id, onNode.id].map((id) => after.get(id));
      expect(lora2).toEqual({ ...onLora.body, target: { ...onLora.body.target, exists: false } });
      // A path with its nodes gone is gone; the node note beside them on a node still there is not.
      expect(path2!.target).toMatchObject({ nodes: ends, exists: false });
      expect(fl2!.target.exists).toBe(true);
    });

    it('renames and edits a note, then deletes it', async () => {
      const renamed = await send<NoteDTO>('PATCH', `/api/notes/${onNode.id}`, { title: 'FL, in short' });
      expect(renamed.status).toBe(200);
      expect(renamed.body.title).toBe('FL, in short');
      expect(renamed.body.body).toBe(onNode.body);
      expect(renamed.body.updated >= onNode.updated).toBe(true);
      const edited = await send<NoteDTO>('PATCH', `/api/notes/${onNode.id}`, { body: 'Keeps data **local**.\n\nEdited.' });
      expect(edited.body).toMatchObject({ title: 'FL, in short', body: 'Keeps data **local**.\n\nEdited.', created: onNode.created });
      // A title cleared to nothing is named by the body's first line again, as a new note is.
      const untitled = await send<NoteDTO>('PATCH', `/api/notes/${onNode.id}`, { title: '  ' });
      expect(untitled.body.title).toBe('Keeps data local.');
      expect(untitled.body.body).toBe('Keeps data **local**.\n\nEdited.');
      const empty = await send<ErrorDTO>('PATCH', `/api/notes/${onNode.id}`, {});
      expect(empty.status).toBe(400);
      expect(empty.body.error.message).toMatch(/send title, body or both/);
      const gone = await send<{ id: string; deleted: boolean }>('DELETE', `/api/notes/${onNode.id}`);
      expect(gone.body).toEqual({ id: onNode.id, deleted: true });
      const again = await send<ErrorDTO>('DELETE', `/api/notes/${onNode.id}`);
      expect(again.status).toBe(404);
      expect(again.body.error.message).toMatch(/notes: note ".*" not found — list notes with GET \/api\/notes/);
      expect((await get(`/api/notes/${onNode.id}`)).status).toBe(404);
    });
  });

  describe('saved views', () => {
    const state = {
      lang: 'zh',
      selected: FL,
      selection: [FL, PRIVACY],
      filters: { hiddenKinds: ['Claim'], hiddenTypes: [], hiddenEvidence: ['inferred'] },
      camera: { x: 0.5, y: 0.4, ratio: 1.2, angle: 0 },
      path: { from: FL, to: PRIVACY, mode: 'shortest', k: 3, maxHops: 6, types: [], exclude: [], active: 0 },
      analytics: { size: 'pagerank', colour: 'community' },
      client: { panel: 'details', anything: [1, 2, 3] },
    };
    let view: SavedViewDTO;

    it('saves a view and gives back its state unchanged', async () => {
      const r = await send<SavedViewDTO>('POST', '/api/views', { name: `${MARK} privacy`, state, author: MARK });
      expect(r.status).toBe(201);
      view = r.body;
      expect(view.id).toMatch(/^view:/);
      expect(view.state).toEqual(state);
      expect((await get<SavedViewDTO>(`/api/views/${view.id}`)).body).toEqual(view);
      const list = (await get<SavedViewSummaryDTO[]>('/api/views')).body;
      expect(list.find((v) => v.id === view.id)).toEqual({
        id: view.id,
        name: view.name,
        author: MARK,
        created: view.created,
        updated: view.updated,
      });
    });

    it('keeps names unique regardless of case and spacing', async () => {
      const dup = await send<ErrorDTO>('POST', '/api/views', { name: `  ${MARK.toUpperCase()}   PRIVACY `, state: {}, author: MARK });
      expect(dup.status).toBe(409);
      expect(dup.body.error.message).toMatch(/already exists — choose another name/);
      const other = await send<SavedViewDTO>('POST', '/api/views', { name: `${MARK} other`, state: {}, author: MARK });
      expect(other.status).toBe(201);
      const clash = await send<ErrorDTO>('PATCH', `/api/views/${other.body.id}`, { name: `${MARK} Privacy` });
      expect(clash.status).toBe(409);
      // Renaming a view to its own name in another case is fine.
      const self = await send<SavedViewDTO>('PATCH', `/api/views/${view.id}`, { name: `${MARK} Privacy` });
      expect(self.status).toBe(200);
      expect(self.body.name).toBe(`${MARK} Privacy`);
      await send('DELETE', `/api/views/${other.body.id}`);
    });

    it('refuses a state it does not understand, naming the field', async () => {
      const r = await send<ErrorDTO>('POST', '/api/views', { name: `${MARK} bad`, state: { zoom: 3 }, author: MARK });
      expect(r.status).toBe(400);
      expect(r.body.error.message).toMatch(/body\.state/);
      const kind = await send<ErrorDTO>('POST', '/api/views', { name: `${MARK} bad`, state: { filters: { hiddenKinds: ['Planet'] } } });
      expect(kind.status).toBe(400);
      expect(kind.body.error.message).toMatch(/body\.state\.filters\.hiddenKinds\.0/);
    });

    it('replaces the state, attaches a note to the view, and deletes it', async () => {
      const patched = await send<SavedViewDTO>('PATCH', `/api/views/${view.id}`, { state: { selected: PRIVACY } });
      expect(patched.body.state).toEqual({ selected: PRIVACY });
      const note = await send<NoteDTO>('POST', '/api/notes', {
        target: { kind: 'view', id: view.id },
        body: 'About this view',
        author: MARK,
      });
      expect(note.status).toBe(201);
      expect(note.body.target).toEqual({ kind: 'view', id: view.id, exists: true });
      const deleted = await send<{ deleted: boolean }>('DELETE', `/api/views/${view.id}`);
      expect(deleted.status).toBe(200);
      expect((await get(`/api/views/${view.id}`)).status).toBe(404);
      // The note stays, and says its view is gone.
      expect((await get<NoteDTO>(`/api/notes/${note.body.id}`)).body).toEqual({
        ...note.body,
        target: { ...note.body.target, exists: false },
      });
      expect((await get<NoteDTO[]>(`/api/notes?target=${view.id}`)).body.map((n) => n.target.exists)).toEqual([false]);
      const missing = await send<ErrorDTO>('POST', '/api/notes', { target: { kind: 'view', id: view.id }, body: 'x', author: MARK });
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toMatch(/saved view .* not found/);
    });
  });

  it('documents every research endpoint in /api/openapi.json, writes as secured', async () => {
    const doc = (await get<{ paths: Record<string, Record<string, { security?: unknown[] }>> }>('/api/openapi.json')).body;
    for (const path of [
      '/api/notes',
      '/api/notes/{id}',
      '/api/views',
      '/api/views/{id}',
      '/api/documents',
      '/api/reports',
      '/api/analytics/compare',
    ])
      expect(doc.paths[path]).toBeDefined();
    expect(doc.paths['/api/notes']!.post!.security).toEqual([{ ApiKey: [] }]);
    expect(doc.paths['/api/views/{id}']!.patch!.security).toEqual([{ ApiKey: [] }]);
    expect(doc.paths['/api/notes']!.get!.security).toBeUndefined();
  });

  it('never touches the curated graph', async () => {
    expect(await curated()).toEqual(curatedBefore);
    const details = (await get<NodeDetailsDTO>(`/api/nodes/${FL}`)).body;
    expect(details).toEqual(detailsBefore);
  });
});
