/**
 * test/e2e/forms — the explorer's forms as an analyst drives them, in a real
 * browser against the real API: node pickers whose text is edited after a
 * pick, the console's templates, the table's degrees under filters, the
 * comparison's chains, the page title and Esc.
 *
 * Each case is one a reviewer reproduced: a picker kept a node its text no
 * longer named, and the action ran on it without a word.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import { ensureClientBuilt, launchBrowser, openExplorer, watchErrors, pickFromSearch as pickIn } from './browser';

const RAG = 'technology:rag';
const MAMBA = 'technology:mamba';

let server: TestServer;
let browser: Browser;
let page: Page;
let errors: string[];
/** Paths (with query) of the API requests the page sent. */
let requests: string[];

/** The parts of the page's test hook this file reads. */
interface FormsGlobal {
  __explorer?: {
    graph: {
      edges(): string[];
      extremities(edge: string): [string, string];
      getEdgeAttributes(edge: string): { rel: string };
      degree(node: string): number;
    };
    store: {
      state: {
        selected: string | null;
        filters: { hiddenTypes: string[] };
        path: null | { status: string; query: { from: string; to: string } };
      };
    };
  };
  location: { hash: string };
  document: { title: string };
}

function state<T>(fn: (g: FormsGlobal) => T): Promise<T> {
  return page.evaluate(`(${fn.toString()})(globalThis)`) as Promise<T>;
}

/** Picks the first suggestion of a search box on this file's page (browser.ts pickFromSearch). */
const pickFromSearch = (selector: string, text: string, expectedOption?: RegExp) => pickIn(page, selector, text, expectedOption);

/** Types into a picker without picking, and waits until its list has answered for the text. */
async function typeWithoutPicking(selector: string, text: string): Promise<void> {
  const input = page.locator(selector);
  await input.click();
  await input.fill(text);
  await page.locator(`#${(await input.getAttribute('aria-controls'))!}`).waitFor({ timeout: 10_000 });
}

function sent(path: string): string[] {
  return requests.filter((r) => r.startsWith(path));
}

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
  errors = watchErrors(page);
  requests = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/')) requests.push(url.pathname + url.search);
  });
});

afterEach(async () => {
  await page?.context().close();
});

