import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns.js';

/** Each webhook-id is processed once; a replay gets the first answer back. */
export const hookReceipt = sqliteTable(
  'hook_receipt',
  {
    partnerId: text('partner_id').notNull(),
    webhookId: text('webhook_id').notNull(),
    status: integer('status').notNull(),
    body: text('body', { mode: 'json' }).$type<unknown>(),
    receivedAt: timestamp('received_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.partnerId, table.webhookId] })],
);
export type HookReceiptRow = typeof hookReceipt.$inferSelect;
