import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database } from './db.provider.js';

/**
 * Runs synchronous repository calls in one SQLite transaction (nested calls become savepoints).
 * The callback must not await: better-sqlite3 is synchronous and network I/O never belongs inside.
 * IMMEDIATE: the write lock is taken (waiting for the write thread's commit if need be) before the
 * first read, so a transaction that reads then writes cannot find its snapshot outdated.
 */
@Injectable()
export class Transactions {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  run<T>(work: () => T): T {
    return this.db.$client.transaction(work).immediate();
  }
}
