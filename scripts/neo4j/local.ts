/**
 * scripts/neo4j/local — a managed, local Neo4j 5.26 Community server without Docker.
 *
 * The server's jars come from Maven Central through the machine's `mvn`
 * (there is no tarball there), and the JVM is started directly on
 * `org.neo4j.server.CommunityEntryPoint`, the class Neo4j's own launcher runs.
 * Everything lives under the git-ignored `.neo4j/` folder:
 *
 *   .neo4j/dist/<version>/lib/*.jar      the distribution, downloaded once
 *   .neo4j/<instance>/{conf,data,logs}   one folder per instance (dev, test, …)
 *   .neo4j/<instance>/neo4j.pid          the process we started
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j from 'neo4j-driver';
import lockfile from 'proper-lockfile';

export const NEO4J_VERSION = '5.26.30';
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BASE = join(ROOT, '.neo4j');

/** A failure with a one-paragraph message that names the cause and the fix. */
export class Neo4jSetupError extends Error {
  override name = 'Neo4jSetupError';
}

/** The server's process ended while a start waited for it to answer. */
export class Neo4jExitedError extends Neo4jSetupError {
  override name = 'Neo4jExitedError';
}

export interface InstanceOptions {
  /** Folder name under .neo4j/ — `dev` for npm start, `test` for npm test. */
  name: string;
  boltPort: number;
  password: string;
  heap?: string;
  pageCache?: string;
}

export interface RunningInstance {
  name: string;
  uri: string;
  user: string;
  password: string;
  pid: number;
  /** False when the server was already running and we only attached to it. */
  started: boolean;
}

const log = (msg: string) => process.stderr.write(`neo4j: ${msg}\n`);

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Finds a Java that Neo4j 5.26 supports (17 or 21). JAVA_HOME wins when it
 * qualifies; a newer JDK (e.g. Temurin 25) is passed over on purpose, since
 * 5.26 refuses to run on it.
 */
