/**
 * store/history — the undo/redo stacks of view changes.
 *
 * Holds snapshots, not commands: restoring a snapshot is one idempotent
 * operation, so undo and redo cannot drift from each other.
 */

/** Undo/redo stacks of immutable snapshots of type `T`. */
export class History<T> {
  private past: T[] = [];
  private future: T[] = [];

  constructor(private readonly capacity = 100) {}

  /** Records `before` (the state a change is about to leave) and forgets the redo branch. */
  record(before: T): void {
    this.past.push(before);
    if (this.past.length > this.capacity) this.past.shift();
    this.future = [];
  }

  /** The snapshot to go back to, given the `current` one (kept for redo); undefined when there is none. */
  undo(current: T): T | undefined {
    const previous = this.past.pop();
    if (previous === undefined) return undefined;
    this.future.push(current);
    return previous;
  }

  /** The snapshot to go forward to, given the `current` one (kept for undo); undefined when there is none. */
  redo(current: T): T | undefined {
    const next = this.future.pop();
    if (next === undefined) return undefined;
    this.past.push(current);
    return next;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** Forgets everything (e.g. after the graph is reloaded). */
  clear(): void {
    this.past = [];
    this.future = [];
  }
}
