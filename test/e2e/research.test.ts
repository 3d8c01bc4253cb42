/**
 * test/e2e/research — the analyst's research tools in a real browser against
 * the real API (started with an API key): analytics sizing and colouring,
 * the ranking, documents and their mentions, notes, saved views, reports.
 *
 * Expectations come from the API itself (analytics endpoints, node details),
 * never from hard-coded values. What the test writes is deleted at the end.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeMetricsDTO, NoteDTO, SavedViewSummaryDTO } from '../../graph/analytics/contracts';
import type { NodeDetailsDTO, SubgraphDTO } from '../../graph/contracts';
import type { DocumentDTO, MentionsDTO } from '../../graph/ingest/contracts';
import { api, startTestServer, type TestServer } from '../helpers/server';
import {
  ensureClientBuilt,
  keepScreenshot,
  launchBrowser,
  openExplorer,
  waitForRender,
  watchErrors,
  pickFromSearch as pickIn,
} from './browser';

const KEY = 'test-key-0123456789abcdef';
const FL = 'technology:federated-learning';
const DOC_TITLE = 'e2e 隐私计算随笔';
const DOC_TEXT = '联邦学习让多家医院在不共享原始数据的情况下联合训练模型。\n\n差分隐私为联邦学习的梯度更新加入噪声,进一步降低泄露风险。';
const NOTE_TEXT = 'e2e note: federated learning **keeps data local**';
const TERMS_TITLE = 'e2e 新术语';
const TERMS_TEXT = '研究人员提出稀疏专家路由（SER）来降低推理成本。\n\n稀疏专家路由（SER）也减少了能耗。';
const VIEW_NAME = `e2e view ${Date.now()}`;

let server: TestServer;
let browser: Browser;
let page: Page;
let errors: string[];
/** How the page's confirm() dialogs are answered (accepted unless a test says otherwise). */
let dismissDialogs = false;

/** The parts of the page's state this file reads (beyond browser.ts's Hook). */
interface ResearchGlobal {
  __explorer?: {
    graph: { nodes(): string[]; getNodeAttribute(id: string, name: string): unknown };
    sigma: { getNodeDisplayData(id: string): { size: number; color: string; hidden?: boolean } | undefined } | null;
    store: {
      state: {
        selected: string | null;
        filters: { hiddenKinds: string[] };
        analytics: { sizeBy: string | null; colorBy: string; status: string };
        docFocus: { id: string; nodes: string[] } | null;
        details: null | { id: string; status: string };
      };
    };
  };
}

function state<T>(fn: (g: ResearchGlobal) => T): Promise<T> {
  return page.evaluate(`(${fn.toString()})(globalThis)`) as Promise<T>;
}

/** Waits until `fn(arg)` holds in the page (`fn` reads the page's test hook through `globalThis`). */
async function waitFor(fn: (arg: string | null) => boolean, arg: string | null = null): Promise<void> {
  await page.waitForFunction(fn, arg, { timeout: 30_000 });
}

async function openTab(tab: string): Promise<void> {
  await page.locator(`#tab-${tab}`).click();
  await page.locator(`#panel-${tab}`).waitFor();
}

/** Picks the first suggestion of a search box on this file's page (browser.ts pickFromSearch). */
const pickFromSearch = (selector: string, text: string, expectedOption?: RegExp) => pickIn(page, selector, text, expectedOption);

/** Adds a Chinese document through the Documents panel's dialog and waits for its analysis. */
async function addChineseDocument(title: string, text: string): Promise<void> {
  await openTab('documents');
  await page.locator('#add-document').click();
  await page.locator('#doc-title').fill(title);
  await page.locator('#doc-language').selectOption('zh');
  await page.locator('#doc-text').fill(text);
  await page.locator('.doc-dialog button[type=submit]').click();
  await page.locator('.doc-dialog').waitFor({ state: 'hidden' });
  await page.locator('[data-testid=ingest-result]').waitFor();
}

beforeAll(async () => {
  await ensureClientBuilt();
  // Writes are rate-limited (120 a minute by default); the paging test writes over a hundred notes.
  server = await startTestServer({ config: { API_KEY: KEY, RATE_LIMIT_PER_MINUTE: 10_000 } });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  errors = watchErrors(page);
  page.on('dialog', (d) => void (dismissDialogs ? d.dismiss() : d.accept()));
  await openExplorer(page, `${server.baseUrl}/#lang=en&tab=analytics`);
});

