/**
 * server/app — builds the Express application (no listening here; see server/main).
 *
 * Tests call createApp() and listen on port 0; `npm start` goes through
 * server/main, which adds signals and graceful shutdown.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { type DestinationStream, pino, type Logger } from 'pino';
import { type Config, loadConfig } from './config';
import { type CypherRegistry, loadCypherRegistry } from './db/cypher';
import { Database } from './db/database';
import { AppError } from './errors';
import { errorMiddleware, notFoundApi } from './middleware/errors';
import { requestLog } from './middleware/request-log';
import { createApiRouter } from './routes/api';
import { type Services, createServices } from './services';

export const CLIENT_DIR = resolve(fileURLToPath(import.meta.url), '..', '..', 'dist', 'client');

export interface AppOptions {
  config?: Partial<Config>;
  /** Share a driver (tests); otherwise the app creates and owns one. */
  db?: Database;
  logger?: Logger;
  /** Folder of the built client; none is served when it does not exist. */
  clientDir?: string;
}

export interface App {
  app: Express;
  config: Config;
  db: Database;
  services: Services;
  cypher: CypherRegistry;
  logger: Logger;
  /** Stops answering new requests with anything but 503 (used during shutdown). */
  beginShutdown(): void;
  /** Closes the driver when the app owns it. */
  close(): Promise<void>;
}

/** `destination` (stdout when omitted) lets a test read what the server logs. */
export function createLogger(level: Config['LOG_LEVEL'], destination?: DestinationStream): Logger {
  // Structured JSON logs; credentials and keys are redacted wherever they appear.
  const options = {
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie', '*.password', '*.NEO4J_PASSWORD', '*.API_KEY'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

export function createApp(options: AppOptions = {}): App {
  const config = loadConfig(process.env, options.config ?? {});
  // Fail fast: a missing statement file stops the server here, not on the first request.
  const cypher = loadCypherRegistry();
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const ownsDb = !options.db;
  const db = options.db ?? new Database(config);
  const services = createServices(db, cypher, config);
  let shuttingDown = false;

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'simple');
  app.use(requestLog(logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          // ForceAtlas2's worker and image export use blob: URLs.
          'worker-src': ["'self'", 'blob:'],
          'img-src': ["'self'", 'data:', 'blob:'],
          'style-src': ["'self'", "'unsafe-inline'"],
          'connect-src': ["'self'"],
          'font-src': ["'self'", 'data:'],
          'object-src': ["'none'"],
          'frame-ancestors': ["'none'"],
          // Served over plain HTTP on a workstation or LAN more often than not.
          'upgrade-insecure-requests': null,
        },
      },
      strictTransportSecurity: false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  const origins = config.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  if (origins.length > 0) {
    app.use('/api', (req, res, next) => {
      const origin = req.get('origin');
      if (origin && origins.includes(origin)) {
        res.setHeader('Access-Control-Allow-Origin', origin);
        res.setHeader('Vary', 'Origin');
        res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-API-Key, Authorization');
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE');
        if (req.method === 'OPTIONS') {
          res.status(204).end();
          return;
        }
      }
      next();
    });
  }
  app.use((_req, res, next) => {
    if (shuttingDown) {
      res.setHeader('Connection', 'close');
      next(new AppError(503, 'SHUTTING_DOWN', 'server: shutting down — retry in a moment.', undefined, 5));
      return;
    }
    next();
  });
  app.use('/api', express.json({ limit: '1mb', strict: true, type: ['application/json', 'application/*+json'] }));
  const { router } = createApiRouter(services, config);
  app.use('/api', router);
  app.use('/api', notFoundApi);

  const clientDir = options.clientDir ?? CLIENT_DIR;
  if (existsSync(join(clientDir, 'index.html'))) {
    app.use(
      express.static(clientDir, {
        index: 'index.html',
        maxAge: '1h',
        setHeaders: (res, path) => path.endsWith('index.html') && res.setHeader('Cache-Control', 'no-cache'),
      }),
    );
    // Deep links: any non-API GET answers with the client, which reads the URL itself.
    app.get(/^\/(?!api\/).*/, (_req, res) => res.sendFile(join(clientDir, 'index.html')));
  } else {
    app.get('/', (_req, res) => {
      res.type('text/plain').send('The client is not built yet: run npm run build (npm start does it), then reload.');
    });
  }
  app.use(errorMiddleware(logger));

  return {
    app,
    config,
    db,
    services,
    cypher,
    logger,
    beginShutdown: () => {
      shuttingDown = true;
    },
    close: async () => {
      if (ownsDb) await db.close();
    },
  };
}
