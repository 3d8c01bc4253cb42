/**
 * Reports: the selected nodes and a path with their explanations, every quote
 * as a numbered citation with its source, the notes, and the picture of the
 * view; HTML that cannot run a note's script.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NoteDTO, SavedViewDTO } from '../../graph/analytics';
import type { ErrorDTO, NodeDetailsDTO, PathsResultDTO } from '../../graph/contracts';
import { api, startTestServer, type TestServer } from '../helpers/server';

const KEY = 'research-reports-test-key-0123456789';
const FL = 'technology:federated-learning';
const DP = 'technology:differential-privacy';
const PRIVACY = 'challenge:data-privacy';
const MARK = `test-report-${Date.now()}`;
/** A 1×1 PNG. */
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe('reports', () => {
  let srv: TestServer;
  const auth = { 'x-api-key': KEY };
  const created: string[] = [];
  let fl: NodeDetailsDTO;
  let dp: NodeDetailsDTO;

  async function report(json: unknown) {
    const res = await fetch(`${srv.baseUrl}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(json),
    });
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      disposition: res.headers.get('content-disposition') ?? '',
      text: await res.text(),
    };
  }

  async function note(target: unknown, body: string): Promise<NoteDTO> {
    const r = await api<NoteDTO>(srv.baseUrl, '/api/notes', { method: 'POST', json: { target, body, author: MARK }, headers: auth });
    expect(r.status).toBe(201);
    created.push(r.body.id);
    return r.body;
  }

  beforeAll(async () => {
    srv = await startTestServer({ config: { API_KEY: KEY } });
    fl = (await api<NodeDetailsDTO>(srv.baseUrl, `/api/nodes/${FL}`)).body;
    dp = (await api<NodeDetailsDTO>(srv.baseUrl, `/api/nodes/${DP}`)).body;
  });

  afterAll(async () => {
    for (const id of created)
      await api(srv.baseUrl, `/api/${id.startsWith('view:') ? 'views' : 'notes'}/${id}`, { method: 'DELETE', headers: auth });
    await srv.close();
  });

  it('holds the nodes, their quotes with numbered sources, the path in words, the notes and the picture', async () => {
    const n = await note({ kind: 'node', id: FL }, 'Federated learning keeps **raw data** on site — compare with DP.');
    const path = (await api<PathsResultDTO>(srv.baseUrl, `/api/paths?from=${FL}&to=${PRIVACY}`)).body.paths[0]!;
    const r = await report({ title: 'Privacy techniques', nodes: [FL, DP], path: { from: FL, to: PRIVACY }, image: PNG, author: MARK });
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^text\/markdown/);
    expect(r.disposition).toMatch(/^attachment; filename="report-\d{8}-\d{4}\.md"$/);
    const md = r.text;
    expect(md.startsWith('# Privacy techniques\n')).toBe(true);
    expect(md).toMatch(/^\*Generated .* · 2 nodes · 1 path · 1 note\*$/m);
    // Names in both languages, descriptions, and every quote of each node with a citation number.
    for (const d of [fl, dp]) {
      expect(md).toContain(`### ${d.node.name_zh} / ${d.node.name_en}`);
      expect(md).toContain(d.node.description_en);
      for (const c of d.node.citations) expect(md).toMatch(new RegExp(`> “${c.quote}” \\[\\d+\\]`));
    }
    // The path, hop by hop, as the paths endpoint explains it.
    for (const hop of path.explanation) expect(md).toContain(`${hop.sentence.zh} / ${hop.sentence.en}`);
    // The note, as written.
    expect(md).toContain(n.body);
    // The picture, embedded.
    expect(md).toContain(`![View · 视图](${PNG})`);
    // Sources: numbered, with the article's title and the passage ids.
    const sources = md.slice(md.indexOf('## Sources'));
    expect(sources).toContain('大模型发展的十大挑战与十个展望');
    expect(sources).toContain('刘敬东');
    for (const c of fl.node.citations) expect(sources).toContain(`\`${c.passage}\``);
    const numbers = [...sources.matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1]));
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    for (const m of md.slice(0, md.indexOf('## Sources')).matchAll(/\[(\d+)\]/g)) expect(Number(m[1])).toBeLessThanOrEqual(numbers.length);
  });

  it('gives an inferred relationship its reason in the language of the report', async () => {
    const DC = 'technology:distributed-computing';
    const zh = await report({ nodes: [FL, DC], language: 'zh' });
    const en = await report({ nodes: [FL, DC], language: 'en' });
    expect([zh.status, en.status]).toEqual([200, 200]);
    // A Chinese report punctuates its own asides in full width; the English one in ASCII.
    expect(zh.text).toMatch(/\*（推断：联邦学习是一种分布式训练框架[^）]*）\*/);
    expect(zh.text).toMatch(/— \*大模型发展的十大挑战与十个展望\*（刘敬东，[^）]*），`llm10:p\d+(:s\d+)?`$/m);
    // …and Markdown still reads the full-width aside as emphasis.
    const zhHtml = await report({ nodes: [FL, DC], language: 'zh', format: 'html' });
    expect(zhHtml.text).toMatch(/<em>（推断：联邦学习是一种分布式训练框架[^<]*）<\/em>/);
    expect(en.text).toMatch(/\*\(inferred: Federated learning is a distributed training framework[^)]*\)\*/);
    expect(zh.text).not.toContain('distributed training framework');
  });

  it('reports a saved view: its selection, its saved path and the notes on them, in one language', async () => {
    const found = (await api<PathsResultDTO>(srv.baseUrl, `/api/paths?from=${DP}&to=${PRIVACY}`)).body;
    const path = found.paths[0]!;
    const nodes = path.nodes;
    const view = await api<SavedViewDTO>(srv.baseUrl, '/api/views', {
      method: 'POST',
      json: { name: `${MARK} view`, author: MARK, state: { selected: DP, path: { from: DP, to: PRIVACY, nodes } } },
      headers: auth,
    });
    expect(view.status).toBe(201);
    created.push(view.body.id);
    const onPath = await note({ kind: 'path', nodes }, '差分隐私直接缓解数据隐私问题。');
    const onView = await note({ kind: 'view', id: view.body.id }, '这个视图用于周报。');
    const r = await report({ viewId: view.body.id, language: 'zh' });
    expect(r.status).toBe(200);
    expect(r.text.startsWith(`# ${MARK} view`)).toBe(true);
    expect(r.text).toContain(`### ${dp.node.name_zh}`);
    expect(r.text).not.toContain(dp.node.name_en);
    for (const hop of path.explanation) expect(r.text).toContain(hop.sentence.zh);
    expect(r.text).toContain(onPath.body);
    // The path note says which path it is on by the nodes' names, in the report's language.
    const names = nodes.map((id) => found.nodes.find((n) => n.id === id)!.name_zh).join(' → ');
    expect(r.text).toContain(` · 关于 ${names}*`);
    expect(r.text).toContain(onView.body);
    expect(r.text).toContain(` · 关于 视图 “${MARK} view”*`);
    expect(r.text).toContain('## 引文来源');
  });

  it('includes the notes named in noteIds, whatever they are on, and answers 404 naming a note that does not exist', async () => {
    const a = await note({ kind: 'node', id: PRIVACY }, 'First chosen note, on a node outside the report.');
    const b = await note({ kind: 'relationship', id: fl.relationships[0]!.edge.id }, 'Second chosen note, on a relationship.');
    const r = await report({ nodes: [DP], noteIds: [b.id, a.id], includeNotes: false });
    expect(r.status, r.text).toBe(200);
    // Oldest first, as every report lists its notes.
    expect(r.text.indexOf(a.body)).toBeGreaterThan(0);
    expect(r.text.indexOf(b.body)).toBeGreaterThan(r.text.indexOf(a.body));
    // A relationship note reads as its relationship between named nodes (outside the report too), not as an id.
    const rel = fl.relationships[0]!;
    const line = r.text.split('\n').find((l) => l.startsWith('*') && l.includes(' —') && l.endsWith('*'))!;
    expect(line).toContain(fl.node.name_en);
    expect(line).toContain(rel.other.name_en);
    expect(line).not.toContain('`');
    expect(r.text).not.toContain(rel.edge.id);
    const missing = await api<ErrorDTO>(srv.baseUrl, '/api/reports', {
      method: 'POST',
      json: { nodes: [DP], noteIds: [a.id, 'note:does-not-exist'] },
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain('note:does-not-exist');
  });

  it('says of a chosen note whose view was deleted that it is no longer in the graph, in the report language', async () => {
    const view = await api<SavedViewDTO>(srv.baseUrl, '/api/views', {
      method: 'POST',
      json: { name: `${MARK} short-lived`, author: MARK, state: { selected: DP } },
      headers: auth,
    });
    expect(view.status).toBe(201);
    const onView = await note({ kind: 'view', id: view.body.id }, 'A note that outlives its view.');
    const onNode = await note({ kind: 'node', id: DP }, 'A note whose node stays.');
    expect((await api(srv.baseUrl, `/api/views/${view.body.id}`, { method: 'DELETE', headers: auth })).status).toBe(200);
    const lineOf = (text: string, body: string) => text.split('\n\n').find((_, i, all) => all[i + 1]?.trim() === body)!;
    const en = await report({ nodes: [DP], noteIds: [onView.id, onNode.id], includeNotes: false, language: 'en' });
    expect(en.status, en.text).toBe(200);
    expect(lineOf(en.text, onView.body)).toMatch(/ · on `view:[^`]+` \(no longer in the graph\)\*$/);
    expect(lineOf(en.text, onNode.body)).toMatch(new RegExp(` · on ${dp.node.name_en}\\*$`));
    const zh = await report({ nodes: [DP], noteIds: [onView.id], includeNotes: false, language: 'zh' });
    expect(lineOf(zh.text, onView.body)).toMatch(/ · 关于 `view:[^`]+`（已不在图中）\*$/);
  });

  it('renders HTML in which a note cannot run script or links', async () => {
    await note(
      { kind: 'node', id: DP },
      'Careful: <script>alert(1)</script> and [click](javascript:alert(2)) and <img src=x onerror=alert(3)>',
    );
    const r = await report({ nodes: [DP], format: 'html', image: PNG });
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^text\/html/);
    expect(r.disposition).toMatch(/\.html"$/);
    expect(r.text).toMatch(/^<!doctype html>/);
    expect(r.text).not.toMatch(/<script/i);
    expect(r.text).not.toMatch(/href\s*=\s*"?javascript:/i);
    expect(r.text).not.toMatch(/<a [^>]*>click/);
    expect(r.text).not.toMatch(/<img src=x/i);
    expect(r.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(r.text).toContain(`<img src="${PNG}"`);
    for (const c of dp.node.citations) expect(r.text).toContain(c.quote);
  });

  it('refuses what it cannot use, naming the fix', async () => {
    const bad = await report({ nodes: [FL], image: 'data:image/png;base64,bm90IGEgcG5n' });
    expect(bad.status).toBe(400);
    expect((JSON.parse(bad.text) as ErrorDTO).error.message).toMatch(/PNG data URL/);
    const jpeg = await report({ nodes: [FL], image: 'data:image/jpeg;base64,AAAA' });
    expect(jpeg.status).toBe(400);
    const nothing = await report({});
    expect(nothing.status).toBe(400);
    expect((JSON.parse(nothing.text) as ErrorDTO).error.message).toMatch(/nothing to report/);
    const missing = await report({ nodes: ['technology:rag2'] });
    expect(missing.status).toBe(404);
    // A path alone: its count heads the report, not the zero nodes selected beside it.
    const pathOnly = await report({ path: { from: FL, to: 'challenge:energy-consumption' }, language: 'zh' });
    expect(pathOnly.status).toBe(200);
    expect(pathOnly.text).toMatch(/^\*生成于 .* · 1 条路径 · \d+ 条笔记\*$/m);
    expect(pathOnly.text).not.toContain('0 个节点');
    const broken = await report({ path: { from: FL, to: 'challenge:energy-consumption', nodes: [FL, 'challenge:energy-consumption'] } });
    expect(broken.status).toBe(400);
    expect((JSON.parse(broken.text) as ErrorDTO).error.message).toMatch(/saved path no longer holds/);
  });

  it('lists every path asked for, under a heading that counts them', async () => {
    const RAG = 'technology:rag';
    const ENERGY = 'challenge:energy-consumption';
    const found = (await api<PathsResultDTO>(srv.baseUrl, `/api/paths?from=${RAG}&to=${ENERGY}&mode=k&k=6`)).body;
    expect(found.paths.length).toBe(6);
    const r = await report({ path: { from: RAG, to: ENERGY, mode: 'k', k: 6 }, language: 'both', includeNotes: false });
    expect(r.status, r.text).toBe(200);
    expect(r.text).toMatch(/^\*Generated .* · 6 paths · 0 notes\*$/m);
    expect(r.text).toContain('## Paths (6) · 路径（6 条）');
    const chains = r.text.split('\n').filter((l) => /^\*\*\d\. .* → .*\*\*$/.test(l));
    expect(chains.map((l) => Number(/^\*\*(\d)\./.exec(l)![1]))).toEqual([1, 2, 3, 4, 5, 6]);
    for (const p of found.paths) for (const hop of p.explanation) expect(r.text).toContain(hop.sentence.en);
    const one = await report({ path: { from: FL, to: PRIVACY }, language: 'en', includeNotes: false });
    expect(one.text).toContain('## Path\n');
    const zh = await report({ path: { from: RAG, to: ENERGY, mode: 'k', k: 2 }, language: 'zh', includeNotes: false });
    expect(zh.text).toContain('## 路径（2 条）');
  });

  it("finds the paths with the excluded nodes and types they were asked with, a saved view's included", async () => {
    const RAG = 'technology:rag';
    const ENERGY = 'challenge:energy-consumption';
    const first = (await api<PathsResultDTO>(srv.baseUrl, `/api/paths?from=${RAG}&to=${ENERGY}`)).body;
    const via = first.paths[0]!.nodes[1]!;
    const name = first.nodes.find((n) => n.id === via)!.name_en;
    const around = (await api<PathsResultDTO>(srv.baseUrl, `/api/paths?from=${RAG}&to=${ENERGY}&exclude=${via}`)).body;
    expect(around.paths.length).toBeGreaterThan(0);
    /** The path's chain line: its node names joined by arrows. */
    const chain = (text: string) =>
      text
        .split('\n')
        .filter((l) => l.startsWith('**') && l.includes(' → '))
        .join('\n');
    const plain = await report({ path: { from: RAG, to: ENERGY }, language: 'en', includeNotes: false });
    expect(chain(plain.text)).toContain(name);
    const asked = await report({ path: { from: RAG, to: ENERGY, exclude: [via] }, language: 'en', includeNotes: false });
    expect(asked.status, asked.text).toBe(200);
    expect(chain(asked.text)).not.toContain(name);
    const view = await api<SavedViewDTO>(srv.baseUrl, '/api/views', {
      method: 'POST',
      json: { name: `${MARK} excluded`, author: MARK, state: { path: { from: RAG, to: ENERGY, exclude: [via] } } },
      headers: auth,
    });
    created.push(view.body.id);
    const saved = await report({ viewId: view.body.id, language: 'en', includeNotes: false });
    expect(saved.status, saved.text).toBe(200);
    expect(chain(saved.text)).not.toContain(name);
    // Only MITIGATES and CONTRIBUTES_TO allowed: every hop's sentence says mitigates or contributes to.
    const typed = await report({
      path: { from: RAG, to: ENERGY, types: ['MITIGATES', 'CONTRIBUTES_TO'] },
      language: 'en',
      includeNotes: false,
    });
    expect(typed.status, typed.text).toBe(200);
    const onlyTypes = (await api<PathsResultDTO>(srv.baseUrl, `/api/paths?from=${RAG}&to=${ENERGY}&types=MITIGATES,CONTRIBUTES_TO`)).body;
    expect(chain(typed.text)).toBe(
      chain(
        (await report({ path: { from: RAG, to: ENERGY, nodes: onlyTypes.paths[0]!.nodes }, language: 'en', includeNotes: false })).text,
      ),
    );
  });

  it('says of a saved view whose path does not run from its from to its to that the view must be saved again', async () => {
    const view = await api<SavedViewDTO>(srv.baseUrl, '/api/views', {
      method: 'POST',
      json: { name: `${MARK} broken`, author: MARK, state: { path: { from: FL, to: PRIVACY, nodes: [DP, PRIVACY] } } },
      headers: auth,
    });
    created.push(view.body.id);
    const r = await report({ viewId: view.body.id });
    expect(r.status).toBe(400);
    const e = (JSON.parse(r.text) as ErrorDTO).error;
    expect(e.message).toBe(
      `reports: the saved view "${MARK} broken" holds a path whose nodes run from "${DP}" to "${PRIVACY}", not from "${FL}" to "${PRIVACY}" — save the view again from the explorer, or send the path with the report.`,
    );
    expect(e.details).toEqual({ field: 'viewId' });
  });

  it("refuses path nodes that do not run from the path's from to its to", async () => {
    const r = await report({ path: { from: 'technology:rag', to: 'challenge:energy-consumption', nodes: ['org:meta', 'model:llama'] } });
    expect(r.status).toBe(400);
    const e = (JSON.parse(r.text) as ErrorDTO).error;
    expect(e.message).toBe(
      'reports: path.nodes runs from "org:meta" to "model:llama", not from "technology:rag" to "challenge:energy-consumption" — the first of path.nodes must be path.from and the last path.to (or leave nodes out to find the paths).',
    );
    expect(e.details).toEqual({ field: 'path.nodes' });
  });

  it("keeps a note's headings below the Notes section, in Markdown and in HTML", async () => {
    const n = await note({ kind: 'node', id: DP }, `# ${MARK} big\n\nText.\n\n## ${MARK} smaller\n\n${MARK} underlined\n===`);
    const md = await report({ nodes: [DP], noteIds: [n.id], includeNotes: false, language: 'en' });
    expect(md.status, md.text).toBe(200);
    expect(md.text).toContain(`\n#### ${MARK} big\n`);
    expect(md.text).toContain(`\n##### ${MARK} smaller\n`);
    expect(md.text).toContain(`\n#### ${MARK} underlined\n`);
    // The note's title (###) is named by its first line; nothing of it stands above that.
    expect(md.text).not.toMatch(new RegExp(`^#{1,2} ${MARK}`, 'm'));
    const html = await report({ nodes: [DP], noteIds: [n.id], includeNotes: false, language: 'en', format: 'html' });
    expect(html.text).toContain(`<h4>${MARK} big</h4>`);
    expect(html.text).toContain(`<h5>${MARK} smaller</h5>`);
    expect(html.text).not.toMatch(new RegExp(`<h[12]>${MARK}`));
  });

  it('reports chosen notes alone, and names every field when there is nothing to report', async () => {
    const n = await note({ kind: 'node', id: PRIVACY }, `${MARK}: a note reported on its own.`);
    const r = await report({ noteIds: [n.id], language: 'en' });
    expect(r.status, r.text).toBe(200);
    expect(r.text).toContain(n.body);
    expect(r.text).toMatch(/^\*Generated .* · 1 note\*$/m);
    const nothing = await report({ includeNotes: true });
    expect(nothing.status).toBe(400);
    expect((JSON.parse(nothing.text) as ErrorDTO).error.message).toBe(
      'reports: nothing to report — send nodes, a path, noteIds, or the viewId of a saved view with a selection or path.',
    );
  });

  it("signs a note in words that read naturally in each of the report's languages", async () => {
    const n = await note({ kind: 'node', id: DP }, `${MARK}: byline.`);
    const lineOf = (text: string) => text.split('\n\n').find((_, i, all) => all[i + 1]?.trim() === n.body)!;
    const both = await report({ noteIds: [n.id], includeNotes: false, language: 'both' });
    expect(lineOf(both.text)).toMatch(
      new RegExp(`^\\*${MARK} · \\d{4}-\\d{2}-\\d{2} · on / 关于 ${dp.node.name_zh} / ${dp.node.name_en}\\*$`),
    );
    expect(both.text).not.toContain('on · 关于');
    const en = await report({ noteIds: [n.id], includeNotes: false, language: 'en' });
    expect(lineOf(en.text)).toMatch(new RegExp(` · on ${dp.node.name_en}\\*$`));
    const zh = await report({ noteIds: [n.id], includeNotes: false, language: 'zh' });
    expect(lineOf(zh.text)).toMatch(new RegExp(` · 关于 ${dp.node.name_zh}\\*$`));
  });
});
