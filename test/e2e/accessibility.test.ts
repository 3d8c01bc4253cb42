/**
 * test/e2e/accessibility — axe-core (the rules of WCAG 2.x and its best practices) over the explorer as
 * an analyst meets it: every panel in both languages with a node selected, paths found with their notes
 * open, the source reader, the add-document dialog, the search list, the export menu and the drawer of
 * a narrow screen. Any violation fails, with the rule, the elements and axe's summary.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import { ensureClientBuilt, launchBrowser, openExplorer } from './browser';

const FL = 'technology:federated-learning';
const ENERGY = 'challenge:energy-consumption';
const TABS = ['details', 'paths', 'analytics', 'documents', 'views', 'filters', 'table', 'console'] as const;

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

/** axe's violations on the page as it is, one line per element: rule, impact, element, what fails. */
async function violations(): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} [${v.impact ?? ''}] ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`),
  );
}

beforeAll(async () => {
  await ensureClientBuilt();
  server = await startTestServer();
  browser = await launchBrowser();
  // axe opens a page of its own in the context to gather frames' results, so the page gets a context.
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('accessibility (axe-core)', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`finds nothing in any panel, in ${lang === 'zh' ? 'Chinese' : 'English'}`, async () => {
      const found: string[] = [];
      await openExplorer(page, `${server.baseUrl}/#lang=${lang}&tab=details&sel=${FL}`);
      for (const tab of TABS) {
        await page.locator(`#tab-${tab}`).click();
        await page.locator(`#panel-${tab}`).waitFor();
        if (tab === 'console') await page.locator('#panel-console .cm-editor').waitFor();
        if (tab === 'table') await page.locator('#panel-table table').first().waitFor();
        for (const v of await violations()) found.push(`${tab}: ${v}`);
      }
      expect(found).toEqual([]);
    });
  }

  it('finds nothing in found paths with a note editor open, the source reader, the document dialog, the search list or the export menu', async () => {
    const found: string[] = [];
    await openExplorer(page, `${server.baseUrl}/#lang=en&tab=paths&from=${FL}&to=${ENERGY}&mode=k&k=3&hops=6`);
    await page.locator('.path-list > li').first().waitFor();
    await page.locator('.path-note summary').first().click();
    for (const v of await violations()) found.push(`paths: ${v}`);

    await page.locator('#tab-documents').click();
    await page.locator('li[data-source] button[aria-expanded]').first().click();
    await page.locator('[data-testid=source-reader] p').first().waitFor();
    for (const v of await violations()) found.push(`reader: ${v}`);

    await page.locator('#tab-documents').click();
    await page.locator('#add-document').click();
    await page.locator('.doc-dialog').waitFor();
    for (const v of await violations()) found.push(`dialog: ${v}`);
    await page.keyboard.press('Escape');
    await page.locator('.doc-dialog').waitFor({ state: 'hidden' });

    await page.locator('#search').fill('rag');
    await page
      .locator(`#${(await page.locator('#search').getAttribute('aria-controls'))!} [role=option]`)
      .first()
      .waitFor();
    for (const v of await violations()) found.push(`search: ${v}`);
    await page.keyboard.press('Escape');

    await page.locator('#export-button').click();
    await page.locator('.menu-list').waitFor();
    for (const v of await violations()) found.push(`export menu: ${v}`);
    await page.keyboard.press('Escape');
    expect(found).toEqual([]);
  });

  it('finds nothing on a narrow screen, drawer closed or open', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const found: string[] = [];
    await openExplorer(page, `${server.baseUrl}/#lang=zh&tab=details&sel=${FL}`);
    for (const v of await violations()) found.push(`closed: ${v}`);
    await page.locator('.drawer-toggle').click();
    await page.locator('#side-panel.open').waitFor();
    for (const v of await violations()) found.push(`open: ${v}`);
    expect(found).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
