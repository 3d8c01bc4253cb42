/**
 * scripts/client-build — builds the client into dist/client when its sources changed.
 *
 * Shared by `npm start` and the browser tests, so both serve the same build.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './neo4j/local';

/** Newest modification time below a folder. */
function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds the client unless dist/client/index.html is newer than client/ and graph/. */
export async function ensureClientBuilt(): Promise<boolean> {
  const index = join(ROOT, 'dist', 'client', 'index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (built > Math.max(newest(join(ROOT, 'client')), newest(join(ROOT, 'graph')))) return false;
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'client', 'vite.config.ts'), logLevel: 'warn' });
  return true;
}
