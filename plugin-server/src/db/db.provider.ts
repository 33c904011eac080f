import Sqlite from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema/index.js';

export const DATABASE = Symbol('DATABASE');
export type Database = BetterSQLite3Database<typeof schema> & { $client: Sqlite.Database };

/** Opens SQLite in WAL mode; `:memory:` gives a private database for tests. */
export function openDatabase(file: string): Database {
  const sqlite = new Sqlite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Checkpoint every ~40 MB of WAL rather than 4 MB: a user sync writes a page per transaction, and each
  // checkpoint's fsync costs more than the writes it follows (measured by test/bench/sync).
  sqlite.pragma('wal_autocheckpoint = 10000');
  return drizzle(sqlite, { schema });
}
