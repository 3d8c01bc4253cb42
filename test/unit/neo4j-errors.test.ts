/**
 * fromNeo4jError: every Neo4j code a request can meet maps to the status a
 * client can act on — an outage or a stopped transaction is a 503 with
 * Retry-After, a timeout a 504, a bad statement a 400; never a 500 for either.
 */
import { describe, expect, it } from 'vitest';
import { fromNeo4jError } from '../../server/errors';

const map = (code: string, elapsed?: { ms: number; timeoutMs: number }) => fromNeo4jError({ code, message: 'm' }, 'owner', elapsed);

describe('fromNeo4jError', () => {
  it('maps an unreachable server to 503 DATABASE_UNAVAILABLE with Retry-After', () => {
    for (const code of ['ServiceUnavailable', 'SessionExpired', 'ProtocolError', 'Neo.TransientError.General.DatabaseUnavailable']) {
      const e = map(code);
      expect([e.status, e.code, e.retryAfter], code).toEqual([503, 'DATABASE_UNAVAILABLE', 5]);
    }
  });

  it('maps a transaction the server stopped (shutdown, operator) to 503 DATABASE_BUSY that says to retry', () => {
    for (const code of [
      'Neo.ClientError.Transaction.LockClientStopped',
      'Neo.TransientError.Transaction.LockClientStopped',
      'Neo.ClientError.Transaction.Terminated',
      'Neo.TransientError.Transaction.Terminated',
    ]) {
      const e = map(code, { ms: 120, timeoutMs: 5000 });
      expect([e.status, e.code], code).toEqual([503, 'DATABASE_BUSY']);
      expect(e.retryAfter).toBeGreaterThan(0);
      expect(e.message).toMatch(/^owner: .*retry/);
      expect(e.details).toEqual({ neo4jCode: code });
    }
  });

  it('maps a termination that came when the time limit ran out to 504 TIMEOUT, like a timed-out transaction', () => {
    expect(map('Neo.ClientError.Transaction.LockClientStopped', { ms: 5003, timeoutMs: 5000 }).status).toBe(504);
    expect(map('Neo.ClientError.Transaction.Terminated', { ms: 5000, timeoutMs: 5000 }).code).toBe('TIMEOUT');
    expect(map('Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration').code).toBe('TIMEOUT');
    expect(map('Neo.ClientError.Transaction.TransactionTimedOut').message).toMatch(/narrow it/);
  });

  it('keeps statement, access-mode and constraint errors as the 4xx a user can fix', () => {
    expect([map('Neo.ClientError.Statement.SyntaxError').status, map('Neo.ClientError.Statement.SyntaxError').code]).toEqual([
      400,
      'CYPHER_ERROR',
    ]);
    expect(map('Neo.ClientError.Statement.AccessMode').code).toBe('READ_ONLY');
    expect(map('Neo.ClientError.Schema.ConstraintValidationFailed').status).toBe(409);
  });

  it('answers 500 only for a code it does not know, and names it', () => {
    const e = map('Neo.DatabaseError.General.UnknownError');
    expect([e.status, e.details]).toEqual([500, { neo4jCode: 'Neo.DatabaseError.General.UnknownError' }]);
  });
});
