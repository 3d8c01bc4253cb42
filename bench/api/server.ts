/**
 * bench/api/server — starts bench/api/server-process.ts as a child (node + tsx, the way npm start runs the
 * server) and reads its memory: RSS from /proc, heap figures over IPC.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { rssMiB } from '../lib/system';

export interface MemorySample {
  rssMiB: number;
  heapUsedMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
}

export class ServerProcess {
  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.child.pid!;
  }

  static start(neo4j: { uri: string; user: string; password: string }): Promise<ServerProcess> {
    const script = fileURLToPath(new URL('./server-process.ts', import.meta.url));
    const child = fork(script, [], {
      execArgv: ['--import', 'tsx', '--expose-gc'],
      env: { ...process.env, BENCH_NEO4J_URI: neo4j.uri, BENCH_NEO4J_USER: neo4j.user, BENCH_NEO4J_PASSWORD: neo4j.password },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('bench: the API server did not start within 60 s')), 60_000);
      child.once('exit', (code) => reject(new Error(`bench: the API server exited during start (code ${code})`)));
      child.on('message', (msg: { type: string; port?: number }) => {
        if (msg.type === 'listening') {
          clearTimeout(timer);
          child.removeAllListeners('exit');
          resolve(new ServerProcess(child, msg.port!));
        }
      });
    });
  }

  /**
   * Resident memory (VmRSS) and V8 heap of the server process; `gc` runs a full collection first and reads
   * RSS once it has settled: V8 hands the pages a collection freed back to the system from a background
   * thread, and RSS read at the collection's reply still held up to 32 MiB of them (100k store, polled every
   * 250 ms: the drop came within the first poll, then RSS stayed flat to the 0.1 MiB).
   */
  memory(gc = false): Promise<MemorySample> {
    return new Promise((resolve) => {
      const onMessage = async (msg: { type: string; usage?: NodeJS.MemoryUsage }) => {
        if (msg.type !== 'mem' || !msg.usage) return;
        this.child.off('message', onMessage);
        const mib = (b: number) => Math.round((b / 2 ** 20) * 10) / 10;
        resolve({
          rssMiB: gc ? await settledRss(this.pid) : rssMiB(this.pid),
          heapUsedMiB: mib(msg.usage.heapUsed),
          heapTotalMiB: mib(msg.usage.heapTotal),
          externalMiB: mib(msg.usage.external),
        });
      };
      this.child.on('message', onMessage);
      this.child.send({ type: 'mem', gc });
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.send({ type: 'stop' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

/** RSS once two reads 250 ms apart agree within 0.5 MiB (at most 5 s). */
async function settledRss(pid: number): Promise<number> {
  let last = rssMiB(pid);
  for (let waited = 0; waited < 5000; waited += 250) {
    await new Promise((r) => setTimeout(r, 250));
    const now = rssMiB(pid);
    if (Math.abs(now - last) < 0.5) return now;
    last = now;
  }
  return last;
}
