/**
 * bench/api/server-process — the API server alone in its own process, so its memory can be read by itself.
 *
 * Started by bench/api/server.ts with an IPC channel: prints nothing, sends
 * `{ type: 'listening', port }` once bound, answers `{ type: 'mem', gc }`
 * with process.memoryUsage() (after a full GC when asked and --expose-gc is
 * set) and stops cleanly on `{ type: 'stop' }`.
 */
import { createApp } from '../../server/app';
import { listen, shutdown } from '../../server/main';

const app = createApp({
  config: {
    NEO4J_URI: process.env.BENCH_NEO4J_URI ?? `bolt://127.0.0.1:${process.env.BENCH_BOLT_PORT ?? 7690}`,
    NEO4J_USER: process.env.BENCH_NEO4J_USER ?? 'neo4j',
    NEO4J_PASSWORD: process.env.BENCH_NEO4J_PASSWORD ?? '',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: 1_000_000,
  },
});
const server = await listen(app, 0, '127.0.0.1');
const address = server.address();
const port = typeof address === 'object' && address ? address.port : 0;

type Message = { type: 'mem'; gc?: boolean } | { type: 'stop' };

process.on('message', (msg: Message) => {
  if (msg.type === 'mem') {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (msg.gc && gc) {
      gc();
      gc();
    }
    process.send?.({ type: 'mem', usage: process.memoryUsage() });
  } else if (msg.type === 'stop') {
    void shutdown(app, server, 2000).then(() => process.exit(0));
  }
});
process.on('disconnect', () => void shutdown(app, server, 1000).then(() => process.exit(0)));
process.send?.({ type: 'listening', port });
