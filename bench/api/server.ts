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

  /** Resident memory (VmRSS) and V8 heap of the server process; `gc` runs a full collection first. */
  memory(gc = false): Promise<MemorySample> {
    return new Promise((resolve) => {
      const onMessage = (msg: { type: string; usage?: NodeJS.MemoryUsage }) => {
        if (msg.type !== 'mem' || !msg.usage) return;
        this.child.off('message', onMessage);
        const mib = (b: number) => Math.round((b / 2 ** 20) * 10) / 10;
        resolve({
          rssMiB: rssMiB(this.pid),
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
