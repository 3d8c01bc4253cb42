/**
 * test/e2e/browser — Chromium (Debian's, never a downloaded one) driven by
 * playwright-core, plus the waits and checks the explorer's tests share.
 *
 * WebGL runs on SwiftShader here, so tests wait on sigma's `afterRender`
 * through the page's test hook (`window.__explorer`) instead of sleeping.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchChromium } from '../../scripts/chromium';

/**
 * The parts of the page's test hook (`window.__explorer`) the tests read.
 * Structural on purpose: the client is type-checked with its own (DOM)
 * configuration, the tests with Node's.
 */
export interface Hook {
  graph: {
    order: number;
    size: number;
    hasNode(id: string): boolean;
    nodes(): string[];
    edges(): string[];
    getNodeAttribute(id: string, name: string): unknown;
    getEdgeAttributes(id: string): Record<string, unknown>;
    addEdgeWithKey(key: string, source: string, target: string, attributes: Record<string, unknown>): void;
  };
  sigma: {
    once(event: string, listener: () => void): void;
    scheduleRefresh(): void;
    getNodeDisplayData(id: string): { label: string | null; color: string; hidden?: boolean; type?: string } | undefined;
    getEdgeDisplayData(id: string): { type?: string } | undefined;
    getSetting(name: string): unknown;
    getCamera(): { ratio: number };
  } | null;
  store: {
    load(): Promise<unknown>;
    state: {
      status: string;
      layoutRunning: boolean;
      selected: string | null;
      lang: string;
      filters: { hiddenKinds: string[]; hiddenTypes: string[]; hiddenEvidence: string[] };
      path: null | { status: string; result: null | { paths: { nodes: string[] }[]; reason?: unknown } };
      details: null | { id: string; status: string; data: null | { node: { citations: { quote: string; paragraphId?: string }[] } } };
    };
  };
}

/** `globalThis` of the page, as seen from `page.evaluate` callbacks. */
export type PageGlobal = { __explorer?: Hook; location: { hash: string } };

export const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
export const ARTIFACTS = join(ROOT, 'test', 'artifacts');

/** Launches headless Chromium with the flags that work in a container without a GPU. */
export function launchBrowser(): Promise<Browser> {
  return launchChromium('e2e');
}

export { ensureClientBuilt } from '../../scripts/client-build';

/** Collects page errors so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

/** Resolves after sigma's next completed frame (a refresh is scheduled so one comes). */
export async function waitForRender(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        const sigma = (globalThis as unknown as PageGlobal).__explorer?.sigma;
        if (!sigma) throw new Error('no sigma on the test hook');
        sigma.once('afterRender', () => done());
        sigma.scheduleRefresh();
      }),
  );
}

/** Opens the explorer and waits until the graph is loaded, laid out and drawn. */
export async function openExplorer(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(
    () => {
      const hook = (globalThis as unknown as PageGlobal).__explorer;
      return hook?.store.state.status === 'ready' && !hook.store.state.layoutRunning && hook.sigma !== null;
    },
    null,
    { timeout: 60_000 },
  );
  await waitForRender(page);
}

/**
 * Counts the non-background pixels of a screenshot of the canvas, decoding
 * the PNG in the page itself (no image library needed on the Node side).
 */
export async function inkedPixels(page: Page, selector = '#graph-canvas'): Promise<{ inked: number; total: number }> {
  const png = await page.locator(selector).screenshot();
  // A string, not a function: the page has DOM types, this file does not.
  return page.evaluate(`(async (b64) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, img.width, img.height).data;
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] < 235 || data[i + 1] < 235 || data[i + 2] < 235) inked++;
    }
    return { inked, total: img.width * img.height };
  })(${JSON.stringify(png.toString('base64'))})`);
}

/** Saves a screenshot of the page into test/artifacts (git-ignored) for a human to look at. */
export async function keepScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/**
 * Types into a search box (the main search or a node picker) and picks its first suggestion with Enter,
 * once the list shows one; `expectedOption` checks that suggestion's text first.
 */
export async function pickFromSearch(page: Page, selector: string, text: string, expectedOption?: RegExp): Promise<void> {
  const input = page.locator(selector);
  await input.click();
  await input.fill(text);
  const option = page.locator(`#${(await input.getAttribute('aria-controls'))!} [role=option]`).first();
  await option.waitFor({ timeout: 10_000 });
  if (expectedOption) expect(await option.textContent()).toMatch(expectedOption);
  await input.press('Enter');
}
