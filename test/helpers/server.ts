/**
 * test/helpers/server — the real API server, in-process, on a free port of 127.0.0.1.
 */
import type { Server } from 'node:http';
import { type App, type AppOptions, createApp } from '../../server/app';
import { listen, shutdown } from '../../server/main';

export interface TestServer {
  baseUrl: string;
  app: App;
  server: Server;
  close(): Promise<void>;
}

export async function startTestServer(options: AppOptions = {}): Promise<TestServer> {
  const app = createApp({ ...options, config: { LOG_LEVEL: 'silent', ...(options.config ?? {}) } });
  const server = await listen(app, 0, '127.0.0.1');
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('test server: no port');
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    app,
    server,
    close: () => shutdown(app, server, 2000),
  };
}

/** GET/POST JSON helper that returns status, headers and parsed body. */
export async function api<T = unknown>(
  baseUrl: string,
  path: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<{ status: number; headers: Headers; body: T }> {
  const { json, ...rest } = init;
  const res = await fetch(`${baseUrl}${path}`, {
    ...rest,
    ...(json !== undefined
      ? {
          method: rest.method ?? 'POST',
          body: JSON.stringify(json),
          headers: { 'content-type': 'application/json', ...(rest.headers ?? {}) },
        }
      : {}),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: return the text
  }
  return { status: res.status, headers: res.headers, body: body as T };
}
