/**
 * server/db/database — the one Neo4j driver of the process and its units of work.
 *
 * Only repositories call `read`/`write`. Each call opens a session, runs one
 * managed transaction (`executeRead`/`executeWrite`, retried by the driver on
 * transient errors), closes the session in `finally`, and returns plain
 * objects: Neo4j integers, temporals and graph values are converted here.
 * The console's statements of unknown size run through `readIsolated`, on a
 * second driver in a worker thread (db/isolated-reader).
 */
import neo4j, {
  type Driver,
  type ManagedTransaction,
  type QueryResult,
  type RecordShape,
  isInt,
  isDate,
  isDateTime,
  isLocalDateTime,
  isLocalTime,
  isTime,
  isDuration,
  isNode,
  isRelationship,
  isPath,
  isPoint,
} from 'neo4j-driver';
import type { Config } from '../config';
import { type AppError, fromNeo4jError } from '../errors';
import { IsolatedReader, type IsolatedRows } from './isolated-reader';

export interface TxOptions {
  /** Transaction timeout in ms, enforced by the server. */
  timeoutMs?: number;
  /** Name of the caller, used in error messages. */
  owner: string;
}

export interface DatabaseInfo {
  version: string;
  edition: string;
}

interface DurationParts {
  months: unknown;
  days: unknown;
  seconds: unknown;
  nanoseconds: unknown;
}

/**
 * A duration in ISO 8601 as Neo4j writes it (P1Y2M, P1D, PT1M30.5S, PT0S). The driver's own toString writes
 * a time designator with nothing after it when a duration has no time part (P1DT, P1Y2MT), which no ISO
 * reader accepts.
 */
export function isoDuration(d: DurationParts): string {
  const months = Number(d.months);
  const days = Number(d.days);
  // The driver keeps nanoseconds in [0, 1e9) and the sign in seconds.
  const total = BigInt(String(d.seconds)) * 1_000_000_000n + BigInt(String(d.nanoseconds));
  const sign = total < 0n ? '-' : '';
  const abs = total < 0n ? -total : total;
  const hours = abs / 3_600_000_000_000n;
  const minutes = (abs / 60_000_000_000n) % 60n;
  const nanos = abs % 60_000_000_000n;
  const whole = nanos / 1_000_000_000n;
  const fraction = (nanos % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  const years = Math.trunc(months / 12);
  const date = `${years ? `${years}Y` : ''}${months % 12 ? `${months % 12}M` : ''}${days ? `${days}D` : ''}`;
  const time =
    `${hours ? `${sign}${hours}H` : ''}${minutes ? `${sign}${minutes}M` : ''}` +
    (nanos ? `${sign}${whole}${fraction ? `.${fraction}` : ''}S` : '');
  if (!date && !time) return 'PT0S';
  return `P${date}${time ? `T${time}` : ''}`;
}

/**
 * Converts driver values into plain JSON-safe values.
 *
 * Every row of every answer passes through here, so the common shapes come
 * first: scalars, lists and the maps the driver unpacks (plain objects) are
 * decided by `typeof` and the prototype; the driver's own type tests (a
 * property lookup each, ten of them) run only for its class instances. A
 * profile of the API under search load had the old order (type tests first)
 * at about a tenth of the process's CPU.
 */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(toPlain);
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return plainMap(value as Record<string, unknown>);
  if (isInt(value)) {
    const n = value as unknown as { toNumber(): number; inSafeRange(): boolean; toString(): string };
    return n.inSafeRange() ? n.toNumber() : n.toString();
  }
  if (isDuration(value)) return isoDuration(value as unknown as DurationParts);
  if (isDate(value) || isDateTime(value) || isLocalDateTime(value) || isLocalTime(value) || isTime(value)) return String(value);
  if (isPoint(value)) {
    const p = value as unknown as { srid: unknown; x: number; y: number; z?: number };
    return { srid: toPlain(p.srid), x: p.x, y: p.y, ...(p.z !== undefined ? { z: p.z } : {}) };
  }
  if (isNode(value)) {
    const n = value as unknown as { elementId: string; labels: string[]; properties: Record<string, unknown> };
    return { __node: true, elementId: n.elementId, labels: n.labels, properties: toPlain(n.properties) };
  }
  if (isRelationship(value)) {
    const r = value as unknown as {
      elementId: string;
      type: string;
      startNodeElementId: string;
      endNodeElementId: string;
      properties: Record<string, unknown>;
    };
    return {
      __relationship: true,
      elementId: r.elementId,
      type: r.type,
      start: r.startNodeElementId,
      end: r.endNodeElementId,
      properties: toPlain(r.properties),
    };
  }
  if (isPath(value)) {
    const p = value as unknown as { start: unknown; segments: { start: unknown; relationship: unknown; end: unknown }[] };
    return {
      __path: true,
      start: toPlain(p.start),
      segments: p.segments.map((s) => ({ start: toPlain(s.start), relationship: toPlain(s.relationship), end: toPlain(s.end) })),
    };
  }
  return plainMap(value as Record<string, unknown>);
}

