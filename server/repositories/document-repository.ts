/**
 * server/repositories/document-repository — the document layer in Neo4j: ingested
 * documents, their passages, MENTIONS and CO_OCCURS, and accepted candidate terms.
 *
 * Every change to one document runs in a single write transaction that first
 * takes the document node's lock (`withDocument`): concurrent ingests of the
 * same document run one after the other, and an interrupted write leaves
 * nothing half-written. The services decide what to write; only this file
 * talks to the driver.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import { CURATED_NS } from '../../graph/records';
import { DOC_NS_PREFIX } from '../../graph/ingest/model';
import { REL_TYPES, isNodeKind } from '../../graph/model';
import type { CypherRegistry } from '../db/cypher';
import { type Database, batches, recordsToObjects, toPlain, writtenCount } from '../db/database';
import { ConflictError, ValidationError } from '../errors';
import type { PassageRow } from '../../graph/records';

export interface DocumentState {
  ns: string;
  kind: string;
  hash: string | null;
  /** True when this transaction created the document node. */
  created: boolean;
  dismissed: string[];
  createdAt: string | null;
  title: string | null;
  language: string | null;
  format: string | null;
}

export interface DictionaryRow {
  id: string;
  name_zh: string;
  name_en: string;
  aliases_zh: string[];
  aliases_en: string[];
}

export interface MentionRow {
  passage: string;
  entity: string;
  start: number;
  end: number;
  text: string;
}

export interface CoOccurrenceRow {
  source: string;
  target: string;
  props: Record<string, string | number | string[]>;
}

export type DocumentProps = Record<string, string | number | boolean | string[] | null>;

export interface NamespaceCounts {
  entities: number;
  passages: number;
  mentions: number;
  cooccurrences: number;
  other: number;
}

/** The operations available inside one document transaction. */
export interface DocumentTx {
  dictionary(ns: string): Promise<DictionaryRow[]>;
  paragraphs(ns: string): Promise<string[]>;
  clear(ns: string): Promise<void>;
  save(id: string, props: DocumentProps): Promise<void>;
  writePassages(rows: PassageRow[]): Promise<void>;
  writeMentions(ns: string, rows: MentionRow[]): Promise<void>;
  writeCooccurrences(rows: CoOccurrenceRow[]): Promise<void>;
  nodeExists(id: string): Promise<boolean>;
  createNode(id: string, kind: string, props: DocumentProps): Promise<void>;
  counts(ns: string): Promise<NamespaceCounts>;
  deleteNamespace(ns: string): Promise<void>;
}

export interface DocumentRecord {
  doc: Record<string, unknown>;
  paragraphs: number;
  sentences: number;
  mentions: number;
  entities: number;
  cooccurrences: number;
  accepted: number;
}

export interface DocumentEntityRecord {
  id: string;
  kind: string;
  name_zh: string;
  name_en: string;
  ns: string;
  count: number;
}

export interface MentionRecord {
  passage: string;
  paragraphId: string;
  sentence: string;
  start: number;
  end: number;
  text: string;
  entity: { id: string; kind: string; name_zh: string; name_en: string };
}

export interface SourceDocumentRecord {
  id: string;
  title: string | null;
  title_en: string | null;
  author: string | null;
  publisher: string | null;
  date: string | null;
}

const BATCH = 1000;
const WRITE_TIMEOUT_MS = 120_000;

export class DocumentRepository {
  constructor(
    private readonly db: Database,
    private readonly cypher: CypherRegistry,
  ) {}

