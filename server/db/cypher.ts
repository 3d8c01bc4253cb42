/**
 * server/db/cypher — the registry of Cypher statements.
 *
 * Every statement lives in `cypher/<name>.cypher`. The registry loads them
 * all once, at start, and refuses to start when one the code names is
 * missing — a typo surfaces at boot, not on the first request that needs it.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CYPHER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'cypher');

/** Every statement the code uses, by file name (without `.cypher`). */
export const STATEMENTS = [
  'schema',
  'ping',
  'server-version',
  'seed-documents',
  'seed-passages',
  'seed-nodes',
  'seed-relationships',
  'seed-prune-nodes',
  'seed-prune-relationships',
  'seed-count-curated',
  'reset-namespace-relationships',
  'reset-namespace',
  'count-namespace',
  'seed-state',
  'seed-state-save',
  'schema-counts-kinds',
  'schema-counts-types',
  'search-fulltext',
  'search-contains',
  'search-contains-scan',
  'search-text-missing',
  'search-text-save',
  'degrees-refresh',
  'degrees-missing',
  'node-by-id',
  'node-relationships',
  'node-mentions',
  'passages-by-ids',
  'source-paragraphs',
  'source-node-citations',
  'source-relationship-citations',
  'nodes-exist',
  'neighbors',
  'neighbors-count',
  'neighbors-count-last',
  'paths-shortest',
  'paths-all-shortest',
  'paths-k',
  'graph-floor',
  'graph-nodes',
  'graph-count',
  'graph-edges-among',
  'layout-save',
  'nodes-by-ids',
  'db-counts',
  'import-nodes',
  'create-relationships',
  'ship-relationships',
  'imports-list',
  'template-technologies-for-challenge',
  'template-organizations-behind-outlook',
  'template-outlooks-for-challenge',
  'template-claims-about',
  'template-most-connected',
  'template-domains-of-challenge',
  // research: documents, notes, saved views, reports
  'doc-dictionary',
  'doc-lock',
  'doc-lock-existing',
  'doc-clear',
  'doc-save',
  'doc-passages',
  'doc-mentions',
  'doc-cooccurs',
  'doc-list',
  'doc-text',
  'doc-entities',
  'doc-graph-edges',
  'doc-mentions-list',
  'doc-counts',
  'doc-delete',
  'doc-accept-node',
  'doc-cooccurrence-between',
  'report-documents',
  'note-create',
  'note-get',
  'note-list',
  'note-update',
  'note-lock',
  'note-delete',
  'note-targets-present',
  'note-search-text-missing',
  'note-search-text-save',
  'view-create',
  'view-get',
  'view-by-name',
  'view-list',
  'view-update',
  'view-delete',
] as const;
export type StatementName = (typeof STATEMENTS)[number];

export type CypherRegistry = Readonly<Record<StatementName, string>>;

/** Loads every statement; throws listing all missing files. */
export function loadCypherRegistry(dir = CYPHER_DIR, names: readonly string[] = STATEMENTS): CypherRegistry {
  const missing = names.filter((n) => !existsSync(join(dir, `${n}.cypher`)));
  if (missing.length > 0) {
    throw new Error(
      `cypher: missing statement file(s) ${missing.map((m) => `cypher/${m}.cypher`).join(', ')} — every statement the server uses must exist in ${dir}; restore the file(s) from git.`,
    );
  }
  const out: Record<string, string> = {};
  for (const n of names) out[n] = stripComments(readFileSync(join(dir, `${n}.cypher`), 'utf8')).trim();
  return Object.freeze(out) as CypherRegistry;
}

/** Statement files that exist but the code does not name (reported in tests, not fatal). */
export function unusedStatementFiles(dir = CYPHER_DIR): string[] {
  const known = new Set<string>(STATEMENTS);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cypher'))
    .map((f) => f.slice(0, -'.cypher'.length))
    .filter((n) => !known.has(n));
}

/** Drops whole-line `//` comments so files can carry a banner. */
function stripComments(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('//'))
    .join('\n');
}

/** Splits a multi-statement file (schema) on `;` at line ends. */
export function splitStatements(text: string): string[] {
  return text
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}
