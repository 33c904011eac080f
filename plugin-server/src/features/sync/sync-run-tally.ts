import type { RunCounts, UpsertResult } from './tenant-user.repository.js';

/** How long each part of a run took, for the log line that ends it. */
export class Phases {
  private readonly parts: string[] = [];

  async time<T>(name: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.parts.push(`${name} ${((performance.now() - started) / 1000).toFixed(2)} s`);
    }
  }

  note(text: string): void {
    this.parts.push(text);
  }

  toString(): string {
    return this.parts.join(', ');
  }
}

/**
 * Counts of a delta run, from what its pages did; sets of ids so a user seen twice counts once. A full
 * run stops it: its counts are read back from the table instead of holding every id.
 */
export class RunTally {
  private added: Set<string> | undefined = new Set();
  private changed = new Set<string>();
  private removed = new Set<string>();

  record(upserted: UpsertResult, removed: { id: string }[]): void {
    if (!this.added) return;
    for (const id of upserted.added) this.added.add(id);
    for (const id of upserted.changed) this.changed.add(id);
    for (const { id } of removed) this.removed.add(id);
  }

  recordChanged(ids: string[]): void {
    if (this.added) for (const id of ids) this.changed.add(id);
  }

  stop(): void {
    this.added = undefined;
  }

  /** False once stopped: pages need not report which users they added or changed. */
  get counting(): boolean {
    return this.added !== undefined;
  }

  counts(): RunCounts | undefined {
    if (!this.added) return undefined;
    const changed = [...this.changed].filter((id) => !this.added!.has(id) && !this.removed.has(id)).length;
    return { added: this.added.size, changed, removed: this.removed.size };
  }

  /** Users changed by a delta run; undefined after a full run, when any user may have changed. */
  changedIds(): string[] | undefined {
    return this.added ? [...this.changed] : undefined;
  }
}
