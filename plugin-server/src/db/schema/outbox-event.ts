import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { EventEnvelope, EventType } from '@m365/contracts';
import { timestamp } from './columns.js';

/** Events for the host, written in the same transaction as the change they report. */
export const outboxEvent = sqliteTable(
  'outbox_event',
  {
    sequence: integer('sequence').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    partnerId: text('partner_id').notNull(),
    organizationId: text('organization_id'),
    type: text('type').$type<EventType>().notNull(),
    envelope: text('envelope', { mode: 'json' }).$type<EventEnvelope>().notNull(),
    status: text('status').$type<'pending' | 'delivered' | 'failed'>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at').notNull(),
    deliveredAt: timestamp('delivered_at'),
  },
  (table) => [
    index('outbox_event_pending_idx').on(table.status, table.nextAttemptAt),
    index('outbox_event_partner_idx').on(table.partnerId, table.sequence),
    // Finds the head of each delivery lane (a partner's organization, or the partner itself).
    index('outbox_event_lane_idx').on(table.status, table.partnerId, table.organizationId, table.sequence),
  ],
);
export type OutboxEventRow = typeof outboxEvent.$inferSelect;
