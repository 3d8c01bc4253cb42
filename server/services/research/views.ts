/**
 * server/services/research/views — saved views: filters, selection, camera and path query under a name.
 */
import { randomUUID } from 'node:crypto';
import type { SavedViewDTO, SavedViewStateDTO, SavedViewSummaryDTO } from '../../../graph/analytics/contracts';
import { foldTerm } from '../../../graph/ingest/normalize';
import { NotFoundError, ValidationError } from '../../errors';
import type { ViewRecord, ViewRepository } from '../../repositories/view-repository';

/** Largest stored state (JSON characters). */
export const MAX_STATE_CHARS = 200_000;

function stateJson(state: SavedViewStateDTO): string {
  const json = JSON.stringify(state);
  if (json.length > MAX_STATE_CHARS) {
    throw new ValidationError(
      `views: the state is ${json.length} characters of JSON — at most ${MAX_STATE_CHARS}; save a smaller selection.`,
      {
        field: 'state',
      },
    );
  }
  return json;
}

function parseState(json: string): SavedViewStateDTO {
  try {
    return JSON.parse(json) as SavedViewStateDTO;
  } catch {
    return {};
  }
}

function summary(r: Pick<ViewRecord, 'id' | 'name' | 'author' | 'created' | 'updated'>): SavedViewSummaryDTO {
  return { id: r.id, name: r.name, author: r.author, created: r.created, updated: r.updated };
}

export class ViewService {
  constructor(private readonly views: ViewRepository) {}

  async create(input: { name: string; state: SavedViewStateDTO; author?: string | undefined }): Promise<SavedViewDTO> {
    const at = new Date().toISOString();
    const name = input.name.trim();
    const r = await this.views.create({
      id: `view:${randomUUID()}`,
      name,
      name_key: foldTerm(name),
      state_json: stateJson(input.state),
      author: input.author?.trim() || 'analyst',
      created: at,
      updated: at,
    });
    return { ...summary(r), state: parseState(r.state_json) };
  }

  async get(id: string): Promise<SavedViewDTO> {
    const r = await this.views.get(id);
    if (!r) throw this.notFound(id);
    return { ...summary(r), state: parseState(r.state_json) };
  }

  async list(limit: number): Promise<SavedViewSummaryDTO[]> {
    return (await this.views.list(limit)).map(summary);
  }

  async update(id: string, changes: { name?: string | undefined; state?: SavedViewStateDTO | undefined }): Promise<SavedViewDTO> {
    const patch: Partial<Omit<ViewRecord, 'id' | 'created' | 'author'>> = { updated: new Date().toISOString() };
    if (changes.name !== undefined) {
      patch.name = changes.name.trim();
      patch.name_key = foldTerm(patch.name);
    }
    if (changes.state !== undefined) patch.state_json = stateJson(changes.state);
    const r = await this.views.update(id, patch);
    if (!r) throw this.notFound(id);
    return { ...summary(r), state: parseState(r.state_json) };
  }

  async remove(id: string): Promise<{ id: string; deleted: true }> {
    if (!(await this.views.delete(id))) throw this.notFound(id);
    return { id, deleted: true };
  }

  private notFound(id: string): NotFoundError {
    return new NotFoundError(`views: saved view "${id}" not found — list views with GET /api/views.`, { id });
  }
}
