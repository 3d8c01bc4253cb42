/**
 * The managed local Neo4j: reuse of the download, attaching to a running
 * instance, two starts at once, a start while the server is still shutting
 * down, a port already taken, a stale pid file, and a stop that leaves no
 * process behind. Uses an instance of its own, never
 * the suite's.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, Neo4jSetupError, ensureDistribution, instanceStatus, isAlive, startInstance, stopInstance } from '../../scripts/neo4j/local';

const NAME = 'provision-test';
const PORT = Number(process.env.NEO4J_PROVISION_TEST_PORT ?? 7695);
const opts = { name: NAME, boltPort: PORT, password: 'local-provision-password' };

/** Neo4j servers running on this instance's folder, found by their command line. */
function serversOf(name: string): number[] {
  const flag = `--home-dir=${join(ROOT, '.neo4j', name)}`;
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(flag)) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

afterAll(async () => {
  await stopInstance(NAME);
});

describe('managed Neo4j', () => {
  it('reuses the downloaded distribution on a second call', () => {
    const started = performance.now();
    const lib = ensureDistribution();
    expect(performance.now() - started).toBeLessThan(500);
    expect(existsSync(join(lib, 'neo4j-5.26.30.jar'))).toBe(true);
  });

  it('starts, is detected as running on a second start, and stops without leaving a process', async () => {
    const first = await startInstance(opts);
    expect(first.started).toBe(true);
    expect(isAlive(first.pid)).toBe(true);
    const t = performance.now();
    const second = await startInstance(opts);
    expect(second.started).toBe(false);
    expect(second.pid).toBe(first.pid);
    expect(performance.now() - t).toBeLessThan(5000);
    expect(await stopInstance(NAME)).toBe(true);
    expect(isAlive(first.pid)).toBe(false);
    expect(instanceStatus(NAME).running).toBe(false);
    // Bolt's own waits on a stop are 1 s each (its defaults, 5 s each, made every stop take over 10 s):
    // the gap Neo4j logs between starting and finishing the Bolt shutdown.
    const log = readFileSync(join(ROOT, '.neo4j', NAME, 'logs', 'debug.log'), 'utf8').split('\n');
    const at = (text: string) =>
      Date.parse(
        log
          .findLast((l) => l.includes(text))!
          .slice(0, 23)
          .replace(' ', 'T') + 'Z',
      );
    const boltShutdownMs = at('Bolt server has been shut down') - at('Shutting down Bolt server');
    expect(boltShutdownMs).toBeGreaterThanOrEqual(0);
    expect(boltShutdownMs).toBeLessThan(4000);
  }, 240_000);

  it('starts one server when two commands start the instance at once', async () => {
    // Without the start lock both calls found no pid file and each launched a JVM on the same store.
    const [a, b] = await Promise.all([startInstance(opts), startInstance(opts)]);
    expect([a.started, b.started].sort()).toEqual([false, true]);
    expect(a.pid).toBe(b.pid);
    expect(serversOf(NAME)).toEqual([a.pid]);
    expect(existsSync(join(ROOT, '.neo4j', NAME, 'run', 'start.lock'))).toBe(false);
    expect(await stopInstance(NAME)).toBe(true);
    expect(serversOf(NAME)).toEqual([]);
  }, 240_000);

  it('starts afresh when the server it finds is still shutting down', async () => {
    const first = await startInstance(opts);
    expect(first.started).toBe(true);
    process.kill(first.pid, 'SIGTERM');
    // Neo4j closes Bolt first and takes seconds more to exit: start while it is on its way out. (If it is
    // gone before the port closes, this start takes the stale-pid path instead, and the checks still hold.)
    while (isAlive(first.pid) && (await portOpen(PORT))) await new Promise((r) => setTimeout(r, 50));
    const stillStopping = isAlive(first.pid);
    const again = await startInstance(opts);
    expect(again.started).toBe(true);
    expect(again.pid).not.toBe(first.pid);
    expect(isAlive(first.pid)).toBe(false);
    expect(serversOf(NAME)).toEqual([again.pid]);
    expect(await stopInstance(NAME)).toBe(true);
    // Record which path ran, so a change in Neo4j's shutdown that skips the window shows in the output.
    console.log(`provisioning: the second start found the first server ${stillStopping ? 'still stopping' : 'already gone'}`);
  }, 240_000);

  it('reports a port already in use, naming the port and the fix', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(PORT + 100, '127.0.0.1', () => r()));
    try {
      const err = await startInstance({ ...opts, name: `${NAME}-port`, boltPort: PORT + 100 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Neo4jSetupError);
      expect((err as Error).message).toMatch(new RegExp(`Port ${PORT + 100} .*already in use`));
      expect((err as Error).message).toMatch(/NEO4J_BOLT_PORT/);
    } finally {
      blocker.close();
    }
  });

  it('removes a stale pid file left by a crash and starts afresh', async () => {
    const dir = join(ROOT, '.neo4j', NAME);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'neo4j.pid'), '999999\n');
    const inst = await startInstance(opts);
    expect(inst.started).toBe(true);
    expect(inst.pid).not.toBe(999999);
    await stopInstance(NAME);
    expect(isAlive(inst.pid)).toBe(false);
  }, 240_000);
});
