import { primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamps } from './columns.js';

export const customer = sqliteTable(
  'customer',
  {
    partnerId: text('partner_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    domains: text('domains', { mode: 'json' }).$type<string[]>().notNull().default([]),
    ...timestamps,
  },
  (table) => [primaryKey({ columns: [table.partnerId, table.id] })],
);
