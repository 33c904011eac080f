import { openDatabase, type Database } from '../db/db.provider.js';
import { applyMigrations } from '../db/migrate.js';

/** A private in-memory SQLite with every migration applied, as repositories are tested. */
export function createTestDatabase(): Database {
  const db = openDatabase(':memory:');
  applyMigrations(db);
  return db;
}