function plainMap(map: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(map)) setKey(out, k, toPlain(map[k]));
  return out;
}

/** A key named __proto__ (a console row or a parameter can hold one) would set the copy's prototype and vanish. */
function setKey(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/**
 * Whole numbers become Neo4j integers (as Neo4j Browser does): the driver
 * would otherwise send every JS number as a float, and `LIMIT 10.0` fails.
 */
export function toNeo4jParams(value: unknown): unknown {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? neo4j.int(value) : value;
  if (Array.isArray(value)) return value.map(toNeo4jParams);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) setKey(out, k, toNeo4jParams(v));
    return out;
  }
  return value;
}

/**
 * The transaction repositories see: its `run` converts parameters with
 * toNeo4jParams, and starts its statement with no stack trace to capture: the driver
 * records one for every statement, only to put it on an error it may report
 * later, and under the source maps `npm start` runs with, reading a stack
 * costs about 70 µs. A profile of the API under neighbourhood load put the
 * captures at about a tenth of the process's CPU. Nothing is lost that a
 * reader needs: a failed statement becomes an AppError naming its owner
 * (`failed` below), whose own stack is taken as usual. The limit is restored
 * before `run` returns, so no other code sees it.
 */
function repositoryTransaction(tx: ManagedTransaction): ManagedTransaction {
  return new Proxy(tx, {
    get(target, prop) {
      if (prop === 'run') {
        return (query: string, params?: Record<string, unknown>) => {
          const converted = toNeo4jParams(params ?? {}) as Record<string, unknown>;
          const limit = Error.stackTraceLimit;
          Error.stackTraceLimit = 0;
          try {
            return target.run(query, converted);
          } finally {
            Error.stackTraceLimit = limit;
          }
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export function recordsToObjects<T>(result: QueryResult<RecordShape>): T[] {
  return result.records.map((r) => ownedToPlain(r.toObject()) as T);
}

/**
 * toPlain for values nothing else holds (a result's rows, read once): the driver's lists and maps are
 * converted where they are instead of copied. A 500-node graph view is some 20,000 values, and every
 * copy left its original behind as garbage. Driver class instances (integers, temporals, graph values)
 * still become new plain values.
 */
function ownedToPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (v === undefined || (typeof v === 'object' && v !== null)) value[i] = ownedToPlain(v);
    }
    return value;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return toPlain(value);
  const map = value as Record<string, unknown>;
  for (const k of Object.keys(map)) {
    const v = map[k];
    // Keys were defined by the driver (a "__proto__" key is an own property); assignment keeps them so.
    if (v === undefined || (typeof v === 'object' && v !== null)) map[k] = ownedToPlain(v);
  }
  return map;
}

/**
 * Once Neo4j was found unavailable, new units of work fail at once for this
 * long instead of each waiting on a dead or stopping server (a stopping one
 * holds a new transaction ~5 s before refusing it; an endpoint that runs
 * several queries would wait that long for each). Recovery is noticed by the
 * first unit after the hold.
 */
export const UNAVAILABLE_HOLD_MS = 2000;

export class Database {
  readonly driver: Driver;
  private closed = false;
  private isolated: IsolatedReader | null = null;
  private unavailable: { until: number; code: string } | null = null;

  constructor(
    private readonly config: Pick<Config, 'NEO4J_URI' | 'NEO4J_USER' | 'NEO4J_PASSWORD' | 'NEO4J_DATABASE' | 'QUERY_TIMEOUT_MS'>,
  ) {
    this.driver = neo4j.driver(config.NEO4J_URI, neo4j.auth.basic(config.NEO4J_USER, config.NEO4J_PASSWORD), {
      // Fail fast when the server is gone: a request should get a 503, not hang.
      connectionTimeout: 3000,
      connectionAcquisitionTimeout: 5000,
      // The driver retries transient failures with backoff (1 s, 2 s, 4 s …) while this window lasts; with 3 s a
      // request to a stopped Neo4j took up to 7 s to fail, past the query timeout. 1 s bounds it near 3 s.
      maxTransactionRetryTime: 1000,
      maxConnectionPoolSize: 50,
      disableLosslessIntegers: false,
      logging: { level: 'error', logger: () => {} },
    });
  }

  get database(): string {
    return this.config.NEO4J_DATABASE;
  }

  /** Runs `work` in a managed read transaction. */
  async read<T>(work: (tx: ManagedTransaction) => Promise<T>, opts: TxOptions): Promise<T> {
    return this.unit('READ', work, opts);
  }

  /** Runs `work` in a managed write transaction: all of it commits, or none. */
  async write<T>(work: (tx: ManagedTransaction) => Promise<T>, opts: TxOptions): Promise<T> {
    return this.unit('WRITE', work, opts);
  }

  /** Fails at once while Neo4j is known to be unavailable (see UNAVAILABLE_HOLD_MS). */
  private checkAvailable(owner: string): void {
    if (this.unavailable && Date.now() < this.unavailable.until) throw fromNeo4jError({ code: this.unavailable.code }, owner);
  }

  /** Maps a driver error; an unavailable database starts the hold. `started` and `timeoutMs` time the unit of work. */
  private failed(err: unknown, owner: string, started?: number, timeoutMs?: number): AppError {
    const elapsed = started !== undefined && timeoutMs !== undefined ? { ms: performance.now() - started, timeoutMs } : undefined;
    const e = fromNeo4jError(err, owner, elapsed);
    if (e.code === 'DATABASE_UNAVAILABLE') {
      const code = (e.details as { neo4jCode?: string } | undefined)?.neo4jCode ?? 'ServiceUnavailable';
      this.unavailable = { until: Date.now() + UNAVAILABLE_HOLD_MS, code };
    }
    return e;
  }

  private async unit<T>(mode: 'READ' | 'WRITE', work: (tx: ManagedTransaction) => Promise<T>, opts: TxOptions): Promise<T> {
    this.checkAvailable(opts.owner);
    const session = this.driver.session({
      database: this.config.NEO4J_DATABASE,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    const txConfig = { timeout: opts.timeoutMs ?? this.config.QUERY_TIMEOUT_MS };
    const started = performance.now();
    try {
      const wrapped = (tx: ManagedTransaction) => work(repositoryTransaction(tx));
      return mode === 'READ' ? await session.executeRead(wrapped, txConfig) : await session.executeWrite(wrapped, txConfig);
    } catch (err) {
      throw this.failed(err, opts.owner, started, txConfig.timeout);
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  /** Runs one auto-commit statement (needed for EXPLAIN of statements a managed transaction refuses). */
  async autoCommit<T>(
    work: (run: (q: string, p?: Record<string, unknown>) => Promise<QueryResult<RecordShape>>) => Promise<T>,
    opts: TxOptions & { mode?: 'READ' | 'WRITE' },
  ): Promise<T> {
    this.checkAvailable(opts.owner);
    const session = this.driver.session({
      database: this.config.NEO4J_DATABASE,
      defaultAccessMode: opts.mode === 'WRITE' ? neo4j.session.WRITE : neo4j.session.READ,
    });
    const timeout = opts.timeoutMs ?? this.config.QUERY_TIMEOUT_MS;
    const started = performance.now();
    try {
      return await work((q, p) => session.run(q, toNeo4jParams(p ?? {}) as Record<string, unknown>, { timeout }));
    } catch (err) {
      throw this.failed(err, opts.owner, started, timeout);
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  /**
   * Runs one read-only statement of unknown size (the console's) in a worker
   * thread with a driver of its own, so that decoding an enormous result can
   * neither block this thread nor grow its heap (see db/isolated-reader).
   */
  async readIsolated(query: string, params: Record<string, unknown>, opts: TxOptions & { rowCap: number }): Promise<IsolatedRows> {
    // The worker's driver sees the same server: an outage either of them met holds both.
    this.checkAvailable(opts.owner);
    try {
      return await this.isolatedReader().run(query, params, {
        owner: opts.owner,
        rowCap: opts.rowCap,
        timeoutMs: opts.timeoutMs ?? this.config.QUERY_TIMEOUT_MS,
      });
    } catch (err) {
      throw this.failed(err, opts.owner);
    }
  }

  /** Starts readIsolated's worker ahead of the first query (it takes a moment to load). */
  startIsolated(): void {
    if (!this.closed) this.isolatedReader().start();
  }

  private isolatedReader(): IsolatedReader {
    this.isolated ??= new IsolatedReader(this.config);
    return this.isolated;
  }

  /** Resolves with the server's version when it answers; rejects otherwise. */
  async info(): Promise<DatabaseInfo> {
    const info = await this.driver.getServerInfo({ database: this.config.NEO4J_DATABASE });
    const version = /Neo4j\/(\S+)/.exec(info.agent ?? '')?.[1] ?? 'unknown';
    return { version, edition: 'community' };
  }

  async verify(): Promise<void> {
    await this.driver.verifyConnectivity({ database: this.config.NEO4J_DATABASE });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([this.isolated?.close(), this.driver.close()]);
  }
}

/** Splits rows into the batches an UNWIND statement takes, one transaction's worth at a time. */
export function batches<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Runs a write statement that ends in `RETURN count(…) AS written` and gives that count. */
export async function writtenCount(tx: ManagedTransaction, query: string, params: Record<string, unknown>): Promise<number> {
  const r = await tx.run(query, params);
  return Number(toPlain(r.records[0]?.get('written') ?? 0));
}
