/**
 * scripts/cli — the commands behind the npm scripts (reached through scripts/run.mjs,
 * which installs the dependencies first).
 *
 *   start         local Neo4j (unless NEO4J_URI is set) → schema + seed if empty → client build → server
 *   dev           the same with the client served by Vite in watch mode
 *   test          typecheck → lint → vitest (which provisions its own Neo4j instance)
 *   seed          load the curated dataset (`-- --reset` replaces it)
 *   neo4j:start | neo4j:stop | neo4j:status
 *   bench | soak | ingest   see bench/ and graph/ingest
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { StartupError, loadConfig } from '../server/config';
import { AppError } from '../server/errors';
import { ensureClientBuilt } from './client-build';
import { DEV_INSTANCE, ROOT, Neo4jSetupError, instanceStatus, startInstance, stopInstance, useDevInstance } from './neo4j/local';

const [command = 'start', ...args] = process.argv.slice(2);

/** The managed instance for `npm start`; tests use their own (see test/setup). */
function run(cmd: string, argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { cwd: ROOT, stdio: 'inherit', env });
    const forward = (sig: NodeJS.Signals) => child.kill(sig);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);

async function seed(reset: boolean, ifEmpty: boolean) {
  const { seedDatabase } = await import('../server/seed');
  const summary = await seedDatabase({ reset, ifEmpty });
  console.log(`seed: ${summary}`);
}

async function main(): Promise<number> {
  switch (command) {
    case 'start':
    case 'dev': {
      // A variable to fix, or a port taken, stops the start before Neo4j does: nothing starts for nothing.
      const config = loadConfig();
      const { checkPort, main: serve } = await import('../server/main');
      await checkPort(config.PORT, config.HOST);
      const { started, managed } = await useDevInstance();
      // What this run started, it stops: on Ctrl-C, and when the start fails after Neo4j is up.
      const stopOwn = async () => {
        if (started) await stopInstance(DEV_INSTANCE.name);
      };
      try {
        await seed(false, true);
        if (command === 'start' && (await ensureClientBuilt())) console.log('build: client built into dist/client');
        await serve({
          onClosed: async () => {
            await stopOwn();
            // Started before this run (npm run seed, neo4j:start, another terminal): not this run's to stop.
            if (!started && managed)
              console.log(
                `neo4j: instance "${DEV_INSTANCE.name}" was running before this start and is left running; npm run neo4j:stop stops it`,
              );
          },
          devClient: command === 'dev',
        });
      } catch (err) {
        await stopOwn();
        throw err;
      }
      return -1; // keep running; the server exits the process on shutdown
    }
    case 'test': {
      console.log('test: typecheck …');
      if ((await run('npm', ['run', '--silent', 'typecheck'])) !== 0) return 1;
      console.log('test: lint …');
      if ((await run('npm', ['run', '--silent', 'lint'])) !== 0) return 1;
      return run(bin('vitest'), ['run', ...args]);
    }
    case 'seed': {
      await useDevInstance();
      await seed(args.includes('--reset'), false);
      return 0;
    }
    case 'neo4j:start': {
      const inst = await startInstance(DEV_INSTANCE);
      console.log(`neo4j: ${inst.uri} (user ${inst.user}, pid ${inst.pid})`);
      return 0;
    }
    case 'neo4j:stop': {
      const stopped = await stopInstance(args[0] ?? DEV_INSTANCE.name);
      if (!stopped) console.log('neo4j: not running');
      return 0;
    }
    case 'neo4j:status': {
      for (const name of ['dev', 'test']) {
        const s = instanceStatus(name);
        console.log(`neo4j: ${name}: ${s.running ? `running (pid ${s.pid})` : 'stopped'}`);
      }
      return 0;
    }
    case 'bench':
    case 'soak':
    case 'ingest': {
      const script = { bench: 'bench/run.ts', soak: 'bench/soak.ts', ingest: 'server/ingest-cli.ts' }[command];
      if (!existsSync(join(ROOT, script))) {
        console.error(`${command}: ${script} does not exist yet in this checkout.`);
        return 1;
      }
      // The bench measures the explorer's build against a bare sigma page; without a current build it could
      // only measure the bare page.
      if (command === 'bench' && !args.includes('--skip-client') && !args.includes('--help') && (await ensureClientBuilt())) {
        console.log('build: client built into dist/client');
      }
      return run(bin('tsx'), [join(ROOT, script), ...args]);
    }
    default:
      console.error(
        `cli: unknown command "${command}" — use one of start, dev, test, seed, neo4j:start, neo4j:stop, neo4j:status, bench, soak, ingest.`,
      );
      return 2;
  }
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    // What the user has to fix is said alone (an AppError names its owner and the fix: Neo4j unreachable, a
    // login refused); anything else keeps its stack.
    if (err instanceof Neo4jSetupError || err instanceof StartupError || err instanceof AppError) console.error(`\n${err.message}\n`);
    else console.error(err);
    process.exit(1);
  },
);
