import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { ErrorCode, OnboardingSettings } from '@m365/contracts';
import { timestamps } from './columns.js';

export const onboardingBatch = sqliteTable(
  'onboarding_batch',
  {
    id: text('id').primaryKey(),
    partnerId: text('partner_id').notNull(),
    technicianId: text('technician_id'),
    settings: text('settings', { mode: 'json' }).$type<OnboardingSettings>().notNull(),
    rejected: text('rejected', { mode: 'json' }).$type<{ customerId: string; code: ErrorCode; message: string }[]>().notNull().default([]),
    ...timestamps,
  },
  (table) => [index('onboarding_batch_partner_idx').on(table.partnerId, table.createdAt)],
);
export type OnboardingBatchRow = typeof onboardingBatch.$inferSelect;
