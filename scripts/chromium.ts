/**
 * scripts/chromium — Debian's Chromium, headless, as the browser tests and the client benchmark launch it.
 *
 * No GPU in the container: WebGL runs on SwiftShader. Playwright makes a fresh profile itself, and
 * nothing may reach the network or download components.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** The browser binary (Debian's `chromium` package unless CHROMIUM_PATH says otherwise). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--enable-unsafe-swiftshader',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless Chromium; `owner` names the caller in the error when the binary is missing. */
export async function launchChromium(owner: string): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${owner}: no Chromium at ${CHROMIUM} — install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS], headless: true });
}
