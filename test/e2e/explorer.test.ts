/**
 * test/e2e/explorer — the explorer in a real browser against the real API
 * (in-process server, test Neo4j seeded by the global setup).
 *
 * Screenshots of the main views land in test/artifacts/ for a human to
 * look at; assertions check what a user would see and what the store holds.
 */
import { readFileSync } from 'node:fs';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseCsv } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import type { SourceTextDTO, SubgraphDTO } from '../../graph/contracts';
import { markRuns } from '../../client/src/ui/marked-text';
import { api, startTestServer, type TestServer } from '../helpers/server';
import {
  ensureClientBuilt,
  inkedPixels,
  keepScreenshot,
  launchBrowser,
  openExplorer,
  waitForRender,
  watchErrors,
  type PageGlobal,
  pickFromSearch as pickIn,
} from './browser';

const FROM = 'technology:federated-learning';
const TO = 'challenge:energy-consumption';

let server: TestServer;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  await ensureClientBuilt();
  server = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // A fresh page has a fresh context: no layout or language left in localStorage by an earlier test.
  errors = watchErrors(page);
});

afterEach(async () => {
  await page?.context().close();
});

/** Reads one value from the page's test hook. */
function state<T>(fn: (g: PageGlobal) => T): Promise<T> {
  return page.evaluate(`(${fn.toString()})(globalThis)`) as Promise<T>;
}

/** Picks the first suggestion of a search box on this file's page (browser.ts pickFromSearch). */
const pickFromSearch = (selector: string, text: string, expectedOption?: RegExp) => pickIn(page, selector, text, expectedOption);

