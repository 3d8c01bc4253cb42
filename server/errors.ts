/**
 * server/errors — the one error hierarchy of the API.
 *
 * Every failure a client can see is an AppError with a stable `code`, an HTTP
 * status and a message that names the owner and the fix. Neo4j errors are
 * mapped by their `code` (never by message text) in `fromNeo4jError`.
 */

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Seconds a client should wait before retrying (503, 429). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

export class ValidationError extends AppError {
  override name = 'ValidationError';
  constructor(message: string, details?: unknown) {
    super(400, 'VALIDATION_ERROR', message, details);
  }
}

export class ReadOnlyError extends AppError {
  override name = 'ReadOnlyError';
  constructor(message: string, details?: unknown) {
    super(400, 'READ_ONLY', message, details);
  }
}

export class CypherError extends AppError {
  override name = 'CypherError';
  constructor(message: string, details?: unknown) {
    super(400, 'CYPHER_ERROR', message, details);
  }
}

export class NotFoundError extends AppError {
  override name = 'NotFoundError';
  constructor(message: string, details?: unknown) {
    super(404, 'NOT_FOUND', message, details);
  }
}

export class UnauthorizedError extends AppError {
  override name = 'UnauthorizedError';
  constructor(message: string) {
    super(401, 'UNAUTHORIZED', message);
  }
}

export class ForbiddenError extends AppError {
  override name = 'ForbiddenError';
  constructor(message: string) {
    super(403, 'FORBIDDEN', message);
  }
}

export class ConflictError extends AppError {
  override name = 'ConflictError';
  constructor(message: string, details?: unknown) {
    super(409, 'CONFLICT', message, details);
  }
}

export class PayloadTooLargeError extends AppError {
  override name = 'PayloadTooLargeError';
  constructor(message: string) {
    super(413, 'PAYLOAD_TOO_LARGE', message);
  }
}

export class TimeoutError extends AppError {
  override name = 'TimeoutError';
  constructor(message: string, details?: unknown) {
    super(504, 'TIMEOUT', message, details);
  }
}

export class DatabaseUnavailableError extends AppError {
  override name = 'DatabaseUnavailableError';
  constructor(message: string, details?: unknown) {
    super(503, 'DATABASE_UNAVAILABLE', message, details, 5);
  }
}

export class TransientDatabaseError extends AppError {
  override name = 'TransientDatabaseError';
  constructor(message: string, details?: unknown) {
    super(503, 'DATABASE_BUSY', message, details, 1);
  }
}

interface Neo4jLikeError {
  code?: string;
  message?: string;
  gqlStatus?: string;
}

/**
 * Codes the driver uses for a server it cannot reach or a session it lost.
 * ProtocolError is the driver's verdict on a connection that broke mid-exchange
 * — seen when Neo4j stops while a write is in flight — so it is an outage too.
 */
const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired', 'ProtocolError', 'ECONNREFUSED', 'ECONNRESET']);

/** A query that ran past its transaction timeout: the caller can narrow it. */
const TIMED_OUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
]);

/**
 * A transaction the server stopped for a reason of its own. Neo4j reports a
 * termination as ClientError (so drivers do not retry it) or TransientError
 * depending on where it caught the transaction; a read in flight while the
 * database shuts down ends as `Neo.ClientError.Transaction.LockClientStopped`.
 * Neither is the user's mistake, and a retry is the remedy: 503, not 500.
 */
const TERMINATED_CODES = new Set([
  'Neo.ClientError.Transaction.LockClientStopped',
  'Neo.TransientError.Transaction.LockClientStopped',
  'Neo.ClientError.Transaction.Terminated',
  'Neo.TransientError.Transaction.Terminated',
]);

/**
 * Maps a Neo4j driver error to an AppError by its code. `owner` names the caller
 * in messages. `elapsed` (how long the transaction ran, and its limit) tells a
 * termination by the transaction timeout from one by a stopping server.
 */
export function fromNeo4jError(err: unknown, owner: string, elapsed?: { ms: number; timeoutMs: number }): AppError {
  if (err instanceof AppError) return err;
  const e = err as Neo4jLikeError;
  const code = e?.code ?? '';
  const firstLine = (e?.message ?? '').split('\n')[0]?.slice(0, 500) ?? '';
  if (UNAVAILABLE_CODES.has(code) || code.startsWith('Neo.TransientError.General.DatabaseUnavailable')) {
    return new DatabaseUnavailableError(
      `${owner}: the Neo4j database is unavailable — retry in a few seconds; if it persists, check that Neo4j is running where NEO4J_URI points (npm run neo4j:status shows the local instance).`,
      { neo4jCode: code },
    );
  }
  if (TIMED_OUT_CODES.has(code) || (TERMINATED_CODES.has(code) && elapsed && elapsed.ms >= elapsed.timeoutMs)) {
    return new TimeoutError(
      `${owner}: the query ran longer than its time limit and was stopped — narrow it (add a LIMIT, bound variable-length patterns) and try again.`,
      { neo4jCode: code },
    );
  }
  if (TERMINATED_CODES.has(code)) {
    return new TransientDatabaseError(
      `${owner}: the database ended the query before it finished (it is shutting down or restarting, or an operator terminated the transaction) — retry the request.`,
      { neo4jCode: code },
    );
  }
  if (code === 'Neo.ClientError.Statement.AccessMode' || code === 'Neo.ClientError.Transaction.ForbiddenDueToTransactionType') {
    return new ReadOnlyError(
      `${owner}: this query would write to the database, and only reads are allowed here — remove the write clauses.`,
      { neo4jCode: code },
    );
  }
  if (code.startsWith('Neo.ClientError.Statement.')) {
    return new CypherError(`${owner}: Neo4j rejected the query: ${firstLine}`, { neo4jCode: code });
  }
  if (code.startsWith('Neo.ClientError.Security.')) {
    if (code === 'Neo.ClientError.Security.Unauthorized' || code === 'Neo.ClientError.Security.AuthenticationRateLimit') {
      return new DatabaseUnavailableError(`${owner}: the server could not log in to Neo4j — check NEO4J_USER and NEO4J_PASSWORD.`, {
        neo4jCode: code,
      });
    }
    return new ReadOnlyError(`${owner}: that operation is not permitted here.`, { neo4jCode: code });
  }
  if (code.startsWith('Neo.ClientError.Procedure.')) {
    return new CypherError(`${owner}: the procedure call failed: ${firstLine}`, { neo4jCode: code });
  }
  if (code.startsWith('Neo.TransientError.')) {
    return new TransientDatabaseError(`${owner}: the database is busy (${code}) — retry the request.`, { neo4jCode: code });
  }
  if (code.startsWith('Neo.ClientError.Schema.ConstraintValidationFailed')) {
    return new ConflictError(`${owner}: that would duplicate an existing id.`, { neo4jCode: code });
  }
  return new AppError(500, 'INTERNAL', `${owner}: an unexpected database error occurred.`, code ? { neo4jCode: code } : undefined);
}
