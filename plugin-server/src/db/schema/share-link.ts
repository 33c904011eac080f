import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns.js';

/** Links that show one onboarding's code and progress to the customer's admin; only a hash of the token is kept. */
export const shareLink = sqliteTable(
  'share_link',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    partnerId: text('partner_id').notNull(),
    onboardingId: text('onboarding_id').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
  },
  (table) => [index('share_link_onboarding_idx').on(table.partnerId, table.onboardingId)],
);
export type ShareLinkRow = typeof shareLink.$inferSelect;