  private ops(tx: ManagedTransaction): DocumentTx {
    const c = this.cypher;
    return {
      dictionary: async (ns) => recordsToObjects<DictionaryRow>(await tx.run(c['doc-dictionary'], { ns, curated: CURATED_NS })),
      paragraphs: async (ns) => recordsToObjects<{ text: string }>(await tx.run(c['doc-text'], { ns })).map((r) => r.text),
      clear: async (ns) => {
        if (!ns.startsWith(DOC_NS_PREFIX))
          throw new ValidationError(`documents: refusing to clear "${ns}", which is not a document namespace.`);
        await tx.run(c['doc-clear'], { ns });
      },
      save: async (id, props) => {
        await tx.run(c['doc-save'], { id, props });
      },
      writePassages: async (rows) => {
        for (const batch of batches(rows, BATCH)) await writtenCount(tx, c['doc-passages'], { rows: batch });
      },
      writeMentions: async (ns, rows) => {
        let n = 0;
        for (const batch of batches(rows, BATCH)) n += await writtenCount(tx, c['doc-mentions'], { rows: batch, ns });
        if (n !== rows.length) {
          throw new ConflictError(
            `documents: only ${n} of ${rows.length} mentions found their entity — the graph changed during the ingest; send the request again.`,
          );
        }
      },
      writeCooccurrences: async (rows) => {
        let n = 0;
        for (const batch of batches(rows, BATCH)) n += await writtenCount(tx, c['doc-cooccurs'], { rows: batch });
        if (n !== rows.length) {
          throw new ConflictError(
            `documents: only ${n} of ${rows.length} co-occurrences found both entities — the graph changed during the ingest; send the request again.`,
          );
        }
      },
      nodeExists: async (id) => {
        const rows = recordsToObjects<{ exists: boolean }>(await tx.run(c['nodes-exist'], { ids: [id] }));
        return rows[0]?.exists === true;
      },
      createNode: async (id, kind, props) => {
        if (!isNodeKind(kind))
          throw new ValidationError(`documents: kind "${kind}" is not in the schema — use one of graph/model.ts NODE_KINDS.`);
        await tx.run(c['doc-accept-node'], { id, kind, props, types: REL_TYPES });
      },
      counts: async (ns) => toPlain((await tx.run(c['doc-counts'], { ns })).records[0]?.toObject()) as NamespaceCounts,
      deleteNamespace: async (ns) => {
        if (!ns.startsWith(DOC_NS_PREFIX))
          throw new ValidationError(`documents: refusing to delete "${ns}", which is not a document namespace.`);
        await tx.run(c['doc-delete'], { ns });
      },
    };
  }

  /**
   * Runs `work` in one write transaction holding the document node's lock.
   * `create`: the node is created when missing (its state says `created`);
   * `existing`: `work` gets null when there is no such node.
   */
  async withDocument<T>(
    id: string,
    ns: string,
    mode: 'create' | 'existing',
    work: (state: DocumentState | null, tx: DocumentTx) => Promise<T>,
  ): Promise<T> {
    return this.db.write(
      async (tx) => {
        const statement = mode === 'create' ? this.cypher['doc-lock'] : this.cypher['doc-lock-existing'];
        const rows = recordsToObjects<DocumentState>(await tx.run(statement, { id, ns }));
        return work(rows[0] ?? null, this.ops(tx));
      },
      { owner: 'documents', timeoutMs: WRITE_TIMEOUT_MS },
    );
  }

  async list(id: string | null): Promise<DocumentRecord[]> {
    return this.db.read(
      async (tx) => recordsToObjects<DocumentRecord>(await tx.run(this.cypher['doc-list'], { id, prefix: DOC_NS_PREFIX })),
      {
        owner: 'documents',
      },
    );
  }

  async entities(ns: string, limit: number): Promise<DocumentEntityRecord[]> {
    return this.db.read(async (tx) => recordsToObjects<DocumentEntityRecord>(await tx.run(this.cypher['doc-entities'], { ns, limit })), {
      owner: 'documents',
    });
  }

  async cooccurrencesAmong(ns: string, ids: string[], minCount: number, limit: number): Promise<Record<string, unknown>[]> {
    if (ids.length === 0) return [];
    return this.db.read(
      async (tx) =>
        recordsToObjects<{ rel: Record<string, unknown> }>(await tx.run(this.cypher['doc-graph-edges'], { ns, ids, minCount, limit })).map(
          (r) => r.rel,
        ),
      { owner: 'documents' },
    );
  }

  async mentions(ns: string, entity: string | null, limit: number): Promise<MentionRecord[]> {
    return this.db.read(
      async (tx) => recordsToObjects<MentionRecord>(await tx.run(this.cypher['doc-mentions-list'], { ns, entity, limit })),
      { owner: 'documents' },
    );
  }

  async cooccurrenceBetween(a: string, b: string): Promise<{ document: string; title: string; count: number }[]> {
    return this.db.read(async (tx) => recordsToObjects(await tx.run(this.cypher['doc-cooccurrence-between'], { a, b })), {
      owner: 'analytics',
    });
  }

  async sourceDocuments(ids: string[]): Promise<SourceDocumentRecord[]> {
    if (ids.length === 0) return [];
    return this.db.read(async (tx) => recordsToObjects<SourceDocumentRecord>(await tx.run(this.cypher['report-documents'], { ids })), {
      owner: 'reports',
    });
  }
}