describe('explorer in the browser', () => {
  it('draws the curated graph: every node the API sends, pixels on the canvas', async () => {
    const response = await fetch(`${server.baseUrl}/api/graph?limit=400`);
    const sub = (await response.json()) as SubgraphDTO;
    await openExplorer(page, `${server.baseUrl}/#lang=en`);
    const { order, size } = await state((g) => ({ order: g.__explorer!.graph.order, size: g.__explorer!.graph.size }));
    expect(order).toBe(sub.nodes.length);
    expect(size).toBe(sub.edges.length);
    const { inked, total } = await inkedPixels(page);
    // Nodes, edges and labels cover a noticeable share of the canvas; a blank WebGL canvas covers none.
    expect(inked / total).toBeGreaterThan(0.01);
    // Legend lists the kinds and toggling one hides its nodes through the reducer.
    await page.locator('.legend-item[data-kind="Claim"]').click();
    await waitForRender(page);
    const claimHidden = await state((g) => {
      const hook = g.__explorer!;
      const claim = hook.graph.nodes().find((n) => n.startsWith('claim:'))!;
      return hook.sigma!.getNodeDisplayData(claim)?.hidden;
    });
    expect(claimHidden).toBe(true);
    await page.locator('.legend-item[data-kind="Claim"]').click();
    await waitForRender(page);
    await keepScreenshot(page, 'main-en');
    expect(errors).toEqual([]);
  });

  it('search → camera moves to the node → details with the marked quote', async () => {
    await openExplorer(page, `${server.baseUrl}/#lang=en`);
    const ratioBefore = await state((g) => g.__explorer!.sigma!.getCamera().ratio);
    await page.keyboard.press('/');
    await pickFromSearch('#search', 'federated', /Federated learning/);
    await page.waitForFunction(
      (id) =>
        (globalThis as unknown as PageGlobal).__explorer?.store.state.details?.status === 'ready' &&
        (globalThis as unknown as PageGlobal).__explorer?.store.state.selected === id,
      FROM,
    );
    await expect(page.locator('#details-title').textContent()).resolves.toBe('Federated learning');
    await expect(page.locator('.details .other-name').textContent()).resolves.toBe('联邦学习');
    const mark = page.locator('.provenance .citation mark').first();
    await mark.waitFor();
    expect((await mark.textContent())!.length).toBeGreaterThan(2);
    // Its quotes share a paragraph: the paragraph is shown once, every quote marked in it.
    const cited = await state((g) => {
      const d = g.__explorer!.store.state.details;
      const citations = d?.data?.node.citations ?? [];
      return { quotes: citations.map((c) => c.quote), paragraphs: new Set(citations.map((c) => c.paragraphId)).size };
    });
    expect(cited.paragraphs).toBeLessThan(cited.quotes.length);
    await expect(page.locator('.provenance .citation').count()).resolves.toBe(cited.paragraphs);
    expect((await page.locator('.provenance .citation mark').allTextContents()).sort()).toEqual(cited.quotes.sort());
    // The relationships read as sentences, with the other node as a link.
    expect(await page.locator('.relationships li').count()).toBeGreaterThan(0);
    // The camera animates onto the node (zooming in).
    await expect.poll(() => state((g) => g.__explorer!.sigma!.getCamera().ratio)).toBeLessThan(ratioBefore);
    await waitForRender(page);
    await keepScreenshot(page, 'details-en');

    // Clicking a relationship's other node selects it.
    const link = page.locator('.relationships button.link').first();
    const other = await link.getAttribute('data-node');
    await link.click();
    await page.waitForFunction((id) => (globalThis as unknown as PageGlobal).__explorer?.store.state.selected === id, other);

    // Undo goes back to the previous selection; Escape clears it.
    await page.keyboard.press('Control+z');
    await page.waitForFunction((id) => (globalThis as unknown as PageGlobal).__explorer?.store.state.selected !== id, other);
    expect(errors).toEqual([]);
  });

  it('finds paths from federated learning to energy consumption and reads them as chains', async () => {
    await openExplorer(page, `${server.baseUrl}/#lang=en&tab=paths`);
    await pickFromSearch('#path-from', 'Federated learning', /Federated learning/);
    await pickFromSearch('#path-to', 'Energy consumption', /Energy consumption/);
    await page.locator('input[name=path-mode][value=k]').check();
    await page.locator('.paths button[type=submit]').click();
    await page.waitForFunction(() => (globalThis as unknown as PageGlobal).__explorer?.store.state.path?.status === 'ready');
    const chain = page.locator('[data-testid=path-chain]').first();
    await chain.waitFor();
    const text = (await chain.textContent())!;
    expect(text).toContain('Federated learning');
    expect(text).toContain('Energy consumption');
    // Long names ("Continued growth in compute capability") wrap inside the panel: no chain runs past its edge.
    const overflow = await page.locator('[data-testid=path-chain]').evaluateAll((els) => els.map((e) => e.scrollWidth - e.clientWidth));
    expect(overflow.length).toBeGreaterThan(1);
    expect(Math.max(...overflow)).toBeLessThanOrEqual(1);
    // Every hop has its sentence, and its quote (the answer gives it once, on the hop's edge).
    const hops = page.locator('.path').first().locator('.hop');
    expect(await hops.count()).toBeGreaterThan(0);
    expect(await hops.locator('summary q').count()).toBe(await hops.count());
    // On the canvas the path is emphasised and everything else dimmed (through the reducers).
    await waitForRender(page);
    const colours = await state((g) => {
      const hook = g.__explorer!;
      const path = hook.store.state.path!.result!.paths[0]!;
      const onPath = new Set(path.nodes);
      const off = hook.graph.nodes().find((n) => !onPath.has(n))!;
      return { on: hook.sigma!.getNodeDisplayData(path.nodes[0]!)!.color, off: hook.sigma!.getNodeDisplayData(off)!.color };
    });
    expect(colours.off).toBe('#dde1e7');
    expect(colours.on).not.toBe('#dde1e7');
    await keepScreenshot(page, 'paths-en');

    // An impossible query explains itself.
    await page.locator('.paths input[type=number]').last().fill('1');
    await page.locator('.paths input[type=number]').last().dispatchEvent('change');
    await page.locator('.paths button[type=submit]').click();
    await page.locator('[data-testid=path-reason]').waitFor();
    expect((await page.locator('[data-testid=path-reason]').textContent())!.length).toBeGreaterThan(3);
    expect(errors).toEqual([]);
  });

  it('switches every label to Chinese, on the canvas and in the interface', async () => {
    await openExplorer(page, `${server.baseUrl}/#lang=en`);
    const before = await state((g) => g.__explorer!.sigma!.getNodeDisplayData('technology:rag')!.label);
    expect(before).toBe('Retrieval-augmented generation');
    await page.locator('button[data-lang=zh]').click();
    await waitForRender(page);
    const after = await state((g) => g.__explorer!.sigma!.getNodeDisplayData('technology:rag')!.label);
    expect(after).toBe('检索增强生成');
    await expect(page.locator('.brand').textContent()).resolves.toBe('大模型图谱浏览器');
    await expect(page.locator('[role=tab]#tab-paths').textContent()).resolves.toBe('路径');
    // The link is rewritten 150 ms after the last change (debounced): wait for it, don't race it.
    await page.waitForFunction((part) => location.hash.includes(part), 'lang=zh', { timeout: 10_000 });
    await keepScreenshot(page, 'main-zh');

    // An inferred relationship gives its reason in the interface's language.
    await openExplorer(page, `${server.baseUrl}/#lang=zh&sel=${FROM}`);
    const why = page.locator(`.relationships li:has(button[data-edge="${FROM}-BUILDS_ON-technology:distributed-computing"]) .rationale`);
    await expect.poll(() => why.textContent()).toContain('分布式训练框架');
    // Labels and their values are joined in each language's punctuation.
    expect(await why.textContent()).toMatch(/^\s*推断依据：联邦学习/);
    await expect(page.locator('.details p:has(> span.muted)').first().textContent()).resolves.toMatch(/^别名：联邦学习框架/);
    await expect(page.locator('section[aria-label="关系"] > h3').textContent()).resolves.toMatch(/^关系（\d+）$/);
    await page.locator('button[data-lang=en]').click();
    await expect.poll(() => why.textContent()).toContain('distributed training framework');
    expect(await why.textContent()).toMatch(/^\s*Rationale: Federated learning/);
    await expect(page.locator('section[aria-label="Relationships"] > h3').textContent()).resolves.toMatch(/^Relationships \(\d+\)$/);
  });

  it('restores a deep link: language, filters, selection and path', async () => {
    const hash = `#lang=zh&tab=paths&sel=challenge:hallucination&hideKinds=Claim&from=${FROM}&to=${TO}&mode=shortest&hops=6`;
    await openExplorer(page, `${server.baseUrl}/${hash}`);
    await page.waitForFunction(() => {
      const s = (globalThis as unknown as PageGlobal).__explorer?.store.state;
      return s?.path?.status === 'ready' && s.selected === 'challenge:hallucination';
    });
    const restored = await state((g) => {
      const s = g.__explorer!.store.state;
      return { lang: s.lang, hidden: s.filters.hiddenKinds, paths: s.path!.result!.paths.length };
    });
    expect(restored).toEqual({ lang: 'zh', hidden: ['Claim'], paths: expect.any(Number) });
    expect(restored.paths).toBeGreaterThan(0);
    await expect(page.locator('#tab-paths').getAttribute('aria-selected')).resolves.toBe('true');
    await page.locator('[data-testid=path-chain]').first().waitFor();
    expect(await page.locator('[data-testid=path-chain]').first().textContent()).toContain('联邦学习');
    await waitForRender(page);
    await keepScreenshot(page, 'deep-link-zh');

    // Another link pasted into the open page shows its view, not the last one's path, filters and selection.
    await page.evaluate("location.hash = '#lang=en&tab=details&sel=technology:rag'");
    await page.waitForFunction(() => (globalThis as unknown as PageGlobal).__explorer?.store.state.selected === 'technology:rag');
    const pasted = await state((g) => {
      const s = g.__explorer!.store.state;
      return { lang: s.lang, path: s.path, hidden: s.filters.hiddenKinds };
    });
    expect(pasted).toEqual({ lang: 'en', path: null, hidden: [] });
    await expect.poll(() => page.locator('#tab-details').getAttribute('aria-selected')).toBe('true');
  });

  it('says which node of a stale deep link is gone, and keeps the graph it loaded', async () => {
    await openExplorer(page, `${server.baseUrl}/#lang=en&tab=details&sel=org:removed-long-ago&from=org:removed-long-ago&to=${TO}`);
    const notice = page.locator('.status .notice');
    await expect.poll(() => notice.textContent()).toContain('There is no node “org:removed-long-ago” in the graph');
    expect(await page.locator('.status').textContent()).not.toContain('Could not load the graph');
    const after = await state((g) => ({
      status: g.__explorer!.store.state.status,
      selected: g.__explorer!.store.state.selected,
      order: g.__explorer!.graph.order,
    }));
    expect(after).toMatchObject({ status: 'ready', selected: null });
    expect(after.order).toBeGreaterThan(100);
    await expect(page.locator('.details-panel, [role=tabpanel]').first().textContent()).resolves.toContain('Select a node');
    // The path finder names the missing end in the same words instead of the API's.
    await page.locator('#tab-paths').click();
    await expect.poll(() => page.locator('.paths [role=alert]').textContent()).toContain('There is no node “org:removed-long-ago”');
    // The only errors are the two 404 answers themselves.
    expect(errors.every((e) => e.includes('404'))).toBe(true);
    // The next link pasted into the page opens without the stale link's message.
    await page.evaluate((to) => (location.hash = `#lang=en&tab=details&sel=${to}`), TO);
    await page.waitForFunction((to) => (globalThis as unknown as PageGlobal).__explorer?.store.state.selected === to, TO);
    await expect.poll(() => notice.count()).toBe(0);
  });

  it('orders the tables by a column and narrows them to a typed name, in either language', async () => {
    await openExplorer(page, `${server.baseUrl}/#lang=en&tab=table`);
    const nodeRows = page.locator('table.data:not(.edges) tbody tr');
    const edgeRows = page.locator('table.data.edges tbody tr');
    await nodeRows.first().waitFor();
    const order = await state((g) => g.__explorer!.graph.order);
    const degrees = () => nodeRows.evaluateAll((trs) => trs.map((tr) => Number(tr.querySelector('td.num')!.textContent)));
    const degreeHeader = page.locator('table.data:not(.edges) th:has(button[data-sort=degree])');
    await degreeHeader.locator('button').click();
    await expect(degreeHeader.getAttribute('aria-sort')).resolves.toBe('descending');
    const down = await degrees();
    expect(down).toHaveLength(order);
    expect(down).toEqual([...down].sort((a, b) => b - a));
    expect(down[0]).toBeGreaterThan(down[down.length - 1]!);
    await degreeHeader.locator('button').click();
    await expect(degreeHeader.getAttribute('aria-sort')).resolves.toBe('ascending');
    expect(await degrees()).toEqual([...down].reverse());

    // A Chinese fragment narrows both tables; the headings say how many of how many.
    await page.locator('#table-filter').fill('幻觉');
    await expect.poll(() => nodeRows.count()).toBeLessThan(order);
    const names = await nodeRows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('td')!.textContent!));
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => n.includes('幻觉'))).toBe(true);
    expect(names.some((n) => n.startsWith('Hallucination'))).toBe(true);
    await expect(page.locator('#table-nodes-title').textContent()).resolves.toBe(`Visible nodes (${names.length} of ${order})`);
    // Each relationship left has an end among the nodes found.
    const shown = new Set(await nodeRows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('td')!.childNodes[0]!.textContent!.trim())));
    const ends = await edgeRows.evaluateAll((trs) => trs.map((tr) => [tr.children[0]!.textContent!, tr.children[2]!.textContent!]));
    expect(ends.length).toBeGreaterThan(0);
    expect(ends.every(([s, t]) => shown.has(s!) || shown.has(t!))).toBe(true);
    // Nothing found says so; clearing the box brings every row back, in the chosen order.
    await page.locator('#table-filter').fill('no such name');
    await expect.poll(() => page.locator('.tables').textContent()).toContain('No row matches “no such name”.');
    await page.locator('#table-filter').fill('');
    await expect.poll(() => nodeRows.count()).toBe(order);
    expect(await degrees()).toEqual([...down].reverse());

    // The filter and the orders are part of the link: a pasted link shows the same rows in the same order.
    await page.locator('#table-filter').fill('幻觉');
    const edgeHeader = page.locator('table.data.edges th:has(button[data-sort=target])');
    await edgeHeader.locator('button').click();
    await edgeHeader.locator('button').click();
    await expect(edgeHeader.getAttribute('aria-sort')).resolves.toBe('descending');
    await expect.poll(() => page.evaluate('location.hash')).toContain('edgeSort=target:desc');
    const hash = (await page.evaluate('location.hash')) as string;
    expect(new URLSearchParams(hash.slice(1)).get('tableFilter')).toBe('幻觉');
    expect(hash).toContain('nodeSort=degree:asc');
    const before = { nodes: await nodeRows.allTextContents(), edges: await edgeRows.allTextContents() };
    await page.goto('about:blank');
    await openExplorer(page, `${server.baseUrl}/${hash}`);
    await expect.poll(() => page.locator('#table-filter').inputValue()).toBe('幻觉');
    await expect(degreeHeader.getAttribute('aria-sort')).resolves.toBe('ascending');
    await expect(edgeHeader.getAttribute('aria-sort')).resolves.toBe('descending');
    await expect.poll(() => nodeRows.allTextContents()).toEqual(before.nodes);
    expect(await edgeRows.allTextContents()).toEqual(before.edges);
    expect(errors).toEqual([]);
  });

  it('reads the source article against the graph: quotes marked, the nodes that cite a paragraph as links', async () => {
    const DOC = 'document:llm-ten-challenges';
    const source = (await api<SourceTextDTO>(server.baseUrl, `/api/nodes/${DOC}/text`)).body;
    await openExplorer(page, `${server.baseUrl}/#lang=en&tab=details&sel=${DOC}`);
    // From the document's details to its text in the documents panel.
    await page.locator('#read-source').click();
    await expect(page.locator('#tab-documents').getAttribute('aria-selected')).resolves.toBe('true');
    const reader = page.locator('[data-testid=source-reader]');
    await reader.locator('li[data-paragraph]').first().waitFor();
    expect(await reader.locator('li[data-paragraph]').count()).toBe(source.paragraphs.length);
    expect(await reader.locator('.counts').textContent()).toContain(`the graph quotes ${source.counts.cited} of them`);
    // The article is Chinese: every paragraph says so to screen readers and font selection — its footer too
    // (p65, mostly a URL and "Powered by C114": the document's language, not the paragraph's letters).
    expect(new Set(await reader.locator('p.source-text').evaluateAll((ps) => ps.map((p) => p.getAttribute('lang'))))).toEqual(
      new Set(['zh']),
    );

    // Paragraph 44 (privacy): its marks are the quotes, merged where they overlap; its links the citing nodes.
    const p44 = source.paragraphs.find((p) => p.id === 'llm10:p44')!;
    const item = reader.locator('[data-paragraph="llm10:p44"]');
    const marks = markRuns(
      p44.text,
      p44.citations.map((c) => [c.start, c.end] as const),
    )
      .filter((r) => r.marked)
      .map((r) => r.text);
    expect(marks.length).toBeGreaterThan(1);
    expect(await item.locator('mark').allTextContents()).toEqual(marks);
    const citing = [...new Set(p44.citations.flatMap((c) => (c.node ? [c.node.id] : [])))];
    expect(await item.locator('.source-nodes button[data-node]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-node')))).toEqual(
      citing,
    );
    expect(citing).toContain('technology:federated-learning');
    await item.locator('details summary').click();
    const rels = new Set(p44.citations.flatMap((c) => (c.relationship ? [c.relationship.id] : [])));
    expect(
      new Set(await item.locator('details li[data-edge]').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-edge')))),
    ).toEqual(rels);
    await expect(item.locator('details li[data-edge]').first().textContent()).resolves.toMatch(/—\w[\w ]*→/);
    await keepScreenshot(page, 'source-reader');

    // A citing node's link brings it into view and selects it, leaving the reader open.
    await item.locator('.source-nodes button[data-node="technology:federated-learning"]').click();
    await expect.poll(() => state((g) => g.__explorer!.store.state.selected)).toBe('technology:federated-learning');
    await expect(page.locator('#tab-documents').getAttribute('aria-selected')).resolves.toBe('true');
    // Only the quoted paragraphs, when asked.
    await reader.locator('input[type=checkbox]').check();
    expect(await reader.locator('li[data-paragraph]').count()).toBe(source.counts.cited);
    await reader.locator('input[type=checkbox]').uncheck();
    // Finding words: the paragraphs that hold them, each occurrence marked instead of the quotes.
    const WORD = '幻觉';
    await reader.locator('input.source-find').fill(WORD);
    const holding = source.paragraphs.filter((p) => p.text.includes(WORD));
    await expect.poll(() => reader.locator('li[data-paragraph]').count()).toBe(holding.length);
    expect(holding.length).toBeGreaterThan(1);
    const found = await reader.locator('mark.found').allTextContents();
    expect(found).toHaveLength(holding.reduce((n, p) => n + p.text.split(WORD).length - 1, 0));
    expect(new Set(found)).toEqual(new Set([WORD]));
    await expect(reader.locator('[role=status]').textContent()).resolves.toBe(`${holding.length} paragraphs contain “${WORD}”`);
    expect(errors).toEqual([]);
  });

  it('searches the article for words from the main search box, with or without a matching node', async () => {
    const DOC = 'document:llm-ten-challenges';
    const source = (await api<SourceTextDTO>(server.baseUrl, `/api/nodes/${DOC}/text`)).body;
    await openExplorer(page, `${server.baseUrl}/#lang=en`);
    const input = page.locator('#search');
    const list = page.locator('#search-list');
    // 电力 names a node (power supply) and stands in the text: the last option looks in the text.
    await input.fill('电力');
    const last = list.locator('[role=option]').last();
    await expect.poll(() => last.textContent()).toBe('Find “电力” in the article');
    expect(await list.locator('[role=option]').count()).toBeGreaterThan(1);
    await input.press('ArrowUp');
    await expect(last.getAttribute('aria-selected')).resolves.toBe('true');
    await input.press('Enter');
    await expect(page.locator('#tab-documents').getAttribute('aria-selected')).resolves.toBe('true');
    const reader = page.locator('[data-testid=source-reader]');
    await expect.poll(() => reader.locator('input.source-find').inputValue()).toBe('电力');
    const holding = source.paragraphs.filter((p) => p.text.includes('电力'));
    await expect.poll(() => reader.locator('li[data-paragraph]').count()).toBe(holding.length);
    expect(holding.length).toBeGreaterThan(1);
    // The words are part of the link: a fresh page opened on it reads the article finding them.
    await expect
      .poll(async () => new URLSearchParams(((await page.evaluate('location.hash')) as string).slice(1)).get('find'))
      .toBe('电力');
    const hash = (await page.evaluate('location.hash')) as string;
    await page.goto('about:blank');
    await openExplorer(page, `${server.baseUrl}/${hash}`);
    await expect.poll(() => reader.locator('input.source-find').inputValue()).toBe('电力');
    await expect.poll(() => reader.locator('li[data-paragraph]').count()).toBe(holding.length);
    // Typing in the reader's own box changes the link too.
    await reader.locator('input.source-find').fill('能耗');
    await expect
      .poll(async () => new URLSearchParams(((await page.evaluate('location.hash')) as string).slice(1)).get('find'))
      .toBe('能耗');
    // A word no node is named after still has its option; the reader says the article does not hold it.
    await input.fill('英伟达');
    await expect.poll(() => list.textContent()).toBe('No matches · Find “英伟达” in the article');
    await input.press('Enter');
    await expect.poll(() => reader.locator('[role=status]').textContent()).toBe('0 paragraphs contain “英伟达”');
    expect(errors).toEqual([]);
  });

  it("goes from a node's citation to its paragraph in the article, and back to the node", async () => {
    await openExplorer(page, `${server.baseUrl}/#lang=en&tab=details&sel=${FROM}`);
    const figure = page.locator('.details .provenance figure.citation').first();
    await figure.waitFor();
    const paragraph = (await figure.getAttribute('data-paragraph'))!;
    expect(paragraph).toMatch(/^llm10:p\d+$/);
    // The caption names the article by its title and the paragraph by its number.
    await expect(figure.locator('figcaption').textContent()).resolves.toContain(
      `Ten Challenges and Ten Outlooks for Large Model Development · paragraph ${paragraph.slice('llm10:p'.length)}`,
    );
    await figure.locator('button.read-in-context').click();
    await expect(page.locator('#tab-documents').getAttribute('aria-selected')).resolves.toBe('true');
    const target = page.locator(`[data-testid=source-reader] li[data-paragraph="${paragraph}"]`);
    await target.waitFor();
    await expect(target.getAttribute('class')).resolves.toContain('target');
    // Brought into view inside the reader's scroll box, and it names the node the citation came from.
    await expect
      .poll(() =>
        target.evaluate((li) => {
          const box = li.closest('ol')!.getBoundingClientRect();
          const r = li.getBoundingClientRect();
          return r.top >= box.top - 1 && r.top < box.bottom;
        }),
      )
      .toBe(true);
    await expect(target.locator(`.source-nodes button[data-node="${FROM}"]`).count()).resolves.toBe(1);
    // The link holds the open text and the paragraph: reloading it reopens the reader there.
    await expect.poll(() => page.evaluate(() => location.hash)).toContain(`read=document:llm-ten-challenges&at=${paragraph}`);
    await page.reload();
    await page.locator(`[data-testid=source-reader] li.target[data-paragraph="${paragraph}"]`).waitFor();
    await expect(page.locator('#tab-documents').getAttribute('aria-selected')).resolves.toBe('true');
    expect(errors).toEqual([]);
  });

  it('runs a console template and refuses a write', async () => {
    await openExplorer(page, `${server.baseUrl}/#lang=en&tab=console`);
    await page.locator('.editor-host .cm-content').waitFor({ timeout: 20_000 });
    await page.locator('#template-select option').nth(1).waitFor({ state: 'attached' });
    const firstTemplate = await page.locator('#template-select option').nth(1).getAttribute('value');
    await page.locator('#template-select').selectOption(firstTemplate!);
    await page.locator('.templates button[type=submit]').click();
    await page.locator('.results table tbody tr').first().waitFor();
    expect(await page.locator('.results table tbody tr').count()).toBeGreaterThan(0);
    await keepScreenshot(page, 'console-template');

    // A relationship returned on its own reads with its two ends, named from the graph on screen.
    await page.locator('.editor-host .cm-content').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('MATCH (:Entity {id: "technology:dola"})-[r:MITIGATES]->(:Entity {id: "challenge:hallucination"}) RETURN r');
    // Typing leaves the completion list open; Ctrl+Enter runs the query from the keyboard and closes it.
    await page.locator('.cm-tooltip-autocomplete').waitFor();
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.locator('.cm-tooltip-autocomplete').count()).toBe(0);
    await expect
      .poll(() => page.locator('.results table tbody tr td').first().textContent())
      .toBe('DoLa layer-contrastive decoding -[:MITIGATES]→ Hallucination');

    await page.locator('.editor-host .cm-content').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('CREATE (n:Intruder {id: "x"}) RETURN n');
    await page.locator('.console > .row button.primary').click();
    const error = page.locator('.console [role=alert]');
    await error.waitFor();
    await expect(error.getAttribute('data-code')).resolves.toBe('READ_ONLY');
    expect(await error.textContent()).toMatch(/read-only/i);
    await keepScreenshot(page, 'console-read-only');
  });

  it('exports a PNG and a GEXF of the visible graph', async () => {
    await openExplorer(page, `${server.baseUrl}/#lang=en`);
    const order = await state((g) => g.__explorer!.graph.order);

    await page.locator('#export-button').click();
    const [png] = await Promise.all([page.waitForEvent('download'), page.locator('[data-format=png]').click()]);
    const pngBytes = readFileSync((await png.path())!);
    expect([...pngBytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(pngBytes.length).toBeGreaterThan(5_000);

    await page.locator('#export-button').click();
    const [gexf] = await Promise.all([page.waitForEvent('download'), page.locator('[data-format=gexf]').click()]);
    expect(gexf.suggestedFilename()).toMatch(/\.gexf$/);
    const graph = parseGexf(Graph, readFileSync((await gexf.path())!, 'utf8'));
    expect(graph.order).toBe(order);
    expect(graph.hasNode(FROM)).toBe(true);
    expect(graph.size).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('exports as CSV what the filters leave on screen, the same nodes and relationships as the JSON file', async () => {
    await openExplorer(page, `${server.baseUrl}/#lang=en&hideTypes=MITIGATES&hideEvidence=inferred&hideKinds=Claim`);
    const download = async (format: string) => {
      await page.locator('#export-button').click();
      const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-format=${format}]`).click()]);
      return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
    };
    const json = JSON.parse((await download('json')).bytes.toString('utf8')) as {
      nodes: { key: string; attributes: { kind: string } }[];
      edges: { key: string; attributes: { type: string; evidence: string } }[];
    };
    const csv = await download('csv');
    expect(csv.name).toMatch(/-csv\.zip$/);
    const tables = unzipSync(new Uint8Array(csv.bytes));
    const rows = (name: string) => parseCsv(strFromU8(tables[name]!), { columns: true }) as Record<string, string>[];
    const nodes = rows('nodes.csv');
    const edges = rows('edges.csv');
    expect(nodes.map((n) => n.id).sort()).toEqual(json.nodes.map((n) => n.key).sort());
    expect(edges.map((e) => e.id).sort()).toEqual(json.edges.map((e) => e.key).sort());
    expect(edges.length).toBeGreaterThan(50);
    expect(edges.filter((e) => e.type === 'MITIGATES' || e.evidence === 'inferred')).toEqual([]);
    expect(nodes.filter((n) => n.kind === 'Claim')).toEqual([]);
    // Provenance travels with each row: a quoted relationship carries its passages and quotes.
    expect(edges.some((e) => e.evidence === 'stated' && e.cite_passages !== '' && e.cite_quotes !== '')).toBe(true);
    expect(errors).toEqual([]);
  });

  it("switches sigma's levers on with the graph's size and off again", async () => {
    await openExplorer(page, `${server.baseUrl}/#lang=en`);
    /** What the renderer draws now: the setting, and the programs of one edge and one node. */
    const drawn = () =>
      state((g) => {
        const s = g.__explorer!.sigma!;
        const edge = g.__explorer!.graph.edges()[0]!;
        return {
          edges: g.__explorer!.graph.size,
          hideEdgesOnMove: s.getSetting('hideEdgesOnMove'),
          hideLabelsOnMove: s.getSetting('hideLabelsOnMove'),
          edgeType: s.getEdgeDisplayData(edge)?.type,
          nodeType: s.getNodeDisplayData(g.__explorer!.graph.nodes()[0]!)?.type,
        };
      });
    /** Adds edges between the graph's nodes (copies of an edge's attributes) up to `total`. */
    const grow = (total: number) =>
      page.evaluate((n) => {
        const graph = (globalThis as unknown as PageGlobal).__explorer!.graph;
        const nodes = graph.nodes();
        const attrs = graph.getEdgeAttributes(graph.edges()[0]!);
        for (let i = graph.size; i < n; i++)
          graph.addEdgeWithKey(`bench-edge-${i}`, nodes[i % nodes.length]!, nodes[(i * 7 + 1) % nodes.length]!, {
            ...attrs,
            type: 'arrow',
          });
      }, total);
    const curated = await drawn();
    expect(curated).toMatchObject({ hideEdgesOnMove: false, hideLabelsOnMove: false, nodeType: 'circle' });
    expect(['arrow', 'curved']).toContain(curated.edgeType);

    await grow(12_000);
    await waitForRender(page);
    expect(await drawn()).toMatchObject({
      edges: 12_000,
      hideEdgesOnMove: true,
      hideLabelsOnMove: false,
      edgeType: 'arrow',
      nodeType: 'circle',
    });

    await grow(60_000);
    await waitForRender(page);
    expect(await drawn()).toMatchObject({ edges: 60_000, hideEdgesOnMove: true, hideLabelsOnMove: true, edgeType: 'arrow' });

    await grow(100_000);
    await waitForRender(page);
    expect(await drawn()).toMatchObject({
      edges: 100_000,
      hideEdgesOnMove: true,
      hideLabelsOnMove: true,
      edgeType: 'line',
      nodeType: 'point',
    });
    await keepScreenshot(page, 'levers-100k-edges');

    // Back to the curated view: every lever off, the explorer's own programs again.
    await state((g) => g.__explorer!.store.load().then(() => undefined));
    expect(await state((g) => g.__explorer!.graph.size)).toBe(curated.edges);
    await waitForRender(page);
    const back = await drawn();
    expect(back).toMatchObject({ hideEdgesOnMove: false, hideLabelsOnMove: false, nodeType: 'circle' });
    expect(['arrow', 'curved']).toContain(back.edgeType);
    expect(errors).toEqual([]);
  });

  it('fits a narrow screen: the panels become a drawer', async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    await openExplorer(page, `${server.baseUrl}/#lang=en&sel=technology:rag`);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobal).__explorer?.store.state.details?.status === 'ready');
    const side = page.locator('#side-panel');
    // The drawer slides (a CSS transition): poll rather than guess its duration.
    await expect.poll(() => side.isVisible()).toBe(false);
    await page.locator('.drawer-toggle').click();
    await expect.poll(() => side.isVisible()).toBe(true);
    await waitForRender(page);
    // The canvas still shows the graph above the drawer.
    const { inked, total } = await inkedPixels(page);
    expect(inked / total).toBeGreaterThan(0.01);
    await keepScreenshot(page, 'narrow-drawer');
    await page.keyboard.press('Escape');
    await expect.poll(() => side.isVisible()).toBe(false);
  });
});
