/**
 * server/middleware/auth — the API key that guards writes.
 *
 * No key configured means writes are disabled, not open. The comparison is
 * constant-time over SHA-256 digests, so neither timing nor length leaks.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { AppError, ForbiddenError, UnauthorizedError } from '../errors';

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

export function keyMatches(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

export function requireApiKey(apiKey: string | undefined): RequestHandler {
  return (req, _res, next) => {
    if (!apiKey) {
      next(
        new AppError(403, 'WRITES_DISABLED', 'auth: writes are disabled on this server — set API_KEY in its environment to enable them.'),
      );
      return;
    }
    const header = req.get('x-api-key') ?? req.get('authorization')?.replace(/^Bearer\s+/i, '');
    if (!header) {
      next(new UnauthorizedError('auth: this endpoint writes and needs the API key — send it in the X-API-Key header.'));
      return;
    }
    if (!keyMatches(header, apiKey)) {
      next(new ForbiddenError('auth: the API key is wrong — use the key configured as API_KEY on the server.'));
      return;
    }
    next();
  };
}
