import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns.js';

/** Each webhook-id is processed once; a replay gets the first answer back. */
export const hookReceipt = sqliteTable(
  'hook_receipt',
  {
    partnerId: text('partner_id').notNull(),
    webhookId: text('webhook_id').notNull(),
    /** HTTP status of the first answer; 102 (Processing) while the first delivery is still being handled. */
    status: integer('status').notNull(),
    body: text('body', { mode: 'json' }).$type<unknown>(),
    receivedAt: timestamp('received_at').notNull(),
    /** SHA-256 of method, path and raw body: the same id sent with another message is refused. */
    requestHash: text('request_hash').notNull().default(''),
  },
  (table) => [primaryKey({ columns: [table.partnerId, table.webhookId] })],
);
export type HookReceiptRow = typeof hookReceipt.$inferSelect;
