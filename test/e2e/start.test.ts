/**
 * `npm start` and the Neo4j it manages (scripts/cli start): a variable to fix or a taken port is said at once,
 * on its own, before Neo4j starts; a start that fails after Neo4j started stops that Neo4j again, so no Java
 * is left running; a Neo4j running before the start is left running on Ctrl-C, with a line saying so. In the
 * e2e project because a start builds the client, as the browser tests do, and two builds of dist/client must
 * not run at once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { type Server, createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, instanceStatus, isAlive, startInstance, stopInstance } from '../../scripts/neo4j/local';

const held: Server[] = [];
afterEach(async () => {
  await Promise.all(held.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A port bound here, so the start finds it taken. */
function holdPort(port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      held.push(server);
      resolve((server.address() as { port: number }).port);
    });
  });
}

async function freePort(): Promise<number> {
  const port = await holdPort();
  await new Promise((r) => held.pop()!.close(r));
  return port;
}

/**
 * Runs `scripts/cli.ts start` as `npm start` does, against the managed dev instance on a free Bolt port (the
 * test instance's variables removed), and resolves with its exit code and everything it printed.
 */
async function start(
  env: Record<string, string>,
  onOutput?: (all: string, proc: ChildProcess) => void,
): Promise<{ code: number | null; out: string }> {
  const base = { ...process.env };
  for (const name of ['NEO4J_URI', 'NEO4J_USER', 'NEO4J_PASSWORD', 'API_KEY', 'PORT']) delete base[name];
  const proc = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'scripts', 'cli.ts'), 'start'], {
    cwd: ROOT,
    env: { ...base, HOST: '127.0.0.1', LOG_LEVEL: 'info', NEO4J_BOLT_PORT: String(await freePort()), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const take = (chunk: Buffer) => {
    out += chunk.toString('utf8');
    onOutput?.(out, proc);
  };
  proc.stdout.on('data', take);
  proc.stderr.on('data', take);
  const code = await new Promise<number | null>((resolve) => proc.once('exit', (c) => resolve(c)));
  return { code, out };
}

const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;

describe('npm start and the Neo4j it manages', () => {
  it('names an invalid variable and its fix, alone, without starting Neo4j', async () => {
    const before = instanceStatus('dev');
    const t0 = Date.now();
    const { code, out } = await start({ PORT: String(await freePort()), API_KEY: 'too-short' });
    expect(code).toBe(1);
    expect(out).toContain('config: invalid environment — fix these variables (see .env.example):');
    expect(out).toContain('API_KEY: API_KEY must have at least 16 characters');
    expect(out).not.toMatch(STACK_LINE);
    // Neo4j was not touched: the local instance's lines never appear and its state is what it was.
    expect(out).not.toContain('neo4j:');
    expect(instanceStatus('dev')).toEqual(before);
    expect(Date.now() - t0).toBeLessThan(30_000);
  });

  it('says a port is taken before it starts Neo4j or builds anything', async () => {
    const before = instanceStatus('dev');
    const port = await holdPort();
    const { code, out } = await start({ PORT: String(port) });
    expect(code).toBe(1);
    expect(out).toContain(`server: port ${port} on 127.0.0.1 is already in use — stop the other program or set PORT to a free port.`);
    expect(out).not.toMatch(STACK_LINE);
    expect(out).not.toContain('neo4j:');
    expect(out).not.toContain('seed:');
    expect(instanceStatus('dev')).toEqual(before);
  });

  it('says a HOST that is not this machine’s, before it starts Neo4j', async () => {
    const before = instanceStatus('dev');
    // 203.0.113.0/24 is kept for documentation: no machine has it.
    const { code, out } = await start({ PORT: String(await freePort()), HOST: '203.0.113.7' });
    expect(code).toBe(1);
    expect(out).toContain('server: HOST "203.0.113.7" is not an address of this machine — set HOST to 127.0.0.1');
    expect(out).not.toMatch(STACK_LINE);
    expect(out).not.toContain('neo4j:');
    expect(instanceStatus('dev')).toEqual(before);
  });

  it('says a Bolt port that is not a number, before it starts Neo4j', async () => {
    const before = instanceStatus('dev');
    const { code, out } = await start({ PORT: String(await freePort()), NEO4J_BOLT_PORT: '76a87' });
    expect(code).toBe(1);
    expect(out).toContain('The Bolt port of the local Neo4j instance "dev" is not a port number (NaN). Set NEO4J_BOLT_PORT (npm start)');
    expect(out).not.toMatch(STACK_LINE);
    expect(instanceStatus('dev')).toEqual(before);
  });

  it('says a Neo4j it cannot reach at NEO4J_URI, on its own', async () => {
    const t0 = Date.now();
    const { code, out } = await start({ PORT: String(await freePort()), NEO4J_URI: `bolt://127.0.0.1:${await freePort()}` });
    expect(code).toBe(1);
    expect(out).toContain(
      'the Neo4j database is unavailable — retry in a few seconds; if it persists, check that Neo4j is running where NEO4J_URI points',
    );
    expect(out).not.toMatch(STACK_LINE);
    // An address of its own: the local instance is not started (its lines start with "neo4j: ").
    expect(out).not.toMatch(/^neo4j: /m);
    expect(Date.now() - t0).toBeLessThan(30_000);
  });

  it('stops the Neo4j it started when the start fails after it (the port taken while it seeded)', async (ctx) => {
    // A dev instance already running is not this start's to stop, so the case cannot be told apart.
    if (instanceStatus('dev').running) ctx.skip();
    const port = await freePort();
    let neo4jPid: number | null = null;
    let taking: Promise<number> | undefined;
    const { code, out } = await start({ PORT: String(port) }, (all) => {
      // The seed runs once Neo4j answers, and the server binds its port after it: take the port in between.
      if (!taking && all.includes('\nseed: ')) {
        neo4jPid = instanceStatus('dev').pid;
        taking = holdPort(port);
      }
    });
    await taking;
    expect(out, out).toMatch(/neo4j: starting instance "dev" \(pid \d+\)/);
    expect(neo4jPid, 'the dev instance was running while the start seeded').not.toBeNull();
    expect(code).toBe(1);
    expect(out).toContain(`server: port ${port} on 127.0.0.1 is already in use`);
    expect(out).not.toMatch(STACK_LINE);
    expect(out).toContain('neo4j: instance "dev" stopped');
    expect(instanceStatus('dev').running).toBe(false);
    expect(isAlive(neo4jPid!)).toBe(false);
  }, 300_000);

  it('stops the Neo4j it started on Ctrl-C, waits for it and says so', async (ctx) => {
    if (instanceStatus('dev').running) ctx.skip();
    let interrupted = false;
    let neo4jPid: number | null = null;
    const { code, out } = await start({ PORT: String(await freePort()) }, (all, proc) => {
      if (!interrupted && all.includes('LLM landscape explorer: http://')) {
        interrupted = true;
        neo4jPid = instanceStatus('dev').pid;
        proc.kill('SIGINT');
      }
    });
    expect(out, out).toMatch(/neo4j: starting instance "dev" \(pid \d+\)/);
    expect(neo4jPid).not.toBeNull();
    // Neo4j takes about 10 s to stop on its own; the start waits for it rather than exiting under it.
    expect(out).toContain('neo4j: instance "dev" stopped');
    expect(code).toBe(0);
    expect(isAlive(neo4jPid!)).toBe(false);
    expect(instanceStatus('dev')).toEqual({ running: false, pid: null });
  }, 300_000);

  it('leaves a Neo4j it did not start running on Ctrl-C, and says so', async (ctx) => {
    if (instanceStatus('dev').running) ctx.skip();
    const bolt = await freePort();
    // As `npm run seed` or `npm run neo4j:start` would have left it (the password `npm start` uses).
    const inst = await startInstance({ name: 'dev', boltPort: bolt, password: 'local-dev-password' });
    try {
      let interrupted = false;
      const { code, out } = await start({ PORT: String(await freePort()), NEO4J_BOLT_PORT: String(bolt) }, (all, proc) => {
        if (!interrupted && all.includes('LLM landscape explorer: http://')) {
          interrupted = true;
          proc.kill('SIGINT');
        }
      });
      expect(out, out).toContain(`neo4j: instance "dev" already running (pid ${inst.pid}`);
      expect(code).toBe(0);
      expect(out).toContain('neo4j: instance "dev" was running before this start and is left running; npm run neo4j:stop stops it');
      expect(out).not.toContain('neo4j: instance "dev" stopped');
      expect(instanceStatus('dev')).toEqual({ running: true, pid: inst.pid });
    } finally {
      await stopInstance('dev');
    }
  }, 300_000);
});
