import { sql, type SQL } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns.js';
import { organization } from './organization.js';

/**
 * The users of each organization as the last sync saw them. `has_mailbox` / `is_shared_mailbox` come
 * from the Exchange plan when there is one (`has_exchange_plan`), otherwise from a mailboxSettings
 * lookup (`mailbox_purpose_known`). `unlicensed_reason` only marks users an automatic pass left
 * waiting for a seat, so the host is told once per user; other reasons are derived when read.
 * Rows are keyed by the organization's integer `user_key`, not its 36-character id: the key leads
 * every index, and the long id there nearly tripled a 100,000-user sync's writes (test/bench/RESULTS.md).
 */
export const tenantUser = sqliteTable(
  'tenant_user',
  {
    organizationKey: integer('organization_key').notNull(),
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
    hasExchangePlan: integer('has_exchange_plan', { mode: 'boolean' }).notNull().default(false),
    mailboxPurposeKnown: integer('mailbox_purpose_known', { mode: 'boolean' }).notNull().default(false),
    deletedInTenant: integer('deleted_in_tenant', { mode: 'boolean' }).notNull().default(false),
    licensed: integer('licensed', { mode: 'boolean' }).notNull().default(false),
    licensedAt: timestamp('licensed_at'),
    unlicensedReason: text('unlicensed_reason').$type<'no_seats_left'>(),
    firstSeenAt: timestamp('first_seen_at').notNull(),
    lastSeenAt: timestamp('last_seen_at').notNull(),
    changedAt: timestamp('changed_at'),
    deletedAt: timestamp('deleted_at'),
  },
  (table) => [
    primaryKey({ columns: [table.organizationKey, table.id] }),
    index('tenant_user_upn_idx').on(table.organizationKey, sql`${table.userPrincipalName} collate nocase`, table.id),
    index('tenant_user_name_idx').on(table.organizationKey, sql`${table.displayName} collate nocase`),
    index('tenant_user_licensed_idx').on(table.partnerId, table.organizationKey).where(sql`${table.licensed} = 1`),
    // Automatic licensing reads only the eligible users still without a seat. Keyed by first seen only:
    // the rows of one sync share it, so new entries append instead of landing all over the index.
    index('tenant_user_candidate_idx')
      .on(table.organizationKey, table.firstSeenAt)
      .where(
        sql`${table.licensed} = 0 and ${table.deletedInTenant} = 0 and ${table.userType} = 'member' and (${table.hasMailbox} = 1 or ${table.hasOneDrive} = 1)`,
      ),
    index('tenant_user_lookup_idx').on(table.organizationKey, table.id).where(awaitingMailboxLookup(table)),
  ],
);
export type TenantUserRow = typeof tenantUser.$inferSelect;

/**
 * Accounts whose plans and address do not tell whether they have a mailbox, waiting for a mailboxSettings
 * lookup (graph-user.util.ts): tenant_user_lookup_idx's predicate, and the queries' own so SQLite uses it.
 */
export function awaitingMailboxLookup(columns: Record<'mailboxPurposeKnown' | 'hasExchangePlan' | 'userType' | 'deletedInTenant', AnySQLiteColumn>): SQL {
  return sql`${columns.mailboxPurposeKnown} = 0 and ${columns.hasExchangePlan} = 0 and ${columns.userType} = 'member' and ${columns.deletedInTenant} = 0`;
}

/** Eligible for a backup seat: a member (not a guest) still in the tenant with a mailbox or a OneDrive. */
export const eligibleUser = sql`(${tenantUser.userType} = 'member' and ${tenantUser.deletedInTenant} = 0 and (${tenantUser.hasMailbox} = 1 or ${tenantUser.hasOneDrive} = 1))`;

/** What automatic mode licenses: eligible, unlicensed, and enabled or a shared mailbox (a disabled ordinary user gets no new seat). */
export const automaticCandidate = sql`(${tenantUser.licensed} = 0 and ${eligibleUser} and (${tenantUser.accountEnabled} = 1 or ${tenantUser.isSharedMailbox} = 1))`;

/** The tenant_user key of an organization, for `where organization_key = ...` (SQLite evaluates it once per query). */
export const organizationKeyOf = (organizationId: string) =>
  sql`(select ${organization.userKey} from ${organization} where ${organization.id} = ${organizationId})`;