describe('forms in the browser', () => {
  it('drops a path end whose text was edited, and says which box needs a node', async () => {
    await openExplorer(page, `${server.baseUrl}/#lang=en&tab=paths`);
    await pickFromSearch('#path-from', 'Retrieval-augmented generation');
    await pickFromSearch('#path-to', 'Mamba');
    await page.locator('.paths button[type=submit]').click();
    await page.waitForFunction(() => (globalThis as unknown as FormsGlobal).__explorer?.store.state.path?.status === 'ready');
    expect(await state((g) => g.__explorer!.store.state.path!.query)).toMatchObject({ from: 'technology:rag', to: 'technology:mamba' });
    const before = sent('/api/paths').length;

    // Emptying To drops Mamba: Find says To needs a node and asks nothing of the server.
    await page.locator('#path-to').fill('');
    await page.locator('.paths button[type=submit]').click();
    const notice = page.locator('.paths > form .notice.warning');
    await expect.poll(() => notice.textContent()).toBe('Pick a node for “To” from its list.');
    expect(sent('/api/paths').length).toBe(before);

    // Typed text that names no picked node is no node either, and typing is not wiped by the drop.
    await typeWithoutPicking('#path-to', 'Hallu');
    await expect(page.locator('#path-to').inputValue()).resolves.toBe('Hallu');
    await page.locator('#path-from').fill('zzz no such node');
    await page.locator('.paths button[type=submit]').click();
    await expect.poll(() => notice.textContent()).toBe('Pick a node for “From” and for “To” from their lists.');
    expect(sent('/api/paths').length).toBe(before);

    // Picking again runs with the nodes the boxes name.
    await pickFromSearch('#path-from', 'Mamba');
    await pickFromSearch('#path-to', 'Retrieval-augmented generation');
    await page.locator('.paths button[type=submit]').click();
    await expect.poll(() => state((g) => g.__explorer!.store.state.path?.query.from)).toBe(MAMBA);
    await expect.poll(async () => new URLSearchParams((await state((g) => g.location.hash)).slice(1)).get('to')).toBe(RAG);
    expect(errors).toEqual([]);
  });

  it('clears the found path with Esc once nothing is selected', async () => {
    await openExplorer(page, `${server.baseUrl}/#lang=en&tab=paths&from=${RAG}&to=${MAMBA}`);
    await page.waitForFunction(() => (globalThis as unknown as FormsGlobal).__explorer?.store.state.path?.status === 'ready');
    expect(await state((g) => g.__explorer!.store.state.selected)).toBeNull();
    // Esc that closes a dialog only closes it.
    await page.locator('#tab-documents').click();
    await page.locator('#add-document').click();
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    await dialog.locator('button').first().focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await state((g) => g.__explorer!.store.state.path?.status)).toBe('ready');
    await page
      .locator('#graph-canvas')
      .focus()
      .catch(() => undefined);
    await page.keyboard.press('Escape');
    await expect.poll(() => state((g) => g.__explorer!.store.state.path)).toBeNull();
    await expect.poll(async () => new URLSearchParams((await state((g) => g.location.hash)).slice(1)).get('to')).toBeNull();
  });

  it('compares only two picked, different concepts, and aligns each chain’s number with its first line', async () => {
    await openExplorer(page, `${server.baseUrl}/#lang=en&tab=analytics`);
    await pickFromSearch('#compare-a', 'Federated learning');
    await pickFromSearch('#compare-b', 'Energy consumption');
    await page.locator('.compare-form button[type=submit]').click();
    await page.locator('[data-testid=compare-result]').waitFor();
    // The result opens in view (its first lines), below a form at the foot of the panel.
    await expect
      .poll(() =>
        page.locator('[data-testid=compare-result]').evaluate((el) => {
          const r = el.getBoundingClientRect();
          return r.top >= 0 && r.top < window.innerHeight - 50;
        }),
      )
      .toBe(true);

    // Each chain's list number sits beside its first line: a box in the chain's first line box (where the
    // marker is drawn) lines up with the button's first line of text, not its last.
    const alignment = await page.locator('ol.chains > li').evaluateAll((items) =>
      items.map((li) => {
        const button = li.querySelector('button')!;
        const probe = document.createElement('span');
        probe.textContent = 'x';
        probe.style.cssText = 'display:inline-block;width:0';
        li.insertBefore(probe, button);
        const range = document.createRange();
        range.selectNodeContents(button);
        const lines = Array.from(range.getClientRects()).map((r) => (r.top + r.bottom) / 2);
        const box = probe.getBoundingClientRect();
        probe.remove();
        return { lines: new Set(lines.map(Math.round)).size, offset: Math.abs((box.top + box.bottom) / 2 - Math.min(...lines)) };
      }),
    );
    const wrapped = alignment.filter((a) => a.lines > 1);
    expect(wrapped.length).toBeGreaterThan(0);
    for (const a of wrapped) expect(a.offset).toBeLessThan(4);

    // The first box emptied, nonsense in the second: nothing is sent, the old result goes, the message names both.
    const before = sent('/api/analytics/compare').length;
    await page.locator('#compare-a').fill('');
    await typeWithoutPicking('#compare-b', 'qqqq nonsense');
    await page.locator('.compare-form button[type=submit]').click({ timeout: 5_000 });
    const alert = page.locator('.analytics [role=alert]');
    await expect.poll(() => alert.textContent()).toBe('Pick a node for “First concept” and for “Second concept” from their lists.');
    await expect(page.locator('[data-testid=compare-result]').count()).resolves.toBe(0);
    expect(sent('/api/analytics/compare').length).toBe(before);

    // The same node twice is caught here, in the interface's language.
    await page.locator('[data-lang=zh]').click();
    await pickFromSearch('#compare-a', '联邦学习');
    await pickFromSearch('#compare-b', '联邦学习');
    await page.locator('.compare-form button[type=submit]').click();
    await expect.poll(() => alert.textContent()).toBe('请选择两个不同的概念：两个框中都是“联邦学习”。');
    expect(sent('/api/analytics/compare').length).toBe(before);
    // The form sits at the foot of the panel: the refusal is brought into view, not left below the fold.
    const inView = (selector: string) =>
      page.locator(selector).evaluate((el) => {
        const r = el.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
      });
    await expect.poll(() => inView('.analytics [role=alert]')).toBe(true);
    expect(errors).toEqual([]);
  });

  it('runs a console template from its own button and from Run, and never with a node its box no longer names', async () => {
    await openExplorer(page, `${server.baseUrl}/#lang=en&tab=console`);
    await page.locator('.editor-host .cm-content').waitFor({ timeout: 20_000 });
    await page.locator('#template-select option[value=technologies-for-challenge]').waitFor({ state: 'attached' });
    await page.locator('#template-select').selectOption('technologies-for-challenge');

    // Text that picks nothing: the "no matches" line does not cover the button, and Run template says what is missing.
    await typeWithoutPicking('#tpl-param-challenge', 'xyz');
    await expect.poll(() => page.locator('#tpl-param-challenge-list').textContent()).toContain('No matches');
    await page.locator('.templates button[type=submit]').click({ timeout: 5_000 });
    const notice = page.locator('[data-testid=console-notice]');
    await expect.poll(() => notice.textContent()).toBe('Pick a node for “$challenge” from its list.');
    expect(sent('/api/templates/')).toEqual([]);
    expect(sent('/api/cypher')).toEqual([]);

    // The main Run (the editor holds the template's statement) says the same rather than sending no parameter.
    await page.locator('.console > .row button.primary').click();
    await expect.poll(() => notice.textContent()).toBe('Pick a node for “$challenge” from its list.');
    expect(sent('/api/cypher')).toEqual([]);

    // A picked challenge runs from either button, and from Ctrl+Enter, with its id.
    await pickFromSearch('#tpl-param-challenge', 'Data privacy');
    await page.locator('.templates button[type=submit]').click();
    await page.locator('.results table tbody tr').first().waitFor();
    await expect(notice.count()).resolves.toBe(0);
    const firstCell = () => page.locator('.results table tbody tr td').first().textContent();
    await expect.poll(firstCell).toContain('Data privacy');
    for (const run of [() => page.locator('.console > .row button.primary').click(), () => page.keyboard.press('Control+Enter')]) {
      const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/cypher');
      await run();
      const response = await answer;
      expect(response.request().postDataJSON()).toMatchObject({ params: { challenge: 'challenge:data-privacy' } });
      expect(response.status()).toBe(200);
      await expect.poll(firstCell).toContain('Data privacy');
      await expect(page.locator('.console [role=alert]').count()).resolves.toBe(0);
      await page.locator('.editor-host .cm-content').click();
    }
    // A template's error does not stay on screen under the next template.
    await page.locator('#template-select').selectOption('most-connected');
    await page.locator('#tpl-param-kind').fill('Alien');
    await page.locator('.templates button[type=submit]').click();
    await page.locator('.console [role=alert][data-code]').waitFor();
    await page.locator('#template-select').selectOption('outlooks-for-challenge');
    await expect(page.locator('.console [role=alert]').count()).resolves.toBe(0);
    // The one failed request is the refused kind above, which the browser logs.
    expect(errors.filter((e) => !e.includes('400 (Bad Request)'))).toEqual([]);
  });

  it('counts each visible node’s degree among the relationships the filters leave', async () => {
    await openExplorer(page, `${server.baseUrl}/#lang=en&tab=table&hideTypes=MITIGATES`);
    const cell = page.locator(`table.data:not(.edges) tbody tr[data-node="${RAG}"] td.num`);
    await cell.waitFor();
    const expected = await state((g) => {
      const graph = g.__explorer!.graph;
      const hidden = g.__explorer!.store.state.filters.hiddenTypes;
      const shown = graph
        .edges()
        .filter((e) => !hidden.includes(graph.getEdgeAttributes(e).rel) && graph.extremities(e).includes('technology:rag'));
      return { shown: shown.length, all: graph.degree('technology:rag') };
    });
    expect(expected.shown).toBeLessThan(expected.all);
    await expect(cell.textContent()).resolves.toBe(String(expected.shown));

    // Ordering by Degree follows the visible counts.
    await page.locator('table.data:not(.edges) button[data-sort=degree]').click();
    const degrees = (await page.locator('table.data:not(.edges) tbody tr td.num').allTextContents()).map(Number);
    const ascending = [...degrees].sort((a, b) => a - b);
    expect([ascending, [...ascending].reverse()]).toContainEqual(degrees);
    expect(degrees).toContain(expected.shown);
    expect(errors).toEqual([]);
  });

  it('titles the page and labels its toolbar in the interface language', async () => {
    await openExplorer(page, `${server.baseUrl}/#lang=en`);
    await expect.poll(() => state((g) => g.document.title)).toBe('LLM Landscape Explorer');
    await expect(page.locator('.toolbar [role=toolbar]').getAttribute('aria-label')).resolves.toBe('Tools');
    await page.locator('[data-lang=zh]').click();
    await expect.poll(() => state((g) => g.document.title)).toBe('大模型图谱浏览器');
    await expect(page.locator('.toolbar [role=toolbar]').getAttribute('aria-label')).resolves.toBe('工具');
  });
});