export function findJava(): string {
  const candidates: string[] = [];
  if (process.env.NEO4J_JAVA) candidates.push(process.env.NEO4J_JAVA);
  if (process.env.JAVA_HOME) candidates.push(join(process.env.JAVA_HOME, 'bin', 'java'));
  for (const dir of ['/usr/lib/jvm']) {
    if (!existsSync(dir)) continue;
    for (const jdk of readdirSync(dir).sort()) {
      if (/(^|-)(17|21)(-|\.|$)/.test(jdk)) candidates.push(join(dir, jdk, 'bin', 'java'));
    }
  }
  candidates.push('java');
  const seen: string[] = [];
  for (const java of candidates) {
    const r = spawnSync(java, ['-version'], { encoding: 'utf8' });
    if (r.error) continue; // not installed at that path
    // `java -version` prints on stderr: openjdk version "17.0.15" …
    const major = Number(/version "(\d+)/.exec(`${r.stderr}${r.stdout}`)?.[1] ?? 0);
    seen.push(`${java} (${major || 'unknown'})`);
    if (major === 17 || major === 21) return java;
  }
  throw new Neo4jSetupError(
    `Java 17 or 21 was not found (Neo4j 5.26 runs on those only; found: ${seen.join(', ') || 'none'}). ` +
      `Install it (Debian: apt-get install openjdk-17-jre-headless) or point NEO4J_JAVA at a java 17/21 binary, then run the command again.`,
  );
}

function distDir(version = NEO4J_VERSION) {
  return join(BASE, 'dist', version);
}

/**
 * Downloads Neo4j's runtime jars from Maven Central once; a second call
 * returns at once. The marker file is written only after a complete copy.
 */
export function ensureDistribution(version = NEO4J_VERSION): string {
  const dir = distDir(version);
  const lib = join(dir, 'lib');
  const marker = join(dir, '.complete');
  if (existsSync(marker)) return lib;
  try {
    execFileSync('mvn', ['-v'], { stdio: 'ignore' });
  } catch {
    throw new Neo4jSetupError(
      'Maven (mvn) was not found: the local Neo4j server is assembled from Maven Central with it. ' +
        'Install it (Debian: apt-get install maven), or set NEO4J_URI to a Neo4j server you already run, then run the command again.',
    );
  }
  mkdirSync(dir, { recursive: true });
  rmSync(lib, { recursive: true, force: true });
  writeFileSync(
    join(dir, 'pom.xml'),
    `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.neo4j</groupId><artifactId>neo4j-distribution</artifactId><version>${version}</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.neo4j</groupId><artifactId>neo4j</artifactId><version>${version}</version></dependency>
  </dependencies>
</project>
`,
  );
  log(`downloading Neo4j ${version} from Maven Central (once; about 125 MB) …`);
  try {
    execFileSync('mvn', ['-B', '-q', 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${lib}`], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    const tail = `${err.stdout ?? ''}\n${err.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new Neo4jSetupError(
      `Downloading Neo4j ${version} with mvn failed. Check that Maven Central is reachable (a proxy in ~/.m2/settings.xml if you need one), then run the command again. Maven said:\n${tail}`,
    );
  }
  const jars = existsSync(lib) ? readdirSync(lib).filter((f) => f.endsWith('.jar')) : [];
  if (!jars.some((j) => j.startsWith(`neo4j-${version}`))) {
    throw new Neo4jSetupError(
      `The Neo4j ${version} download in ${lib} is incomplete (no neo4j-${version}.jar). Delete ${dir} and run the command again.`,
    );
  }
  writeFileSync(marker, `${new Date().toISOString()} ${jars.length} jars\n`);
  return lib;
}

/** The folder an instance lives in (its conf, data, logs and pid file): `.neo4j/<name>`. */
export function instanceDir(name: string) {
  return join(BASE, name);
}

function pidFile(name: string) {
  return join(instanceDir(name), 'neo4j.pid');
}

/** Whether a process exists (one owned by another user counts). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(name: string): number | null {
  const f = pidFile(name);
  if (!existsSync(f)) return null;
  const pid = Number(readFileSync(f, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((res) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      res(true);
    });
    socket.once('error', () => res(false));
    socket.setTimeout(1000, () => {
      socket.destroy();
      res(false);
    });
  });
}

function logTail(name: string, lines = 25): string {
  const f = join(instanceDir(name), 'logs', 'console.log');
  if (!existsSync(f)) return '(no log yet)';
  return readFileSync(f, 'utf8').trim().split('\n').slice(-lines).join('\n');
}

function writeConfig(opts: InstanceOptions) {
  const home = instanceDir(opts.name);
  for (const d of ['conf', 'data', 'logs', 'plugins', 'import', 'run']) mkdirSync(join(home, d), { recursive: true });
  // Only loopback, no HTTP (Bolt is all the project uses), no usage reports.
  const conf = `# Written by scripts/neo4j/local.ts on every start; edit that file, not this one.
server.default_listen_address=127.0.0.1
server.default_advertised_address=127.0.0.1
server.bolt.enabled=true
server.bolt.listen_address=127.0.0.1:${opts.boltPort}
server.bolt.advertised_address=127.0.0.1:${opts.boltPort}
server.http.enabled=false
server.https.enabled=false
server.memory.heap.initial_size=${opts.heap ?? '512m'}
server.memory.heap.max_size=${opts.heap ?? '512m'}
server.memory.pagecache.size=${opts.pageCache ?? '256m'}
dbms.usage_report.enabled=false
dbms.security.auth_enabled=true
db.transaction.timeout=60s
# Bolt waits 5 s for its connections and 5 s for its threads on every stop, 10 s in all even when idle; the
# clients here have closed by then (npm start stops Neo4j after its server has), so 1 s each is enough.
# Internal settings of the pinned 5.26: strict validation refuses the file if a version drops them.
internal.server.bolt.connection_shutdown_wait_time=1s
internal.server.bolt.thread_pool_shutdown_wait_time=1s
server.directories.data=${join(home, 'data')}
server.directories.logs=${join(home, 'logs')}
server.directories.plugins=${join(home, 'plugins')}
server.directories.import=${join(home, 'import')}
server.directories.run=${join(home, 'run')}
`;
  writeFileSync(join(home, 'conf', 'neo4j.conf'), conf);
}

/** The JVM flags Neo4j's own launcher passes (neo4j.conf's server.jvm.additional defaults). */
function jvmArgs(opts: InstanceOptions): string[] {
  return [
    `-Xms${opts.heap ?? '512m'}`,
    `-Xmx${opts.heap ?? '512m'}`,
    '-XX:+UseG1GC',
    '-XX:-OmitStackTraceInFastThrow',
    '-XX:+UnlockExperimentalVMOptions',
    '-XX:+TrustFinalNonStaticFields',
    '-XX:+DisableExplicitGC',
    '-Djdk.nio.maxCachedBufferSize=1024',
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-Djdk.tls.ephemeralDHKeySize=2048',
    '-Djdk.tls.rejectClientInitiatedRenegotiation=true',
    '-Dlog4j2.disable.jmx=true',
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.io=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '--add-opens=java.base/java.lang=ALL-UNNAMED',
    '--add-opens=java.base/java.util=ALL-UNNAMED',
    '--add-opens=java.base/java.util.concurrent=ALL-UNNAMED',
    '--add-opens=java.base/java.net=ALL-UNNAMED',
    '--add-opens=java.base/sun.net.dns=ALL-UNNAMED',
    '--enable-native-access=ALL-UNNAMED',
  ];
}

async function boltAnswers(uri: string, user: string, password: string, timeoutMs = 3000): Promise<string | null> {
  const driver = neo4j.driver(uri, neo4j.auth.basic(user, password), {
    connectionTimeout: timeoutMs,
    maxConnectionPoolSize: 1,
    logging: { level: 'error', logger: () => {} },
  });
  try {
    const session = driver.session();
    try {
      const r = await session.run('RETURN 1 AS one');
      if (r.records[0]?.get('one').toNumber?.() !== 1 && r.records[0]?.get('one') !== 1) return null;
      const info = await driver.getServerInfo();
      return info.agent ?? 'Neo4j';
    } finally {
      await session.close();
    }
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (code.startsWith('Neo.ClientError.Security')) {
      throw new Neo4jSetupError(
        `The Neo4j server on ${uri} rejected the credentials (${code}). The local instance keeps the password it was created with: use the same NEO4J_PASSWORD, or delete .neo4j/<instance>/data to start afresh.`,
      );
    }
    return null;
  } finally {
    await driver.close();
  }
}

/**
 * Starts the instance, or attaches to it when it is already running (a second
 * `npm start` or a test run beside a dev server). Resolves once Bolt answers
 * `RETURN 1`; rejects with the cause, the fix and the log tail otherwise.
 */
export async function startInstance(opts: InstanceOptions, timeoutMs = 180_000): Promise<RunningInstance> {
  if (!Number.isInteger(opts.boltPort) || opts.boltPort < 1 || opts.boltPort > 65535) {
    throw new Neo4jSetupError(
      `The Bolt port of the local Neo4j instance "${opts.name}" is not a port number (${String(opts.boltPort)}). ` +
        `Set NEO4J_BOLT_PORT (npm start) or NEO4J_TEST_BOLT_PORT (npm test) to a number from 1 to 65535, or leave it unset for the default.`,
    );
  }
  // Two commands started together (npm start and npm run seed in two terminals) would otherwise both find no
  // pid file and both launch a server on the same store; the second start waits and then finds the first.
  return withStartLock(opts.name, timeoutMs, () => startUnlocked(opts, timeoutMs));
}

/**
 * Runs `work` holding the instance's start lock (proper-lockfile: a directory created atomically at
 * `.neo4j/<name>/run/start.lock`, its time refreshed while held, taken over once stale after a crash).
 */
async function withStartLock<T>(name: string, timeoutMs: number, work: () => Promise<T>): Promise<T> {
  const home = instanceDir(name);
  mkdirSync(join(home, 'run'), { recursive: true });
  const waitS = Math.max(1, Math.ceil(timeoutMs / 1000));
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(home, {
      lockfilePath: join(home, 'run', 'start.lock'),
      stale: 10_000,
      retries: { retries: waitS * 2, factor: 1, minTimeout: 500, maxTimeout: 500 },
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw e;
    throw new Neo4jSetupError(
      `The local Neo4j instance "${name}" has been starting in another command for over ${waitS} s. ` +
        `Wait for that command to finish, or stop it and run this one again.`,
    );
  }
  try {
    return await work();
  } finally {
    await release();
  }
}

async function startUnlocked(opts: InstanceOptions, timeoutMs: number): Promise<RunningInstance> {
  const uri = `bolt://127.0.0.1:${opts.boltPort}`;
  const user = 'neo4j';
  const existing = readPid(opts.name);
  if (existing !== null) {
    if (isAlive(existing)) {
      try {
        const agent = await waitForBolt(uri, user, opts.password, existing, opts.name, timeoutMs);
        log(`instance "${opts.name}" already running (pid ${existing}, ${agent}) on ${uri}`);
        return { name: opts.name, uri, user, password: opts.password, pid: existing, started: false };
      } catch (err) {
        // A server still shutting down (npm run neo4j:stop in another terminal, a Ctrl-C a moment ago) is alive
        // but will not answer; once it has exited, this start launches a new one instead of failing.
        if (!(err instanceof Neo4jExitedError)) throw err;
        log(`instance "${opts.name}" (pid ${existing}) was stopping and has exited; starting it again`);
      }
    } else {
      log(`removing a stale pid file of instance "${opts.name}" (pid ${existing} is not running)`);
      rmSync(pidFile(opts.name), { force: true });
    }
  }
  if (await portInUse(opts.boltPort)) {
    throw new Neo4jSetupError(
      `Port ${opts.boltPort} on 127.0.0.1 is already in use by another program, so the local Neo4j instance "${opts.name}" cannot listen there. ` +
        `Stop that program, or choose another port (NEO4J_BOLT_PORT for npm start, NEO4J_TEST_BOLT_PORT for npm test), then run the command again.`,
    );
  }
  const java = findJava();
  const lib = ensureDistribution();
  writeConfig(opts);
  const home = instanceDir(opts.name);
  const authIni = join(home, 'data', 'dbms', 'auth.ini');
  const hasDatabase = existsSync(join(home, 'data', 'databases', 'system'));
  if (!existsSync(authIni) && !hasDatabase) {
    // set-initial-password only takes effect before the very first start.
    try {
      execFileSync(java, ['-cp', `${lib}/*`, 'org.neo4j.cli.AdminTool', 'dbms', 'set-initial-password', opts.password], {
        env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: join(home, 'conf') },
        stdio: ['ignore', 'pipe', 'pipe'],
        encoding: 'utf8',
      });
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string };
      throw new Neo4jSetupError(
        `Setting the initial Neo4j password failed (it must have at least 8 characters). Output:\n${err.stdout ?? ''}${err.stderr ?? ''}`,
      );
    }
  }
  const out = openSync(join(home, 'logs', 'console.log'), 'a');
  const child = spawn(
    java,
    [
      ...jvmArgs(opts),
      '-cp',
      `${lib}/*`,
      'org.neo4j.server.CommunityEntryPoint',
      `--home-dir=${home}`,
      `--config-dir=${join(home, 'conf')}`,
      '--console-mode',
    ],
    { cwd: home, detached: true, stdio: ['ignore', out, out], env: { ...process.env, NEO4J_HOME: home } },
  );
  closeSync(out);
  child.unref();
  if (!child.pid) throw new Neo4jSetupError(`Starting ${java} failed: no process was created.`);
  writeFileSync(pidFile(opts.name), `${child.pid}\n`);
  log(`starting instance "${opts.name}" (pid ${child.pid}) on ${uri} …`);
  const agent = await waitForBolt(uri, user, opts.password, child.pid, opts.name, timeoutMs);
  log(`instance "${opts.name}" ready: ${agent} on ${uri}`);
  return { name: opts.name, uri, user, password: opts.password, pid: child.pid, started: true };
}

async function waitForBolt(uri: string, user: string, password: string, pid: number, name: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) {
      rmSync(pidFile(name), { force: true });
      throw new Neo4jExitedError(
        `The Neo4j server (instance "${name}") exited during start. Read its log in .neo4j/${name}/logs/; a common cause is a database created by another Neo4j version or a damaged store (delete .neo4j/${name}/data to start afresh). Last lines of the log:\n${logTail(name)}`,
      );
    }
    const agent = await boltAnswers(uri, user, password);
    if (agent) return agent;
    await sleep(500);
  }
  throw new Neo4jSetupError(
    `The Neo4j server (instance "${name}", pid ${pid}) did not answer on ${uri} within ${Math.round(timeoutMs / 1000)} s. It is left running for inspection; stop it with npm run neo4j:stop. Last lines of the log:\n${logTail(name)}`,
  );
}

/** Stops the instance with SIGTERM (Neo4j shuts down cleanly on it), SIGKILL after the grace period. */
/** The managed instance npm start, npm run seed and npm run ingest use unless NEO4J_URI names another server. */
export const DEV_INSTANCE: InstanceOptions = {
  name: 'dev',
  boltPort: Number(process.env.NEO4J_BOLT_PORT ?? 7687),
  password: process.env.NEO4J_PASSWORD ?? 'local-dev-password',
};

/**
 * Points this process at the managed dev instance (started when needed) unless
 * NEO4J_URI is set. `started` says whether this call started it, so the caller
 * knows whether to stop it on exit; `managed`, whether the instance is the local one at all.
 */
export async function useDevInstance(): Promise<{ started: boolean; managed: boolean }> {
  if (process.env.NEO4J_URI) return { started: false, managed: false };
  const inst = await startInstance(DEV_INSTANCE);
  process.env.NEO4J_URI = inst.uri;
  process.env.NEO4J_USER = inst.user;
  process.env.NEO4J_PASSWORD = inst.password;
  return { started: inst.started, managed: true };
}

export async function stopInstance(name: string, graceMs = 60_000): Promise<boolean> {
  const pid = readPid(name);
  if (pid === null || !isAlive(pid)) {
    rmSync(pidFile(name), { force: true });
    return false;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && isAlive(pid)) await sleep(200);
  if (isAlive(pid)) {
    log(`instance "${name}" did not stop within ${graceMs / 1000} s; killing pid ${pid}`);
    process.kill(pid, 'SIGKILL');
    while (isAlive(pid)) await sleep(100);
  }
  rmSync(pidFile(name), { force: true });
  log(`instance "${name}" stopped`);
  return true;
}

export function instanceStatus(name: string): { running: boolean; pid: number | null } {
  const pid = readPid(name);
  return { running: pid !== null && isAlive(pid), pid };
}

/** The pid of the instance, for tests that stop and restart it. */
export function instancePid(name: string): number | null {
  return readPid(name);
}