afterAll(async () => {
  // Delete what the test wrote, whatever step failed.
  if (server) {
    const headers = { 'X-API-Key': KEY };
    const docs = await api<DocumentDTO[]>(server.baseUrl, '/api/documents');
    for (const d of Array.isArray(docs.body) ? docs.body : [])
      if (d.title === DOC_TITLE || d.title === TERMS_TITLE)
        await api(server.baseUrl, `/api/documents/${d.id}`, { method: 'DELETE', headers });
    const notes = await api<NoteDTO[]>(server.baseUrl, `/api/notes?limit=1000`);
    for (const n of Array.isArray(notes.body) ? notes.body : [])
      if (n.body.startsWith('e2e note')) await api(server.baseUrl, `/api/notes/${n.id}`, { method: 'DELETE', headers });
    const views = await api<SavedViewSummaryDTO[]>(server.baseUrl, '/api/views');
    for (const v of Array.isArray(views.body) ? views.body : [])
      if (v.name.startsWith('e2e view')) await api(server.baseUrl, `/api/views/${v.id}`, { method: 'DELETE', headers });
  }
  await browser?.close();
  await server?.close();
});

describe('research tools in the browser', () => {
  it('sizes nodes by PageRank through the reducer, not the data', async () => {
    const metrics = (await api<NodeMetricsDTO>(server.baseUrl, '/api/analytics/nodes')).body;
    const shown = await state((g) => g.__explorer!.graph.nodes());
    const inMetrics = shown.filter((id) => metrics.nodes[id]);
    const byRank = [...inMetrics].sort((a, b) => metrics.nodes[b]!.pagerank - metrics.nodes[a]!.pagerank);
    const central = byRank[0]!;
    const leaf = byRank[byRank.length - 1]!;
    const storedBefore = await state((g) => g.__explorer!.graph.nodes().map((n) => g.__explorer!.graph.getNodeAttribute(n, 'size')));

    await page.locator('#size-by').selectOption('pagerank');
    await waitFor(() => (globalThis as unknown as ResearchGlobal).__explorer!.store.state.analytics.sizeBy === 'pagerank');
    await waitForRender(page);
    const sizes = await page.evaluate(
      ([c, l]) => {
        const sigma = (globalThis as unknown as ResearchGlobal).__explorer!.sigma!;
        return { central: sigma.getNodeDisplayData(c!)!.size, leaf: sigma.getNodeDisplayData(l!)!.size };
      },
      [central, leaf],
    );
    expect(sizes.central).toBeGreaterThan(sizes.leaf * 2);
    // The stored attributes the API gave are untouched: only the display changed.
    const storedAfter = await state((g) => g.__explorer!.graph.nodes().map((n) => g.__explorer!.graph.getNodeAttribute(n, 'size')));
    expect(storedAfter).toEqual(storedBefore);
    // The link is rewritten 150 ms after the last change (debounced): wait for it, don't race it.
    await page.waitForFunction((part) => location.hash.includes(part), 'size=pagerank', { timeout: 10_000 });
  });

  it('colours nodes by community and switches the legend', async () => {
    const metrics = (await api<NodeMetricsDTO>(server.baseUrl, '/api/analytics/nodes')).body;
    const ids = Object.keys(metrics.nodes).filter((id) => id.startsWith('technology:') || id.startsWith('challenge:'));
    const before = await page.evaluate(
      (list) => list.map((id) => (globalThis as unknown as ResearchGlobal).__explorer!.sigma!.getNodeDisplayData(id)?.color),
      ids,
    );
    await page.locator('input[name=color-by][value=community]').check();
    await waitFor(() => (globalThis as unknown as ResearchGlobal).__explorer!.store.state.analytics.colorBy === 'community');
    await waitForRender(page);
    const after = await page.evaluate(
      (list) => list.map((id) => (globalThis as unknown as ResearchGlobal).__explorer!.sigma!.getNodeDisplayData(id)?.color),
      ids,
    );
    expect(after).not.toEqual(before);
    // Two nodes of different communities get different colours; same community, same colour.
    const byCommunity = new Map<number, string>();
    ids.forEach((id, i) => byCommunity.set(metrics.nodes[id]!.community, after[i]!));
    expect(new Set(byCommunity.values()).size).toBe(Math.min(byCommunity.size, 12));
    await page.locator('[data-legend=community]').waitFor();
    expect(await page.locator('[data-legend=community] [data-community]').count()).toBeGreaterThan(1);
    expect(await page.locator('[data-legend=kind]').count()).toBe(0);
    await keepScreenshot(page, 'research-analytics');
  });

  it('ranks the most central technologies and selects a row', async () => {
    const metrics = (await api<NodeMetricsDTO>(server.baseUrl, '/api/analytics/nodes')).body;
    const graph = (await api<SubgraphDTO>(server.baseUrl, '/api/graph?limit=5000&kinds=Technology')).body;
    const technologies = graph.nodes.filter((n) => n.kind === 'Technology' && metrics.nodes[n.id]).map((n) => n.id);
    const expected = [...technologies].sort((a, b) => metrics.nodes[b]!.pagerank - metrics.nodes[a]!.pagerank).slice(0, 3);

    await page.locator('#ranking-metric').selectOption('pagerank');
    await page.locator('#ranking-kind').selectOption('Technology');
    const rows = page.locator('table.ranking tbody tr');
    await expect.poll(async () => rows.count()).toBeGreaterThan(3);
    const top = await rows.first().getAttribute('data-node');
    expect(expected).toContain(top);
    const firstThree = await rows.evaluateAll((trs) => trs.slice(0, 3).map((tr) => tr.getAttribute('data-node')));
    expect(firstThree).toContain(expected[0]);
    // A kind's dot stays on the line of its name (the panel is narrow; the cell must not wrap between them).
    const kindCell = await rows
      .first()
      .locator('td.kind')
      .evaluate((td) => {
        const dot = td.querySelector('.dot')!.getBoundingClientRect();
        const range = document.createRange();
        range.selectNodeContents(td.lastChild!);
        const text = range.getBoundingClientRect();
        return { dotMiddle: (dot.top + dot.bottom) / 2, textTop: text.top, textBottom: text.bottom };
      });
    expect(kindCell.dotMiddle).toBeGreaterThan(kindCell.textTop);
    expect(kindCell.dotMiddle).toBeLessThan(kindCell.textBottom);
    await rows.first().focus();
    await page.keyboard.press('Enter');
    await waitFor((id) => (globalThis as unknown as ResearchGlobal).__explorer!.store.state.selected === id, top);
    expect(errors).toEqual([]);
  });

  it('compares two concepts: similarity, shared neighbours, highlighted paths', async () => {
    await pickFromSearch('#compare-a', 'Federated learning');
    await pickFromSearch('#compare-b', 'Differential privacy');
    await page.locator('.compare-form button[type=submit]').click();
    await page.locator('[data-testid=compare-result]').waitFor();
    expect(Number(await page.locator('[data-testid=jaccard]').textContent())).toBeGreaterThanOrEqual(0);
    await waitForRender(page);
    await keepScreenshot(page, 'research-compare');
  });

  it('refuses a write with a wrong key and explains why', async () => {
    await openTab('views');
    await page.locator('#api-key').fill('not-the-key');
    await page.locator('.api-key button[type=submit]').click();
    await page.locator('#view-name').fill(`${VIEW_NAME} refused`);
    await page.locator('.save-view button[type=submit]').click();
    const message = page.locator('[data-testid=views-message]');
    await message.waitFor();
    expect(await message.textContent()).toMatch(/wrong API key/i);
    await page.locator('#api-key').fill(KEY);
    await page.locator('.api-key button[type=submit]').click();
  });

  it('adds a Chinese document, shows its mentions, lists it under "Mentioned in" and shows its graph', async () => {
    await addChineseDocument(DOC_TITLE, DOC_TEXT);
    const sentences = page.locator('[data-testid=mention-list] li');
    await sentences.locator(`button[data-node="${FL}"]`).first().waitFor();
    const docs = (await api<DocumentDTO[]>(server.baseUrl, '/api/documents')).body;
    const doc = docs.find((d) => d.title === DOC_TITLE)!;
    expect(doc).toBeDefined();
    // One line per sentence: each sentence once, every mention in it marked, each entity it names linked.
    const found = (await api<MentionsDTO>(server.baseUrl, `/api/documents/${encodeURIComponent(doc.id)}/mentions`)).body.mentions;
    const bySentence = new Map<string, MentionsDTO['mentions']>();
    for (const m of found) bySentence.set(m.passage, [...(bySentence.get(m.passage) ?? []), m]);
    expect(found.length).toBeGreaterThan(bySentence.size);
    await expect(sentences.count()).resolves.toBe(bySentence.size);
    for (const [passage, list] of bySentence) {
      const li = page.locator(`[data-testid=mention-list] li[data-passage="${passage}"]`);
      expect((await li.locator('mark').allTextContents()).sort()).toEqual(list.map((m) => m.text).sort());
      // The document is Chinese, so is each sentence shown (an English one is marked en: client-marked-text).
      expect(await li.locator('p.mention-sentence').getAttribute('lang')).toBe('zh');
      expect((await li.locator('button[data-node]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-node')))).sort()).toEqual(
        [...new Set(list.map((m) => m.entity.id))].sort(),
      );
    }
    await keepScreenshot(page, 'research-document');

    await pickFromSearch('#search', 'Federated learning');
    await waitFor(
      (id) =>
        (globalThis as unknown as ResearchGlobal).__explorer!.store.state.details?.id === id &&
        (globalThis as unknown as ResearchGlobal).__explorer!.store.state.details?.status === 'ready',
      FL,
    );
    await openTab('details');
    const link = page.locator(`.mentioned-in button[data-document="${doc.id}"]`);
    await link.waitFor();
    expect(await link.textContent()).toBe(DOC_TITLE);
    await link.click();
    await waitFor((id) => (globalThis as unknown as ResearchGlobal).__explorer!.store.state.docFocus?.id === id, doc.id);
    await waitForRender(page);
    const dimmed = await state((g) => {
      const hook = g.__explorer!;
      const focus = new Set(hook.store.state.docFocus!.nodes);
      const outside = hook.graph.nodes().find((n) => !focus.has(n) && n !== hook.store.state.selected)!;
      return hook.sigma!.getNodeDisplayData(outside)!.color;
    });
    expect(dimmed).toBe('#dde1e7');
    await page.locator('[data-testid=doc-banner]').waitFor();
    await keepScreenshot(page, 'research-document-graph');
  });

  it('attaches a Markdown note to the selected node and lists it', async () => {
    await page.locator('[data-testid=doc-banner] button').click();
    await waitFor(() => (globalThis as unknown as ResearchGlobal).__explorer!.store.state.docFocus === null);
    await page.locator('#note-node-body').fill(NOTE_TEXT);
    await page.locator('.notes .note-editor .note-save').click();
    const note = page.locator('.note-list .note', { hasText: 'keeps data local' });
    await note.waitFor();
    // Rendered as Markdown: the bold part is a <strong>.
    expect(await note.locator('.note-body strong').textContent()).toBe('keeps data local');
    // Its title is its one line, so the words show once, as the body.
    expect(await note.locator('.note-head strong').count()).toBe(0);
    await keepScreenshot(page, 'research-note');
  });

  it('edits a note in place, and deletes one only when the analyst confirms', async () => {
    const note = page.locator('.notes .note-list .note').filter({ has: page.locator('[aria-label^="Edit the note e2e note"]') });
    // Esc leaves the editor and changes nothing.
    await note.getByRole('button', { name: /^Edit the note/ }).click();
    expect(await note.locator('textarea').evaluate((el) => el === document.activeElement)).toBe(true);
    await note.locator('textarea').fill('e2e note: discard me');
    await note.locator('textarea').press('Escape');
    await note.locator('.note-body').waitFor();
    expect(await note.locator('.note-body').textContent()).toContain('keeps data local');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^Edit the note e2e note/);
    // Ctrl+Enter saves, from the keyboard.
    await note.getByRole('button', { name: /^Edit the note/ }).click();
    await note.locator('textarea').fill('e2e note: federated learning keeps data **on the device**');
    await note.locator('input[type=text]').fill('e2e edited title');
    await note.locator('textarea').press('Control+Enter');
    const edited = page.locator('.notes .note-list .note', { hasText: 'on the device' });
    await edited.waitFor();
    expect(await edited.locator('.note-head strong').textContent()).toBe('e2e edited title');
    expect(await edited.locator('.note-body strong').textContent()).toBe('on the device');
    expect(await edited.locator('time').textContent()).toMatch(/^edited \d{4}-\d{2}-\d{2}$/);
    const stored = (await api<NoteDTO[]>(server.baseUrl, `/api/notes?target=${FL}`)).body.find((n) => n.title === 'e2e edited title')!;
    expect(stored.body).toBe('e2e note: federated learning keeps data **on the device**');
    expect(stored.updated > stored.created).toBe(true);

    // A second note, then Delete answered "no": it stays, in the page and in the store; answered "yes": it goes.
    await page.locator('#note-node-body').fill('e2e note: to be deleted');
    await page.locator('.notes .note-editor .note-save').click();
    const doomed = page.locator('.notes .note-list .note', { hasText: 'to be deleted' });
    await doomed.waitFor();
    dismissDialogs = true;
    await doomed.getByRole('button', { name: /^Delete the note/ }).click();
    dismissDialogs = false;
    await page.waitForTimeout(300);
    expect(await doomed.count()).toBe(1);
    expect((await api<NoteDTO[]>(server.baseUrl, `/api/notes?target=${FL}`)).body.some((n) => n.body === 'e2e note: to be deleted')).toBe(
      true,
    );
    await doomed.getByRole('button', { name: /^Delete the note/ }).click();
    await doomed.waitFor({ state: 'detached' });
    expect((await api<NoteDTO[]>(server.baseUrl, `/api/notes?target=${FL}`)).body.some((n) => n.body === 'e2e note: to be deleted')).toBe(
      false,
    );
  });

  it("lists a note written on one of the node's relationships under the node, naming the relationship", async () => {
    const details = (await api<NodeDetailsDTO>(server.baseUrl, `/api/nodes/${FL}`)).body;
    const rel = details.relationships[0]!;
    await page.locator(`.rel-note[data-edge="${rel.edge.id}"]`).click();
    await page.locator('#note-relationship-body').fill('e2e note: on a relationship of federated learning');
    await page.locator('.notes .note-editor .note-save').click();
    const note = page.locator('.notes .note-list .note', { hasText: 'on a relationship of federated learning' });
    await note.waitFor();
    const other = rel.other.name_en;
    expect(await note.locator('.note-target').textContent()).toContain(other);
    // Each relationship's ✎ Note button counts its notes (as the API lists them); the others count none.
    const counts = new Map<string, number>();
    for (const n of (await api<NoteDTO[]>(server.baseUrl, `/api/notes?node=${FL}&limit=1000`)).body)
      if (n.target.kind === 'relationship') counts.set(n.target.id, (counts.get(n.target.id) ?? 0) + 1);
    expect(counts.get(rel.edge.id)).toBeGreaterThanOrEqual(1);
    await expect
      .poll(() => page.locator(`.rel-note[data-edge="${rel.edge.id}"] .note-count`).textContent())
      .toBe(` (${counts.get(rel.edge.id)})`);
    expect(await page.locator('.rel-note .note-count').count()).toBe(counts.size);
  });

  it('lists every note in the Views panel, and opens what a note is on', async () => {
    // A note on the second of the k paths from federated learning to energy consumption, signed with a name.
    await openTab('views');
    await page.locator('#note-author').fill('e2e Li Wei');
    await openTab('paths');
    await pickFromSearch('#path-from', 'federated learning');
    await pickFromSearch('#path-to', 'energy consumption');
    await page.locator('input[name=path-mode][value=k]').check();
    await page.locator('.paths button[type=submit]').click();
    await page.locator('.path-list > li').nth(1).waitFor();
    const noted = await state(
      (g) => (g.__explorer!.store.state as unknown as { path: { result: { paths: { nodes: string[] }[] } } }).path.result.paths[1]!.nodes,
    );
    const second = page.locator('.path-list > li').nth(1);
    await second.locator('.path-note summary').click();
    await second.locator('#note-path-2-body').fill('e2e note: the second route');
    await second.locator('.note-save').click();
    const pathNote = second.locator('.note-list .note', { hasText: 'the second route' });
    await pathNote.waitFor();
    expect(await pathNote.locator('.note-head').textContent()).toContain('e2e Li Wei');
    const signed = (await api<NoteDTO[]>(server.baseUrl, `/api/notes?targetKind=path&author=${encodeURIComponent('e2e Li Wei')}`)).body;
    expect(signed.map((n) => n.body)).toEqual(['e2e note: the second route']);
    await page.locator('.paths button', { hasText: /^Clear$/ }).click();

    await openTab('views');
    const all = page.locator('.views .note-list .note');
    const onPath = all.filter({ hasText: 'the second route' });
    const onNode = all.filter({ hasText: 'on the device' });
    await onPath.waitFor();
    expect(await onNode.locator('.note-target').textContent()).toMatch(/on a node\s*Federated learning/);
    expect(await onPath.locator('.note-target button').textContent()).toMatch(/^Federated learning → .* → Energy consumption$/);
    await keepScreenshot(page, 'research-all-notes');
    // Words narrow the list: here the signature, which only the path note has.
    const total = await all.count();
    await page.locator('#notes-filter').fill('e2e LI WEI');
    await expect.poll(() => all.count()).toBe(1);
    expect(await all.first().textContent()).toContain('the second route');
    expect(await page.locator('.views [role=status]').textContent()).toBe(`1 of ${total} notes hold these words.`);
    await page.locator('#notes-filter').fill('');
    await expect.poll(() => all.count()).toBe(total);

    // The path note opens the path finder on its path, highlighted.
    await onPath.locator('.note-target button').click();
    await page.locator('#panel-paths').waitFor();
    await waitFor((nodes) => {
      const path = (
        globalThis as unknown as {
          __explorer: { store: { state: { path: { active: number | null; result: { paths: { nodes: string[] }[] } | null } | null } } };
        }
      ).__explorer.store.state.path;
      return !!path?.result && path.active !== null && path.result.paths[path.active]!.nodes.join('|') === nodes;
    }, noted.join('|'));

    // The node note focuses its node (another node selected first).
    await page.locator('.paths button', { hasText: /^Clear$/ }).click();
    await pickFromSearch('#search', 'quantization');
    await waitFor((id) => (globalThis as unknown as ResearchGlobal).__explorer!.store.state.selected !== id, FL);
    await openTab('views');
    await onNode.locator('.note-target button').click();
    await waitFor((id) => (globalThis as unknown as ResearchGlobal).__explorer!.store.state.selected === id, FL);
    await openTab('views');
    await page.locator('#note-author').fill('');
  });

  it('lists every note a hundred at a time, and finds by its words a note not loaded yet', async () => {
    const headers = { 'X-API-Key': KEY };
    const before = (await api<NoteDTO[]>(server.baseUrl, '/api/notes?limit=1000')).body.length;
    expect(before).toBeGreaterThan(0);
    // A hundred newer notes push every note written so far onto the second page.
    for (let start = 0; start < 100; start += 10)
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          api(server.baseUrl, '/api/notes', {
            method: 'POST',
            json: { target: { kind: 'node', id: FL }, body: `e2e note: bulk ${start + i}`, author: 'e2e bulk' },
            headers,
          }),
        ),
      );
    await openTab('details');
    await openTab('views');
    const heading = page.locator('.views h3', { hasText: /^All notes/ });
    await expect.poll(() => heading.textContent()).toBe('All notes (100+)');
    const all = page.locator('.views .note-list .note');
    expect(await all.count()).toBe(100);
    // The path note of the test before is older than the hundred, not loaded yet: the words are asked of
    // the server as well, and it is found.
    await page.locator('#notes-filter').fill('THE SECOND   route');
    await expect.poll(() => page.locator('.views [role=status]').textContent()).toBe('1 note holds these words, older notes included.');
    expect(await all.count()).toBe(1);
    expect(await all.first().textContent()).toContain('the second route');
    // Words more notes hold than a page shows: the newest hundred, and the list says there are more.
    await page.locator('#notes-filter').fill('note');
    await expect
      .poll(() => page.locator('.views [role=status]').textContent())
      .toBe('The 100 newest notes holding these words, older notes included; more hold them — add words to narrow the list.');
    expect(await all.count()).toBe(100);
    // Exactly a hundred hold "bulk": all of them, and no more.
    await page.locator('#notes-filter').fill('bulk');
    await expect.poll(() => page.locator('.views [role=status]').textContent()).toBe('100 notes hold these words, older notes included.');
    await page.locator('#notes-filter').fill('THE SECOND   route');
    await expect.poll(() => all.count()).toBe(1);
    // Older notes loaded, the filter reads them all in the page.
    await page.locator('.views .notes-more').click();
    await expect.poll(() => heading.textContent()).toBe(`All notes (${before + 100})`);
    expect(await page.locator('.views [role=status]').textContent()).toBe(`1 of ${before + 100} notes hold these words.`);
    expect(await page.locator('.views .notes-more').count()).toBe(0);
    await page.locator('#notes-filter').fill('');
  });

  it('saves a view, changes the view, and restores it', async () => {
    await openTab('views');
    await page.locator('#view-name').fill(VIEW_NAME);
    await page.locator('.save-view button[type=submit]').click();
    const item = page.locator('.view-list li', { hasText: VIEW_NAME });
    await item.waitFor();
    // The same name again, in capitals: refused in the interface's words, and still one view of that name.
    await page.locator('#view-name').fill(VIEW_NAME.toUpperCase());
    await page.locator('.save-view button[type=submit]').click();
    await expect
      .poll(() => page.locator('[data-testid=views-message]').textContent())
      .toBe(
        `A view named “${VIEW_NAME.toUpperCase()}” exists already (names ignore case and spacing): choose another name, or rename or delete that view first.`,
      );
    expect(await page.locator('.view-list li', { hasText: VIEW_NAME }).count()).toBe(1);
    await page.locator('#view-name').fill('');

    // Change the view: hide a kind, plain sizes and colours, select another node.
    await page.locator('.legend-item').first().waitFor({ state: 'attached' });
    await openTab('analytics');
    await page.locator('#size-by').selectOption('');
    await page.locator('input[name=color-by][value=kind]').check();
    await page.locator('.legend-item[data-kind="Claim"]').click();
    await pickFromSearch('#search', 'hallucination');
    await waitFor(
      () =>
        (globalThis as unknown as ResearchGlobal).__explorer!.store.state.selected !== 'technology:federated-learning' &&
        (globalThis as unknown as ResearchGlobal).__explorer!.store.state.selected !== null,
    );

    await openTab('views');
    await page.locator('.view-list li', { hasText: VIEW_NAME }).locator('.view-open').click();
    await waitFor(
      (id) =>
        (globalThis as unknown as ResearchGlobal).__explorer!.store.state.selected === id &&
        (globalThis as unknown as ResearchGlobal).__explorer!.store.state.analytics.sizeBy === 'pagerank' &&
        (globalThis as unknown as ResearchGlobal).__explorer!.store.state.analytics.colorBy === 'community' &&
        (globalThis as unknown as ResearchGlobal).__explorer!.store.state.filters.hiddenKinds.length === 0,
      FL,
    );
    await waitForRender(page);
    await keepScreenshot(page, 'research-view-restored');

    // Rename it.
    await page
      .locator('.view-list li', { hasText: VIEW_NAME })
      .getByRole('button', { name: /^Rename/ })
      .click();
    await page.locator('.view-list input[type=text]').fill(`${VIEW_NAME} renamed`);
    await page.locator('.view-list form button[type=submit]').click();
    await page.locator('.view-list li', { hasText: `${VIEW_NAME} renamed` }).waitFor();

    // A note on the view: listed among all notes under the view's name, and opening it restores the view.
    const row = page.locator('.view-list li', { hasText: `${VIEW_NAME} renamed` });
    await row.getByRole('button', { name: /^Add a note on the view/ }).click();
    await row.locator('#note-view-body').fill('e2e note: why this view was saved');
    await row.locator('.note-save').click();
    const viewNote = page.locator('.views .note-list .note', { hasText: 'why this view was saved' });
    await viewNote.waitFor();
    expect(await viewNote.locator('.note-target').textContent()).toMatch(new RegExp(`on a view\\s*${VIEW_NAME} renamed$`));
    await pickFromSearch('#search', 'quantization');
    await openTab('views');
    await viewNote.locator('.note-target button').click();
    await waitFor((id) => (globalThis as unknown as ResearchGlobal).__explorer!.store.state.selected === id, FL);

    // The view deleted, its note stays: it says the view is gone and offers nothing to open.
    await openTab('views');
    const asked = page.waitForEvent('dialog');
    await row.getByRole('button', { name: /^Delete/ }).click();
    expect((await asked).message()).toBe(`Delete the view “${VIEW_NAME} renamed”? Its notes stay, marked as on a deleted view.`);
    await expect.poll(() => page.locator('.view-list li', { hasText: `${VIEW_NAME} renamed` }).count()).toBe(0);
    await expect.poll(() => viewNote.locator('.note-target').textContent()).toBe('on a view (deleted)');
    expect(await viewNote.locator('.note-target button').count()).toBe(0);
  });

  it('exports a report of the selected node with the quote and the note', async () => {
    const details = (await api<NodeDetailsDTO>(server.baseUrl, `/api/nodes/${FL}`)).body;
    const quote = details.node.citations[0]!.quote;
    await page.locator('#export-button').click();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.locator('[data-report=markdown]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.md$/);
    const text = readFileSync((await download.path())!, 'utf8');
    // Markdown escapes a few characters; compare without the escapes.
    const plain = text.replace(/\\([\\`*_[\]<>#|~])/g, '$1');
    expect(plain).toContain(quote);
    expect(text).toContain('on the device');
    expect(text).toMatch(/data:image\/png;base64,/);
    expect(errors.filter((e) => !/status of 40[139]/.test(e))).toEqual([]);
  });

  it('fits a narrow screen with the research panels in the drawer', async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    // Open the drawer, whether the steps before left it open or closed.
    if ((await page.locator('.drawer-toggle').getAttribute('aria-expanded')) !== 'true') await page.locator('.drawer-toggle').click();
    await openTab('documents');
    await waitForRender(page);
    await keepScreenshot(page, 'research-narrow');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('accepts a Chinese term its gloss names, in both languages at once', async () => {
    await addChineseDocument(TERMS_TITLE, TERMS_TEXT);
    const item = page.locator('.candidate-list li', { has: page.locator('strong', { hasText: /^稀疏专家路由$/ }) });
    await item.waitFor();
    expect(await item.locator('.gloss').textContent()).toBe(' (SER)');
    // Why it is proposed, and how often the text has it.
    expect(await item.locator('.candidate-reason').textContent()).toBe('glossed in parentheses');
    expect(await item.locator('.muted.small').first().textContent()).toBe('×2 · glossed in parentheses');
    // Judged in context: the sentence it first stands in, the term marked.
    expect(await item.locator('.candidate-example').textContent()).toBe('研究人员提出稀疏专家路由（SER）来降低推理成本。');
    expect(await item.locator('.candidate-example mark').allTextContents()).toEqual(['稀疏专家路由']);
    // Just added: the heading says so.
    expect(await page.locator('#ingest-title').textContent()).toBe(`${TERMS_TITLE} (added)`);
    // 稀疏专家路由 ends in a technique's word (路由): offered as a technology before anyone chooses.
    expect(await item.locator('select').inputValue()).toBe('Technology');
    await item.locator('select').selectOption('Technology');
    await item.locator('button', { hasText: 'Accept' }).click();
    await expect.poll(() => page.locator('.candidate-list strong', { hasText: /^稀疏专家路由$/ }).count()).toBe(0);
    // The gloss named the node in English, so the acronym is no longer a candidate of its own either.
    expect(await page.locator('.candidate-list strong', { hasText: /^SER$/ }).count()).toBe(0);
    const doc = (await api<DocumentDTO[]>(server.baseUrl, '/api/documents')).body.find((d) => d.title === TERMS_TITLE)!;
    const search = await api<{ hits: { name_zh: string; name_en: string }[] }>(server.baseUrl, `/api/search?q=SER&ns=${doc.ns}`);
    expect(search.body.hits.find((h) => h.name_zh === '稀疏专家路由')).toMatchObject({ name_en: 'SER' });
    // Opened again from the list, it is shown, not written: no "unchanged" beside its title.
    await page.locator(`[data-document="${doc.id}"] button`, { hasText: /^Details$/ }).click();
    await expect.poll(() => page.locator('#ingest-title').textContent()).toBe(TERMS_TITLE);
  });

  it('offers to replace a document stored under the same title, and replaces it only when asked', async () => {
    const before = (await api<DocumentDTO[]>(server.baseUrl, '/api/documents')).body.find((d) => d.title === TERMS_TITLE)!;
    await openTab('documents');
    await page.locator('#add-document').click();
    await page.locator('#doc-title').fill(TERMS_TITLE);
    await page.locator('#doc-language').selectOption('zh');
    await page.locator('#doc-text').fill(`${TERMS_TEXT}\n\n修订版：稀疏专家路由（SER）同样适用于联邦学习。`);
    await page.locator('.doc-dialog button[type=submit]').click();
    const notice = page.locator('.doc-dialog .notice');
    await expect
      .poll(() => notice.textContent())
      .toBe(
        `Another text is already stored as the document “${TERMS_TITLE}” (the same title). Replace it with this one (its mentions are found again; the terms accepted from it stay), or change the title to keep both.`,
      );
    // Refused: the stored document is the old one still.
    const still = (await api<DocumentDTO[]>(server.baseUrl, '/api/documents')).body.find((d) => d.title === TERMS_TITLE)!;
    expect(still).toEqual(before);
    await page.locator('.doc-dialog button', { hasText: /^Replace it$/ }).click();
    await page.locator('.doc-dialog').waitFor({ state: 'hidden' });
    await page.locator('[data-testid=ingest-result]').waitFor();
    const after = (await api<DocumentDTO[]>(server.baseUrl, '/api/documents')).body.filter((d) => d.title === TERMS_TITLE);
    expect(after).toHaveLength(1);
    expect(after[0]!.id).toBe(before.id);
    expect(after[0]!.hash).not.toBe(before.hash);
    expect(after[0]!.counts.paragraphs).toBeGreaterThan(before.counts.paragraphs);
    expect(errors.filter((e) => !/status of 40[139]/.test(e))).toEqual([]);
  });
});
