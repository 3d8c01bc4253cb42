/**
 * server/config — configuration from the environment, validated once at start.
 *
 * Every variable is documented in .env.example. An invalid value stops the
 * server with a message naming the variable and the fix.
 */
import { z } from 'zod';

const intFrom = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);

const ConfigSchema = z.object({
  NEO4J_URI: z
    .string()
    .regex(
      /^(bolt|neo4j)(\+s|\+ssc)?:\/\/[^\s/?#]+/,
      'not a Neo4j address — write it as bolt://host:7687 (or neo4j://, with +s or +ssc for TLS)',
    )
    .default('bolt://127.0.0.1:7687'),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().default('local-dev-password'),
  NEO4J_DATABASE: z.string().min(1).default('neo4j'),
  PORT: intFrom(3000, 0, 65535),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Writes (notes, views, layout, ingest) need this key; unset means writes are disabled. */
  API_KEY: z.string().min(16, 'API_KEY must have at least 16 characters').optional(),
  /** Comma-separated origins allowed by CORS; empty means same-origin only. */
  CORS_ORIGINS: z.string().default(''),
  QUERY_TIMEOUT_MS: intFrom(5000, 100, 600_000),
  CYPHER_ROW_CAP: intFrom(1000, 1, 100_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Requests per minute per client on the console and on writes. */
  RATE_LIMIT_PER_MINUTE: intFrom(120, 1, 1_000_000),
  /** Graph views, exports, analytics and reports built at once; more wait (up to QUERY_TIMEOUT_MS) for a turn. */
  HEAVY_CONCURRENCY: intFrom(4, 1, 1000),
});

export type Config = z.infer<typeof ConfigSchema>;

/**
 * A start the user has to fix (a variable, a busy port): the command line prints its message alone, without a
 * stack, since the message already names the variable and the fix.
 */
export class StartupError extends Error {
  override name = 'StartupError';
}

/** Reads the configuration; throws one message listing every invalid variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new StartupError(`config: invalid environment — fix these variables (see .env.example):\n${lines.join('\n')}`);
  }
  return { ...parsed.data, ...overrides };
}
