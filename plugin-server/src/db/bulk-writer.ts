import type { Statement } from 'better-sqlite3';
import type { Database } from './db.provider.js';

export const BULK_WRITER = Symbol('BULK_WRITER');

/** One statement run once per row of positional values; `collect` keeps each run's single result column (a pluck). */
export interface BulkStep {
  sql: string;
  rows: unknown[][];
  collect?: boolean;
}

/**
 * Runs steps in one transaction, in order, and gives back each collecting step's results (an empty list
 * for the others). Large writes go through it so that they can run on a thread of their own
 * (write-thread.ts) while the server's thread goes on reading Graph and answering requests.
 */
export interface BulkWriter {
  write(steps: BulkStep[]): Promise<unknown[][]>;
  /** Lets the writes already given finish; called once, at shutdown. */
  close(): Promise<void>;
}

/** The same on the server's own connection: for a database in memory, which no other thread can open. */
export class InlineBulkWriter implements BulkWriter {
  private readonly statements = new Map<string, Statement<unknown[]>>();

  constructor(private readonly db: Database) {}

  /** Its writes finish before they return: nothing to wait for. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  write(steps: BulkStep[]): Promise<unknown[][]> {
    const client = this.db.$client;
    const statement = (sql: string) => {
      let prepared = this.statements.get(sql);
      if (!prepared) this.statements.set(sql, (prepared = client.prepare<unknown[]>(sql)));
      return prepared;
    };
    try {
      return Promise.resolve(
        client.transaction(() =>
          steps.map((step) => {
            const prepared = statement(step.sql);
            // Spread, not an array: better-sqlite3 binds arguments in ~57% of the instructions an array costs (RESULTS.md).
            if (step.collect) return step.rows.map((row) => prepared.pluck().get(...row));
            for (const row of step.rows) prepared.run(...row);
            return [];
          }),
        ).immediate(),
      );
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }
}
