import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { LicenseChange } from '@m365/contracts';
import { timestamp } from './columns.js';

/** Every backup license given or taken: who or what did it, when and why. */
export const licenseChange = sqliteTable(
  'license_change',
  {
    sequence: integer('sequence').primaryKey({ autoIncrement: true }),
    partnerId: text('partner_id').notNull(),
    organizationId: text('organization_id').notNull(),
    userId: text('user_id').notNull(),
    userPrincipalName: text('user_principal_name').notNull(),
    action: text('action').$type<LicenseChange['action']>().notNull(),
    reason: text('reason').$type<LicenseChange['reason']>().notNull(),
    actor: text('actor').notNull(),
    at: timestamp('at').notNull(),
  },
  (table) => [index('license_change_organization_idx').on(table.organizationId, table.sequence)],
);
export type LicenseChangeRow = typeof licenseChange.$inferSelect;
