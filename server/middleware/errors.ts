/**
 * server/middleware/errors — the one error middleware: every failure becomes `{error:{code,message,details}}`.
 *
 * AppErrors carry their own status; body-parser's errors (bad JSON, too
 * large) are client mistakes and become 400/413; anything else is logged
 * with its stack and answered with a 500 that reveals nothing.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError, NotFoundError } from '../errors';

interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
  limit?: number;
}

function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  const e = err as BodyParserError;
  if (e?.type === 'entity.parse.failed')
    return new AppError(
      400,
      'INVALID_JSON',
      'body: the request body is not valid JSON — send a JSON object with Content-Type: application/json.',
    );
  if (e?.type === 'entity.too.large')
    return new AppError(
      413,
      'PAYLOAD_TOO_LARGE',
      `body: the request body is larger than the ${e.limit ? `${Math.round(e.limit / 1024)} kB` : ''} limit — send less data per request.`,
    );
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported')
    return new AppError(415, 'UNSUPPORTED_ENCODING', 'body: unsupported content encoding or charset — send UTF-8 JSON.');
  if (e?.type === 'request.aborted') return new AppError(400, 'REQUEST_ABORTED', 'body: the request was aborted by the client.');
  // The router's own decoding of a path parameter (`/api/nodes/%`): a URIError marked 400, without `expose`.
  if (err instanceof URIError && e.status === 400)
    return new AppError(
      400,
      'BAD_REQUEST',
      'request: a part of the URL path is not valid percent-encoding — encode it with encodeURIComponent.',
    );
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && e.expose)
    return new AppError(e.status, 'BAD_REQUEST', 'request: the request could not be read — check its headers and body.');
  return null;
}

export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    void _next;
    const appError = toAppError(err);
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    if (appError) {
      if (appError.status >= 500) logger.warn({ code: appError.code, path: req.path, details: appError.details }, appError.message);
      if (appError.retryAfter) res.setHeader('Retry-After', String(appError.retryAfter));
      res.status(appError.status).json({
        error: {
          code: appError.code,
          message: appError.message,
          ...(appError.details !== undefined ? { details: appError.details } : {}),
        },
      });
      return;
    }
    logger.error({ err, path: req.path }, 'unhandled error');
    res.status(500).json({ error: { code: 'INTERNAL', message: 'server: an unexpected error occurred; it has been logged.' } });
  };
}

export const notFoundApi: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`api: no endpoint ${req.method} ${req.path} — see /api/openapi.json for the list.`));
};
