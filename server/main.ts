/**
 * server/main — listen, and shut down cleanly.
 *
 * The server starts even when Neo4j is down (health says so, requests get
 * 503 with Retry-After) and serves as soon as it is up: the driver
 * reconnects by itself. On SIGTERM/SIGINT: stop accepting, let in-flight
 * requests finish, close the driver, exit 0 — within 10 s.
 */
import { type Server, createServer } from 'node:http';
import { type App, createApp } from './app';
import { StartupError } from './config';

export interface MainOptions {
  onClosed?: () => Promise<void>;
  /** Serve the client through Vite's dev server (npm run dev). */
  devClient?: boolean;
}

/** What a failed bind tells the user: a port or host they have to change names itself and the fix. */
function bindError(err: NodeJS.ErrnoException, port: number, host: string): Error {
  switch (err.code) {
    case 'EADDRINUSE':
      return new StartupError(`server: port ${port} on ${host} is already in use — stop the other program or set PORT to a free port.`);
    case 'EACCES':
      return new StartupError(`server: this user may not listen on port ${port} — set PORT to one above 1023.`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new StartupError(
        `server: HOST "${host}" is not an address of this machine — set HOST to 127.0.0.1 (this machine only) or 0.0.0.0 (every interface).`,
      );
    default:
      return err;
  }
}

/** Starts listening; resolves with the server once it is bound. */
export function listen(app: App, port = app.config.PORT, host = app.config.HOST): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.app.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', (err: NodeJS.ErrnoException) => reject(bindError(err, port, host)));
  });
}

/**
 * Binds the port for a moment and lets it go, so `npm start` says a port is taken before it starts Neo4j
 * and builds the client for nothing. The real bind can still lose a race; `listen` reports that the same way.
 */
export function checkPort(port: number, host: string): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => reject(bindError(err, port, host)));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** Graceful stop: refuse new requests, finish in-flight ones, close the driver. */
export async function shutdown(app: App, server: Server, graceMs = 8000): Promise<void> {
  app.beginShutdown();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // A keep-alive connection goes idle when its last in-flight request is answered; close it then, rather than
  // waiting for the client to (a browser keeps one open for minutes, past the grace period).
  server.closeIdleConnections();
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  const timer = setTimeout(() => server.closeAllConnections(), graceMs);
  await closed;
  clearInterval(idle);
  clearTimeout(timer);
  await app.close();
}

export async function main(opts: MainOptions = {}): Promise<void> {
  const app = createApp();
  const { logger, config } = app;
  try {
    await app.db.verify();
    const info = await app.db.info();
    logger.info({ neo4j: info.version, uri: config.NEO4J_URI }, 'connected to Neo4j');
  } catch (err) {
    logger.warn({ code: (err as { code?: string }).code }, 'Neo4j is not reachable yet; serving with 503s until it is');
  }
  if (opts.devClient) {
    const { createServer: createViteServer } = await import('vite');
    const vite = await createViteServer({ configFile: 'client/vite.config.ts', server: { middlewareMode: true } });
    app.app.use(vite.middlewares);
  }
  let server: Server;
  try {
    server = await listen(app);
  } catch (err) {
    await app.close();
    throw err;
  }
  // The console's worker thread loads in the background rather than on the first query.
  app.db.startIsolated();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const shown = config.HOST === '127.0.0.1' || config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  console.log(`\n  LLM landscape explorer: http://${shown}:${port}\n`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const started = Date.now();
    const hard = setTimeout(() => process.exit(1), 10_000);
    hard.unref();
    try {
      await shutdown(app, server);
      logger.info({ ms: Date.now() - started }, 'stopped: in-flight requests finished, Neo4j driver closed');
      // The 10 s bound is the server's own. What follows (npm start stopping its Neo4j, a few seconds, bounded by
      // stopInstance's own grace) must not be cut off by it: it was, leaving the exit code 1, no word of the stop
      // and a stale pid file.
      clearTimeout(hard);
      await opts.onClosed?.();
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

// Run directly (node/tsx server/main.ts) as well as through scripts/cli.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
