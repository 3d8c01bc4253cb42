/**
 * server/services/research/notes — Markdown notes on a node, a relationship, a saved path or a saved view.
 *
 * The target must exist when the note is written (a note on a typo helps
 * nobody); afterwards a note outlives its target, so an analyst's words are
 * never lost to a reseed or a removed document.
 */
import { randomUUID } from 'node:crypto';
import { type NoteDTO, type NoteTargetDTO, type NoteTargetKind, noteTitleFromBody, pathTargetId } from '../../../graph/analytics/contracts';
import { parseRelationshipId } from '../../../graph/model';
import { normalizeQuery, searchText } from '../../../graph/search-text';
import { NotFoundError, ValidationError } from '../../errors';
import type { GraphRepository } from '../../repositories/graph-repository';
import type { NoteRecord, NoteRepository, NoteTargetsAsked } from '../../repositories/note-repository';
import type { ViewRepository } from '../../repositories/view-repository';
import { nodeNotFound } from '../nodes';
import { hopEdges } from '../paths';
import { ALL_TYPES } from '../scope';

export interface NoteTargetInput {
  kind: NoteTargetKind;
  id?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  nodes?: string[] | undefined;
}

export interface NoteInput {
  target: NoteTargetInput;
  title?: string | undefined;
  body: string;
  author?: string | undefined;
}

export interface NoteQuery {
  target?: string | undefined;
  targetKind?: NoteTargetKind | undefined;
  node?: string | undefined;
  author?: string | undefined;
  /** Words its title, text or signature holds (folded like a search query: case, width and spacing). */
  q?: string | undefined;
  /** The last note of the page before: `<updated>|<id>`. */
  after?: { updated: string; id: string } | undefined;
  limit: number;
}

/** What `GET /api/notes?q=` matches: the title, text and signature folded like a search, a field each. */
export function noteSearchText(note: Pick<NoteRecord, 'title' | 'body' | 'author'>): string {
  return searchText([note.title, note.body, note.author]);
}

/** A stored note as the API gives it; `exists` says whether its target is still there. */
export function toNoteDTO(r: NoteRecord, exists: boolean): NoteDTO {
  const target: NoteTargetDTO = { kind: r.target_kind as NoteTargetKind, id: r.target_id, exists };
  if (r.target_kind === 'path') {
    if (r.path_from) target.from = r.path_from;
    if (r.path_to) target.to = r.path_to;
    if (r.path_nodes) target.nodes = r.path_nodes;
  }
  return { id: r.id, target, title: r.title ?? '', body: r.body ?? '', author: r.author ?? '', created: r.created, updated: r.updated };
}

export class NoteService {
  constructor(
    private readonly notes: NoteRepository,
    private readonly graph: GraphRepository,
    private readonly views: ViewRepository,
  ) {}

  private async resolveTarget(
    t: NoteTargetInput,
  ): Promise<Pick<NoteRecord, 'target_kind' | 'target_id' | 'path_from' | 'path_to' | 'path_nodes'>> {
    const need = (field: string) =>
      new ValidationError(`notes: target.${field} is required for a ${t.kind} note.`, { field: `target.${field}` });
    switch (t.kind) {
      case 'node': {
        if (!t.id) throw need('id');
        if ((await this.graph.missingIds([t.id])).length > 0) throw nodeNotFound('notes', t.id);
        return { target_kind: 'node', target_id: t.id };
      }
      case 'relationship': {
        if (!t.id) throw need('id');
        const rel = parseRelationshipId(t.id);
        if (!rel || !(await this.notes.relationshipExists(t.id, rel.source, rel.target))) {
          throw new NotFoundError(
            `notes: relationship "${t.id}" not found — relationship ids are <source>-<TYPE>-<target>, as in the edges of /api/nodes/:id.`,
            { id: t.id },
          );
        }
        return { target_kind: 'relationship', target_id: t.id };
      }
      case 'path': {
        const nodes = t.nodes ?? (t.from && t.to ? [t.from, t.to] : null);
        if (!nodes || nodes.length < 2) throw need('nodes');
        if (t.from && t.from !== nodes[0])
          throw new ValidationError('notes: target.from must be the first of target.nodes.', { field: 'target.from' });
        if (t.to && t.to !== nodes[nodes.length - 1])
          throw new ValidationError('notes: target.to must be the last of target.nodes.', { field: 'target.to' });
        const unique = [...new Set(nodes)];
        const [missing, edges] = await Promise.all([this.graph.missingIds(unique), this.graph.edgesAmong(unique, ALL_TYPES, 5000)]);
        if (missing.length > 0) throw nodeNotFound('notes', missing[0]!);
        // A note on a path the graph does not hold would say "exists" of a chain nobody can walk: each node must link to the next.
        hopEdges(
          nodes,
          edges,
          (u, v) =>
            new ValidationError(
              `notes: no relationship links "${u}" and "${v}" — target.nodes must be a path, each node linked to the next; find one with /api/paths?from=${nodes[0]}&to=${nodes[nodes.length - 1]}.`,
              { field: 'target.nodes' },
            ),
        );
        return {
          target_kind: 'path',
          target_id: pathTargetId(nodes),
          path_from: nodes[0]!,
          path_to: nodes[nodes.length - 1]!,
          path_nodes: nodes,
        };
      }
      case 'view': {
        if (!t.id) throw need('id');
        if (!(await this.views.get(t.id)))
          throw new NotFoundError(`notes: saved view "${t.id}" not found — list views with GET /api/views.`, { id: t.id });
        return { target_kind: 'view', target_id: t.id };
      }
    }
  }

