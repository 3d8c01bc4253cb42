/**
 * server/repositories/view-repository — saved views, stored as (:SavedView) nodes apart from the graph.
 *
 * Names are unique regardless of case and spacing (`name_key`, backed by a
 * uniqueness constraint); a create or rename checks inside its own
 * transaction, and the constraint catches the rare race between two.
 */
import type { CypherRegistry } from '../db/cypher';
import { type Database, recordsToObjects, toPlain } from '../db/database';
import { ConflictError } from '../errors';

export interface ViewRecord {
  id: string;
  name: string;
  name_key: string;
  state_json: string;
  author: string;
  created: string;
  updated: string;
}

export type ViewSummaryRecord = Pick<ViewRecord, 'id' | 'name' | 'author' | 'created' | 'updated'>;

function duplicateName(name: string, existing: string): ConflictError {
  return new ConflictError(`views: a view named "${existing}" already exists — choose another name, or rename or delete that view first.`, {
    name,
  });
}

export class ViewRepository {
  constructor(
    private readonly db: Database,
    private readonly cypher: CypherRegistry,
  ) {}

  async create(props: ViewRecord): Promise<ViewRecord> {
    try {
      return await this.db.write(
        async (tx) => {
          const clash = recordsToObjects<{ id: string; name: string }>(
            await tx.run(this.cypher['view-by-name'], { key: props.name_key }),
          )[0];
          if (clash) throw duplicateName(props.name, clash.name);
          return recordsToObjects<{ view: ViewRecord }>(await tx.run(this.cypher['view-create'], { props }))[0]!.view;
        },
        { owner: 'views' },
      );
    } catch (err) {
      if (err instanceof ConflictError && !(err.details as { name?: string } | undefined)?.name)
        throw duplicateName(props.name, props.name);
      throw err;
    }
  }

  async get(id: string): Promise<ViewRecord | null> {
    return this.db.read(
      async (tx) => recordsToObjects<{ view: ViewRecord }>(await tx.run(this.cypher['view-get'], { id }))[0]?.view ?? null,
      { owner: 'views' },
    );
  }

  async list(limit: number): Promise<ViewSummaryRecord[]> {
    return this.db.read(
      async (tx) => recordsToObjects<{ view: ViewSummaryRecord }>(await tx.run(this.cypher['view-list'], { limit })).map((r) => r.view),
      { owner: 'views' },
    );
  }

  /** Applies `changes`; null when the view does not exist. */
  async update(id: string, changes: Partial<Omit<ViewRecord, 'id' | 'created' | 'author'>>): Promise<ViewRecord | null> {
    try {
      return await this.db.write(
        async (tx) => {
          if (changes.name_key !== undefined) {
            const clash = recordsToObjects<{ id: string; name: string }>(
              await tx.run(this.cypher['view-by-name'], { key: changes.name_key }),
            )[0];
            if (clash && clash.id !== id) throw duplicateName(changes.name ?? clash.name, clash.name);
          }
          return recordsToObjects<{ view: ViewRecord }>(await tx.run(this.cypher['view-update'], { id, changes }))[0]?.view ?? null;
        },
        { owner: 'views' },
      );
    } catch (err) {
      if (err instanceof ConflictError && !(err.details as { name?: string } | undefined)?.name)
        throw duplicateName(changes.name ?? '', changes.name ?? '');
      throw err;
    }
  }

  async delete(id: string): Promise<boolean> {
    return this.db.write(
      async (tx) => Number(toPlain((await tx.run(this.cypher['view-delete'], { id })).records[0]?.get('deleted') ?? 0)) > 0,
      { owner: 'views' },
    );
  }
}
