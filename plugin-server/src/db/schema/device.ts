import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp, timestamps } from './columns.js';

export const device = sqliteTable(
  'device',
  {
    partnerId: text('partner_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: ['online', 'offline'] }).notNull().default('offline'),
    lastSeenAt: timestamp('last_seen_at'),
    isMain: integer('is_main', { mode: 'boolean' }).notNull().default(false),
    ...timestamps,
  },
  (table) => [primaryKey({ columns: [table.partnerId, table.id] }), index('device_main_idx').on(table.partnerId, table.isMain)],
);
