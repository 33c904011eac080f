import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns.js';

export const tenantUser = sqliteTable(
  'tenant_user',
  {
    organizationId: text('organization_id').notNull(),
    id: text('id').notNull(),
    partnerId: text('partner_id').notNull(),
    userPrincipalName: text('user_principal_name').notNull(),
    displayName: text('display_name'),
    mail: text('mail'),
    accountEnabled: integer('account_enabled', { mode: 'boolean' }).notNull(),
    userType: text('user_type').$type<'member' | 'guest'>().notNull(),
    isSharedMailbox: integer('is_shared_mailbox', { mode: 'boolean' }).notNull().default(false),
    hasMailbox: integer('has_mailbox', { mode: 'boolean' }).notNull().default(false),
    hasOneDrive: integer('has_one_drive', { mode: 'boolean' }).notNull().default(false),
    mailboxPurposeKnown: integer('mailbox_purpose_known', { mode: 'boolean' }).notNull().default(false),
    deletedInTenant: integer('deleted_in_tenant', { mode: 'boolean' }).notNull().default(false),
    licensed: integer('licensed', { mode: 'boolean' }).notNull().default(false),
    licensedAt: timestamp('licensed_at'),
    unlicensedReason: text('unlicensed_reason'),
    firstSeenAt: timestamp('first_seen_at').notNull(),
    lastSeenAt: timestamp('last_seen_at').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.organizationId, table.id] }),
    index('tenant_user_upn_idx').on(table.organizationId, table.userPrincipalName),
    index('tenant_user_name_idx').on(table.organizationId, table.displayName),
    index('tenant_user_licensed_idx').on(table.partnerId, table.licensed).where(sql`${table.licensed} = 1`),
  ],
);
export type TenantUserRow = typeof tenantUser.$inferSelect;
