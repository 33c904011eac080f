import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { ErrorCode, SyncRun } from '@m365/contracts';
import { timestamp } from './columns.js';

/** One user sync of one organization: queued, running, then succeeded or failed with its counts. */
export const syncRun = sqliteTable(
  'sync_run',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id').notNull(),
    partnerId: text('partner_id').notNull(),
    kind: text('kind').$type<SyncRun['kind']>().notNull(),
    trigger: text('trigger').$type<SyncRun['trigger']>().notNull(),
    status: text('status').$type<SyncRun['status']>().notNull(),
    queuedAt: timestamp('queued_at').notNull(),
    startedAt: timestamp('started_at'),
    finishedAt: timestamp('finished_at'),
    usersAdded: integer('users_added').notNull().default(0),
    usersChanged: integer('users_changed').notNull().default(0),
    usersRemoved: integer('users_removed').notNull().default(0),
    pages: integer('pages').notNull().default(0),
    requests: integer('requests').notNull().default(0),
    throttleWaits: integer('throttle_waits').notNull().default(0),
    throttleWaitMs: integer('throttle_wait_ms').notNull().default(0),
    errorCode: text('error_code').$type<ErrorCode>(),
    errorMessage: text('error_message'),
  },
  (table) => [
    index('sync_run_organization_idx').on(table.organizationId, table.queuedAt),
    // SQLite uses a partial index only when the query repeats its condition: `status = 'queued'` exactly.
    index('sync_run_queued_idx').on(table.queuedAt).where(sql`${table.status} = 'queued'`),
  ],
);
export type SyncRunRow = typeof syncRun.$inferSelect;
