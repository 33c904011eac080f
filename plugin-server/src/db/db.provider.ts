import Sqlite from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema/index.js';

export const DATABASE = Symbol('DATABASE');
export type Database = BetterSQLite3Database<typeof schema> & { $client: Sqlite.Database };

/** Pages of WAL after which a connection that checkpoints itself does so (~40 MB rather than SQLite's 4 MB). */
export const AUTO_CHECKPOINT_PAGES = 10_000;

/**
 * Each connection's page cache, in KiB: SQLite's own default. better-sqlite3 builds SQLite with 16 MB: after a
 * 100,000-user sync the write thread's malloc arena held 18.6-19.6 MB, 5.5-6.2 MB with this (test/bench/RESULTS.md);
 * pages not cached are read from the operating system's cache.
 */
export const PAGE_CACHE_KIB = 2_000;

/**
 * What every connection to the database file sets: the server's own (openDatabase) and the write thread's.
 * `autoCheckpoint: false` leaves checkpoints to a WalCheckpointer; either way each commit only appends to
 * the WAL (synchronous NORMAL).
 */
export function connectionPragmas(options: { autoCheckpoint?: boolean } = {}): string[] {
  return [
    'journal_mode = WAL',
    'synchronous = NORMAL',
    'foreign_keys = ON',
    'busy_timeout = 5000',
    `cache_size = -${PAGE_CACHE_KIB}`,
    `wal_autocheckpoint = ${options.autoCheckpoint === false ? 0 : AUTO_CHECKPOINT_PAGES}`,
    // A WAL file that grew during a large sync is cut back once checkpointed, not kept at its largest.
    `journal_size_limit = ${64 * 2 ** 20}`,
  ];
}

/** Opens SQLite with connectionPragmas; `:memory:` gives a private database for tests. */
export function openDatabase(file: string, options: { autoCheckpoint?: boolean } = {}): Database {
  const sqlite = new Sqlite(file);
  for (const pragma of connectionPragmas(options)) sqlite.pragma(pragma);
  return drizzle(sqlite, { schema });
}
