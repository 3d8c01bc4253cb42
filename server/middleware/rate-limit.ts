/**
 * server/middleware/rate-limit — per-client limits on the console and on writes, answered in the API's error format.
 */
import rateLimit from 'express-rate-limit';
import type { Config } from '../config';
import { AppError } from '../errors';

/** A limiter of RATE_LIMIT_PER_MINUTE requests a minute; `what` names the owner in the 429 message. */
export function rateLimited(config: Config, what: string) {
  return rateLimit({
    windowMs: 60_000,
    limit: config.RATE_LIMIT_PER_MINUTE,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, _res, next) =>
      next(
        new AppError(
          429,
          'RATE_LIMITED',
          `${what}: too many requests — at most ${config.RATE_LIMIT_PER_MINUTE} a minute; wait and retry.`,
          undefined,
          60,
        ),
      ),
  });
}
