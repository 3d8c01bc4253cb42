/**
 * server/seed — loads the curated dataset into Neo4j (npm run seed, npm start, tests).
 *
 * Idempotent: nodes and relationships are MERGEd by id and the namespace is
 * pruned to the dataset, so running it twice leaves the same counts. The
 * layout is computed once (deterministically) for nodes that have none.
 * Each seed records a fingerprint of the rows it wrote, so `npm start` loads
 * the curated graph again when the version it runs ships a different dataset
 * (a store written by an older version), and skips the load otherwise.
 */
import Graph from 'graphology';
import { loadDataset } from '../graph/dataset/load';
import { fnv1a } from '../graph/hash';
import { computeLayout } from '../graph/layout';
import type { Dataset } from '../graph/model';
import { CURATED_NS, toNodeRow, toPassageRow, toRelationshipRow } from '../graph/records';
import { searchText } from '../graph/search-text';
import { loadConfig } from './config';
import { type CypherRegistry, loadCypherRegistry } from './db/cypher';
import { Database, toPlain } from './db/database';
import { DocumentRepository } from './repositories/document-repository';
import { GraphRepository } from './repositories/graph-repository';
import { NoteRepository } from './repositories/note-repository';
import { type DocumentRow, SeedRepository } from './repositories/seed-repository';
import { ViewRepository } from './repositories/view-repository';
import { DocumentService } from './services/research/documents';
import { NoteService } from './services/research/notes';

export interface SeedOptions {
  /** Delete the curated namespace first (ingested documents are linked to the new one afterwards). */
  reset?: boolean;
  /** Load only when the curated namespace is empty or was seeded from another dataset. */
  ifEmpty?: boolean;
  /** Use this database instead of one built from the environment. */
  db?: Database;
  dataset?: Dataset;
}

/**
 * What a seed writes, as one hash: the same dataset gives the same fingerprint on every machine, and any
 * change to a name, a quote, a rationale or a relationship gives another (FNV-1a of the rows as JSON, in
 * hex, with the rows' length so that a collision also needs the same size).
 */
export function datasetFingerprint(rows: ReturnType<typeof datasetRows>): string {
  const json = JSON.stringify(rows);
  return `${fnv1a(json).toString(16).padStart(8, '0')}-${json.length.toString(16)}`;
}

/** Splits the dataset into the rows the seed statements take. */
export function datasetRows(dataset: Dataset, ns = CURATED_NS) {
  const passages = dataset.passages.map((p) => toPassageRow(p, ns));
  const documents: DocumentRow[] = dataset.documents.map((d) => ({
    id: d.id,
    props: {
      id: d.id,
      kind: 'Document',
      ns,
      name_zh: d.title,
      name_en: d.title,
      search_text: searchText([d.title]),
      doc_title: d.title,
      doc_author: d.author ?? null,
      doc_publisher: d.publisher ?? null,
      doc_date: d.date ?? null,
      doc_language: d.language,
      doc_path: d.path,
    },
  }));
  return {
    documents,
    passages,
    nodes: dataset.nodes.map((n) => toNodeRow(n, ns)),
    relationships: dataset.relationships.map((r) => toRelationshipRow(r, ns)),
  };
}

/** Computes and stores positions when any curated node lacks one. */
async function ensureLayout(db: Database, repo: SeedRepository, dataset: Dataset): Promise<boolean> {
  const missing = await db.read(
    async (tx) => {
      const r = await tx.run('MATCH (n:Entity {ns: $ns}) WHERE n.x IS NULL RETURN count(n) AS missing', { ns: CURATED_NS });
      return Number(toPlain(r.records[0]?.get('missing')));
    },
    { owner: 'seed' },
  );
  if (missing === 0) return false;
  const g = new Graph({ multi: true });
  for (const n of dataset.nodes) g.mergeNode(n.id, { kind: n.kind });
  for (const d of dataset.documents) g.mergeNode(d.id, { kind: 'Document' });
  for (const r of dataset.relationships) if (g.hasNode(r.source) && g.hasNode(r.target)) g.addEdge(r.source, r.target);
  const positions = computeLayout(g);
  await repo.savePositions(Object.entries(positions).map(([id, p]) => ({ id, ...p })));
  return true;
}

/**
 * Links every ingested document to the graph again. A reset deletes the curated
 * nodes, and with them the MENTIONS and CO_OCCURS the documents had made.
 */
async function relinkDocuments(db: Database, cypher: CypherRegistry): Promise<number> {
  const documents = new DocumentService(new DocumentRepository(db, cypher), new GraphRepository(db, cypher));
  const list = await documents.list();
  for (const d of list) await documents.relink(d.id);
  return list.length;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Loads the curated dataset; returns a one-line summary. */
export async function seedDatabase(opts: SeedOptions = {}): Promise<string> {
  const db = opts.db ?? new Database(loadConfig());
  const cypher = loadCypherRegistry();
  const repo = new SeedRepository(db, cypher);
  try {
    await repo.applySchema();
    const backfilled = await repo.backfillSearchText();
    const degreesFilled = await repo.backfillDegrees();
    const notesFilled = await new NoteService(
      new NoteRepository(db, cypher),
      new GraphRepository(db, cypher),
      new ViewRepository(db, cypher),
    ).backfillSearchText();
    const backfill =
      (backfilled > 0 ? `; stored search_text on ${count(backfilled, 'entity', 'entities')} written by an older version` : '') +
      (degreesFilled > 0 ? `; stored degrees on ${count(degreesFilled, 'entity', 'entities')} written without them` : '') +
      (notesFilled > 0 ? `; stored the searchable words of ${count(notesFilled, 'note', 'notes')} written by an older version` : '');
    if (opts.reset) await repo.resetNamespace(CURATED_NS);
    const dataset = opts.dataset ?? loadDataset();
    const rows = datasetRows(dataset);
    const fingerprint = datasetFingerprint(rows);
    let changed = '';
    if (opts.ifEmpty && !opts.reset) {
      const { nodes } = await repo.countNamespace(CURATED_NS);
      const stored = nodes > 0 ? await repo.seedFingerprint(CURATED_NS) : null;
      if (nodes > 0 && stored === fingerprint) {
        return `the curated graph is already loaded and matches the dataset (${nodes} nodes); npm run seed -- --reset replaces it${backfill}`;
      }
      if (nodes > 0) changed = 'the curated dataset differs from the one the store was loaded from, so it is loaded again: ';
    }
    const written = await repo.upsertAll(CURATED_NS, rows, { prune: true });
    await repo.saveSeedFingerprint(CURATED_NS, fingerprint);
    const laidOut = await ensureLayout(db, repo, dataset);
    const relinked = opts.reset ? await relinkDocuments(db, cypher) : 0;
    const counts = await repo.countNamespace(CURATED_NS);
    return `${changed}loaded ${written.nodes} nodes, ${written.relationships} relationships and ${written.passages} passages${laidOut ? ' (layout computed)' : ''}; the curated namespace holds ${counts.nodes} nodes and ${counts.relationships} relationships${relinked > 0 ? `; linked ${relinked} ingested document${relinked === 1 ? '' : 's'} to it again` : ''}${backfill}`;
  } finally {
    if (!opts.db) await db.close();
  }
}
