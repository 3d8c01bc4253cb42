/**
 * server/repositories/note-repository — analysts' notes, stored as (:Note) nodes apart from the graph.
 *
 * A note is not an Entity and has no relationship to what it annotates: it
 * stores the target's kind and id, so notes never show up in traversals,
 * counts or exports of the knowledge graph, and deleting a note touches
 * nothing else.
 */
import { REL_TYPES } from '../../graph/model';
import type { CypherRegistry } from '../db/cypher';
import { type Database, recordsToObjects, toPlain } from '../db/database';

export interface NoteRecord {
  id: string;
  target_kind: string;
  target_id: string;
  path_from?: string | null;
  path_to?: string | null;
  path_nodes?: string[] | null;
  title: string;
  body: string;
  author: string;
  created: string;
  updated: string;
  /** Title, text and signature folded like a search query (graph/search-text searchText), for `words`. */
  search_text?: string;
}

export interface NoteFilter {
  targetIds: string[] | null;
  targetKind: string | null;
  author: string | null;
  node: string | null;
  /** Folded words the note's title, text or signature holds. */
  words: string | null;
  /** Only the notes after this one in the order (last changed first, then by id). */
  after: { updated: string; id: string } | null;
  limit: number;
}

/** Targets to look for: node ids, relationships with the ends their ids name, saved view ids. */
export interface NoteTargetsAsked {
  nodes: string[];
  relationships: { id: string; source: string; target: string }[];
  views: string[];
}

export interface NoteTargetsPresent {
  nodes: Set<string>;
  relationships: Set<string>;
  views: Set<string>;
}

export class NoteRepository {
  constructor(
    private readonly db: Database,
    private readonly cypher: CypherRegistry,
  ) {}

  async create(props: NoteRecord): Promise<NoteRecord> {
    return this.db.write(
      async (tx) => recordsToObjects<{ note: NoteRecord }>(await tx.run(this.cypher['note-create'], { props }))[0]!.note,
      { owner: 'notes' },
    );
  }

  /** The notes with these ids that exist, in no particular order. */
  async getMany(ids: string[]): Promise<NoteRecord[]> {
    return this.db.read(
      async (tx) => recordsToObjects<{ note: NoteRecord }>(await tx.run(this.cypher['note-get'], { ids })).map((r) => r.note),
      { owner: 'notes' },
    );
  }

  async list(filter: NoteFilter): Promise<NoteRecord[]> {
    return this.db.read(
      async (tx) =>
        recordsToObjects<{ note: NoteRecord }>(await tx.run(this.cypher['note-list'], { ...filter, relTypes: REL_TYPES })).map(
          (r) => r.note,
        ),
      { owner: 'notes' },
    );
  }

  /**
   * Applies the changes `change` computes from the note as it is, in one transaction holding the note's
   * lock (a concurrent edit waits, then computes from this one's result); null when the note does not exist.
   */
  async update(
    id: string,
    change: (current: NoteRecord) => Partial<Pick<NoteRecord, 'title' | 'body' | 'updated' | 'search_text'>>,
  ): Promise<NoteRecord | null> {
    return this.db.write(
      async (tx) => {
        const current = recordsToObjects<{ note: NoteRecord }>(await tx.run(this.cypher['note-lock'], { id }))[0]?.note;
        if (!current) return null;
        const changes = change(current);
        return recordsToObjects<{ note: NoteRecord }>(await tx.run(this.cypher['note-update'], { id, changes }))[0]?.note ?? null;
      },
      { owner: 'notes' },
    );
  }

  async delete(id: string): Promise<boolean> {
    return this.db.write(
      async (tx) => Number(toPlain((await tx.run(this.cypher['note-delete'], { id })).records[0]?.get('deleted') ?? 0)) > 0,
      { owner: 'notes' },
    );
  }

  /** Up to `limit` notes written before `search_text` existed: the fields it folds. */
  async missingSearchText(limit: number): Promise<Pick<NoteRecord, 'id' | 'title' | 'body' | 'author'>[]> {
    return this.db.read(
      async (tx) =>
        recordsToObjects<Pick<NoteRecord, 'id' | 'title' | 'body' | 'author'>>(
          await tx.run(this.cypher['note-search-text-missing'], { limit }),
        ),
      { owner: 'notes' },
    );
  }

  /** Stores `search_text` on notes that still lack it (an edit in between keeps its own); returns how many. */
  async saveSearchText(rows: { id: string; text: string }[]): Promise<number> {
    return this.db.write(
      async (tx) => Number(toPlain((await tx.run(this.cypher['note-search-text-save'], { rows })).records[0]?.get('written') ?? 0)),
      { owner: 'notes' },
    );
  }

  /** Whether the relationship `id` exists between `source` and `target`. */
  async relationshipExists(id: string, source: string, target: string): Promise<boolean> {
    return (await this.presentTargets({ nodes: [], relationships: [{ id, source, target }], views: [] })).relationships.has(id);
  }

  /** Which of these targets are still there: the node, relationship and saved view ids found. */
  async presentTargets(asked: NoteTargetsAsked): Promise<NoteTargetsPresent> {
    if (asked.nodes.length + asked.relationships.length + asked.views.length === 0)
      return { nodes: new Set(), relationships: new Set(), views: new Set() };
    return this.db.read(
      async (tx) => {
        const row = recordsToObjects<{ nodes: string[]; relationships: string[]; views: string[] }>(
          await tx.run(this.cypher['note-targets-present'], asked),
        )[0]!;
        return { nodes: new Set(row.nodes), relationships: new Set(row.relationships), views: new Set(row.views) };
      },
      { owner: 'notes' },
    );
  }
}
