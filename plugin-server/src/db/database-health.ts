import { sql } from 'drizzle-orm';
import type { Database } from './db.provider.js';

export function pingDatabase(db: Database): void {
  db.get(sql`select 1`);
}
