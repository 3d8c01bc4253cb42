/**
 * server/ingest-cli — `npm run ingest -- path/to/article.(txt|md)`: add a document to the document layer.
 *
 *   npm run ingest -- article.md [--title T] [--language zh|en] [--slug s] [--replace] [--json]
 *   npm run ingest -- --list
 *   npm run ingest -- --relink document:<slug>
 *   npm run ingest -- --delete document:<slug>
 *
 * Same rules as POST /api/documents (graph/ingest): passages, mentions of
 * known entities with exact spans, co-occurrences, candidate terms listed
 * for the analyst (accept them with POST /api/documents/:id/candidates/accept).
 * Without NEO4J_URI it uses the managed dev instance, starting it if needed,
 * like `npm run seed`.
 */
import { readFileSync, existsSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CURATED_NS } from '../graph/records';
import { type DocumentLanguage, type IngestResultDTO, markdownToText, textLanguage } from '../graph/ingest';
import { loadConfig } from './config';
import { loadCypherRegistry } from './db/cypher';
import { Database } from './db/database';
import { AppError } from './errors';
import { createServices } from './services';

export interface CliIO {
  log: (line: string) => void;
  error: (line: string) => void;
}

const USAGE = `usage:
  npm run ingest -- <file.txt|file.md> [--title <title>] [--language zh|en] [--slug <slug>] [--replace] [--json]
  npm run ingest -- --list
  npm run ingest -- --relink document:<slug>
  npm run ingest -- --delete document:<slug>`;

/** The first non-empty line, shortened, as a title of last resort. */
function firstLine(text: string): string | undefined {
  const line = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find(Boolean);
  return line ? line.slice(0, 120) : undefined;
}

function documentIdOf(value: string): string {
  return value.startsWith('document:') ? value : `document:${value}`;
}

function printResult(io: CliIO, r: IngestResultDTO): void {
  const d = r.document;
  io.log(`ingest: ${r.status} ${d.id} — "${d.title}" (${d.language}, namespace ${d.ns})`);
  io.log(
    `ingest: ${d.counts.paragraphs} paragraphs, ${d.counts.sentences} sentences, ${d.counts.mentions} mentions of ${d.counts.entities} entities, ` +
      `${d.counts.cooccurrences} co-occurring pairs, ${d.counts.accepted} accepted terms`,
  );
  if (r.candidates.length > 0) {
    io.log(`ingest: ${r.candidates.length} candidate terms not in the graph (accept with POST /api/documents/${d.id}/candidates/accept):`);
    for (const c of r.candidates.slice(0, 20)) io.log(`  ${c.term}  (${c.reason}, ×${c.count})`);
    if (r.candidates.length > 20) io.log(`  … and ${r.candidates.length - 20} more (GET /api/documents/${d.id}/candidates)`);
  }
}

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      title: { type: 'string' },
      language: { type: 'string' },
      slug: { type: 'string' },
      replace: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      list: { type: 'boolean', default: false },
      relink: { type: 'string' },
      delete: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

/** Runs the command; returns the exit code. */
export async function runIngestCli(argv: string[], io: CliIO = { log: console.log, error: console.error }, db?: Database): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (err) {
    io.error(`ingest: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.log(USAGE);
    return 0;
  }
  const file = positionals[0];
  if (!values.list && !values.relink && !values.delete && !file) {
    io.error(`ingest: name the file to ingest.\n${USAGE}`);
    return 2;
  }
  if (values.language !== undefined && values.language !== 'zh' && values.language !== 'en') {
    io.error(`ingest: --language must be zh or en, not "${values.language}".`);
    return 2;
  }

  let request: { title: string; language: DocumentLanguage; text: string; format: 'text' | 'markdown' } | null = null;
  if (file) {
    const path = resolve(file);
    if (!existsSync(path)) {
      io.error(`ingest: ${file} does not exist — give the path of a .txt or .md file.`);
      return 2;
    }
    const ext = extname(path).toLowerCase();
    if (!['.txt', '.md', '.markdown', '.text'].includes(ext)) {
      io.error(`ingest: ${file} is not a .txt or .md file — only plain text and Markdown are read.`);
      return 2;
    }
    const raw = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
    const markdown = ext === '.md' || ext === '.markdown';
    const plain = markdown ? markdownToText(raw) : { text: raw };
    if (plain.text.trim() === '') {
      io.error(`ingest: ${file} holds no text — write the article into it, or give another file.`);
      return 2;
    }
    const title = values.title ?? ('title' in plain ? plain.title : undefined) ?? firstLine(plain.text) ?? basename(path, ext);
    request = {
      title,
      language: (values.language as DocumentLanguage | undefined) ?? textLanguage(plain.text),
      text: raw,
      format: markdown ? 'markdown' : 'text',
    };
  }

  const ownDb = !db;
  if (!db) {
    // The managed dev instance, as npm start and npm run seed use it, unless NEO4J_URI names a server.
    const { useDevInstance } = await import('../scripts/neo4j/local');
    await useDevInstance();
  }
  const config = loadConfig();
  db ??= new Database(config);
  const cypher = loadCypherRegistry();
  const services = createServices(db, cypher, config);
  try {
    // The constraints documents rely on (unique ids) may be missing on a database never seeded.
    await services.seedRepository.applySchema();
    if (values.list) {
      const docs = await services.documents.list();
      if (values.json) io.log(JSON.stringify(docs, null, 2));
      else if (docs.length === 0) io.log('ingest: no documents ingested yet.');
      else for (const d of docs) io.log(`${d.id}  ${d.language}  ${d.counts.mentions} mentions  "${d.title}"`);
      return 0;
    }
    if (values.delete) {
      const r = await services.documents.remove(documentIdOf(values.delete));
      io.log(
        values.json
          ? JSON.stringify(r, null, 2)
          : `ingest: removed ${r.id} (${r.deleted.nodes} nodes, ${r.deleted.passages} passages, ${r.deleted.relationships} relationships).`,
      );
      return 0;
    }
    if (values.relink) {
      const r = await services.documents.relink(documentIdOf(values.relink));
      if (values.json) io.log(JSON.stringify(r, null, 2));
      else printResult(io, r);
      return 0;
    }
    const { nodes } = await services.seedRepository.countNamespace(CURATED_NS);
    if (nodes === 0) io.error('ingest: warning — the curated graph is empty, so no mentions can be linked; run npm run seed first.');
    const result = await services.documents.ingest({
      ...request!,
      ...(values.slug ? { slug: values.slug } : {}),
      replace: values.replace,
      source: `cli:${basename(file!)}`,
    });
    if (values.json) io.log(JSON.stringify(result, null, 2));
    else printResult(io, result);
    return 0;
  } catch (err) {
    if (err instanceof AppError) {
      io.error(`ingest: ${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    if (ownDb) await db.close();
  }
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  runIngestCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
