#!/usr/bin/env node
/**
 * scripts/run.mjs — the entry point behind every npm script.
 *
 * Plain JavaScript on purpose: it must run on a fresh clone before
 * node_modules exists, install the dependencies when they are missing or
 * stale, and only then hand over to the TypeScript CLI (scripts/cli.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(
    `run: Node ${process.versions.node} is too old — this project needs Node 20.19 or newer (vite 8 and eslint 9 require it). Install a newer Node and run the command again.`,
  );
  process.exit(1);
}

function dependenciesStale() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (!existsSync(marker)) return true;
  if (!existsSync(join(root, 'node_modules', '.bin', 'tsx'))) return true;
  return existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000;
}

if (dependenciesStale()) {
  const useCi = existsSync(join(root, 'package-lock.json'));
  console.log(`run: installing dependencies (npm ${useCi ? 'ci' : 'install'}) …`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, [useCi ? 'ci' : 'install', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    console.error(
      'run: installing the npm dependencies failed (see the npm output above). Check that the npm registry is reachable, then run the command again.',
    );
    process.exit(r.status ?? 1);
  }
}

// The CLI owns shutdown: forward signals to it and exit with its status.
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const child = spawn(tsx, [join(root, 'scripts', 'cli.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