  /** The records as DTOs, each saying whether its target is still there (read at once for all of them). */
  private async withPresence(records: NoteRecord[]): Promise<NoteDTO[]> {
    const asked: NoteTargetsAsked = { nodes: [], relationships: [], views: [] };
    for (const r of records) {
      if (r.target_kind === 'node') asked.nodes.push(r.target_id);
      else if (r.target_kind === 'path') asked.nodes.push(...(r.path_nodes ?? []));
      else if (r.target_kind === 'view') asked.views.push(r.target_id);
      else if (r.target_kind === 'relationship') {
        const rel = parseRelationshipId(r.target_id);
        if (rel) asked.relationships.push({ id: r.target_id, source: rel.source, target: rel.target });
      }
    }
    const present = await this.notes.presentTargets({
      nodes: [...new Set(asked.nodes)],
      relationships: asked.relationships,
      views: [...new Set(asked.views)],
    });
    return records.map((r) => {
      switch (r.target_kind) {
        case 'node':
          return toNoteDTO(r, present.nodes.has(r.target_id));
        case 'path':
          return toNoteDTO(
            r,
            (r.path_nodes ?? []).every((id) => present.nodes.has(id)),
          );
        case 'view':
          return toNoteDTO(r, present.views.has(r.target_id));
        default:
          return toNoteDTO(r, present.relationships.has(r.target_id));
      }
    });
  }

  async create(input: NoteInput): Promise<NoteDTO> {
    const target = await this.resolveTarget(input.target);
    const at = new Date().toISOString();
    const record: NoteRecord = {
      id: `note:${randomUUID()}`,
      path_from: null,
      path_to: null,
      path_nodes: null,
      ...target,
      title: input.title?.trim() || noteTitleFromBody(input.body),
      body: input.body,
      author: input.author?.trim() || 'analyst',
      created: at,
      updated: at,
    };
    record.search_text = noteSearchText(record);
    // Its target was found just now.
    return toNoteDTO(await this.notes.create(record), true);
  }

  async get(id: string): Promise<NoteDTO> {
    return (await this.getMany([id]))[0]!;
  }

  /** Notes by id, in the order asked, read at once; 404 naming the first id that does not exist. */
  async getMany(ids: string[]): Promise<NoteDTO[]> {
    if (ids.length === 0) return [];
    const found = new Map((await this.notes.getMany([...new Set(ids)])).map((r) => [r.id, r]));
    return this.withPresence(
      ids.map((id) => {
        const r = found.get(id);
        if (!r) throw this.notFound(id);
        return r;
      }),
    );
  }

  async list(q: NoteQuery): Promise<NoteDTO[]> {
    const rows = await this.notes.list({
      targetIds: q.target ? [q.target] : null,
      targetKind: q.targetKind ?? null,
      node: q.node ?? null,
      author: q.author ?? null,
      words: normalizeQuery(q.q ?? '') || null,
      after: q.after ?? null,
      limit: q.limit,
    });
    return this.withPresence(rows);
  }

  /** Notes on any of the given targets (a report's nodes, relationships, path and view). */
  async onTargets(targetIds: string[], limit: number): Promise<NoteDTO[]> {
    if (targetIds.length === 0) return [];
    const rows = await this.notes.list({ targetIds, targetKind: null, node: null, author: null, words: null, after: null, limit });
    return this.withPresence(rows);
  }

  /** Changes a note's title or body; a title cleared to nothing is named by the body's first line again, as on create. */
  async update(id: string, changes: { title?: string | undefined; body?: string | undefined }): Promise<NoteDTO> {
    // Computed from the note as it is inside the write, so an edit running at the same time is not lost.
    const r = await this.notes.update(id, (current) => {
      const body = changes.body ?? current.body;
      const title = changes.title === undefined ? current.title : changes.title.trim() || noteTitleFromBody(body);
      return { updated: new Date().toISOString(), title, body, search_text: noteSearchText({ title, body, author: current.author }) };
    });
    if (!r) throw this.notFound(id);
    return (await this.withPresence([r]))[0]!;
  }

  /**
   * Folds and stores the words of notes written before they were kept (stores of an older version), in
   * batches of their own transactions, so `q` finds them as it finds every note. Returns how many; nothing
   * to do costs one query. Run at seed.
   */
  async backfillSearchText(batchSize = 1000): Promise<number> {
    let filled = 0;
    for (;;) {
      const rows = await this.notes.missingSearchText(batchSize);
      if (rows.length === 0) return filled;
      filled += await this.notes.saveSearchText(rows.map((r) => ({ id: r.id, text: noteSearchText(r) })));
      if (rows.length < batchSize) return filled;
    }
  }

  async remove(id: string): Promise<{ id: string; deleted: true }> {
    if (!(await this.notes.delete(id))) throw this.notFound(id);
    return { id, deleted: true };
  }

  private notFound(id: string): NotFoundError {
    return new NotFoundError(`notes: note "${id}" not found — list notes with GET /api/notes.`, { id });
  }
}
