/**
 * server/repositories/view-repository — saved views, stored as (:SavedView) nodes apart from the graph.
 *
 * Names are unique regardless of case and spacing (`name_key`, backed by a
 * uniqueness constraint); a create or rename checks inside its own
 * transaction, and the constraint catches the rare race between two.
 */
import type { ManagedTransaction } from 'neo4j-driver';
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

  /**
   * Runs a write that gives a view the name `name` (folded: `key`) in one
   * transaction: another view holding the name is refused first; a race that
   * slips past the check meets the saved_view_name constraint, answered alike.
   */
  private async withName<T>(name: string, key: string, self: string | null, write: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    try {
      return await this.db.write(
        async (tx) => {
          const clash = recordsToObjects<{ id: string; name: string }>(await tx.run(this.cypher['view-by-name'], { key }))[0];
          if (clash && clash.id !== self) throw duplicateName(name, clash.name);
          return write(tx);
        },
        { owner: 'views' },
      );
    } catch (err) {
      if (err instanceof ConflictError && !(err.details as { name?: string } | undefined)?.name) throw duplicateName(name, name);
      throw err;
    }
  }

  async create(props: ViewRecord): Promise<ViewRecord> {
    return this.withName(
      props.name,
      props.name_key,
      null,
      async (tx) => recordsToObjects<{ view: ViewRecord }>(await tx.run(this.cypher['view-create'], { props }))[0]!.view,
    );
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
    const apply = async (tx: ManagedTransaction) =>
      recordsToObjects<{ view: ViewRecord }>(await tx.run(this.cypher['view-update'], { id, changes }))[0]?.view ?? null;
    if (changes.name_key === undefined) return this.db.write(apply, { owner: 'views' });
    return this.withName(changes.name ?? '', changes.name_key, id, apply);
  }

  async delete(id: string): Promise<boolean> {
    return this.db.write(
      async (tx) => Number(toPlain((await tx.run(this.cypher['view-delete'], { id })).records[0]?.get('deleted') ?? 0)) > 0,
      { owner: 'views' },
    );
  }
}
