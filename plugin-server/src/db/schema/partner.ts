import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamps } from './columns.js';

export const partner = sqliteTable('partner', {
  id: text('id').primaryKey(),
  seatPoolTotal: integer('seat_pool_total'),
  ...timestamps,
});
