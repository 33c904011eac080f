import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { AttentionReason, LicenseMode, OrganizationStatus } from '@m365/contracts';
import { timestamp, timestamps } from './columns.js';

export const organization = sqliteTable(
  'organization',
  {
    id: text('id').primaryKey(),
    /** Compact key of the organization's rows in tenant_user (see tenant-user.ts); assigned at insert by nextUserKey. */
    userKey: integer('user_key').notNull(),
    partnerId: text('partner_id').notNull(),
    customerId: text('customer_id').notNull(),
    status: text('status').$type<OrganizationStatus>().notNull(),
    onboardingId: text('onboarding_id'),
    tenantId: text('tenant_id'),
    tenantName: text('tenant_name'),
    primaryDomain: text('primary_domain'),
    attentionReason: text('attention_reason').$type<AttentionReason>(),
    attentionMessage: text('attention_message'),
    attentionSince: timestamp('attention_since'),
    applicationName: text('application_name').notNull(),
    licenseMode: text('license_mode').$type<LicenseMode>().notNull(),
    defaultDeviceId: text('default_device_id').notNull(),
    syncIntervalMinutes: integer('sync_interval_minutes').notNull(),
    applicationObjectId: text('application_object_id'),
    applicationAppId: text('application_app_id'),
    servicePrincipalId: text('service_principal_id'),
    certificateThumbprint: text('certificate_thumbprint'),
    certificateKeyId: text('certificate_key_id'),
    certificatePem: text('certificate_pem'),
    certificateKeyEnc: text('certificate_key_enc'),
    certificateExpiresAt: timestamp('certificate_expires_at'),
    connectedAt: timestamp('connected_at'),
    disconnectedAt: timestamp('disconnected_at'),
    nextSyncAt: timestamp('next_sync_at'),
    lastSyncAt: timestamp('last_sync_at'),
    lastSyncStatus: text('last_sync_status').$type<'succeeded' | 'failed'>(),
    lastSyncMessage: text('last_sync_message'),
    deltaLinkEnc: text('delta_link_enc'),
    syncFailures: integer('sync_failures').notNull().default(0),
    ...timestamps,
  },
  (table) => [
    index('organization_partner_idx').on(table.partnerId, table.status),
    uniqueIndex('organization_user_key_uq').on(table.userKey),
    uniqueIndex('organization_live_customer_uq')
      .on(table.partnerId, table.customerId)
      .where(sql`${table.status} <> 'disconnected'`),
    uniqueIndex('organization_live_tenant_uq')
      .on(table.partnerId, table.tenantId)
      .where(sql`${table.status} <> 'disconnected' and ${table.tenantId} is not null`),
    index('organization_next_sync_idx').on(table.nextSyncAt).where(sql`${table.status} in ('connected', 'needs_attention')`),
  ],
);
export type OrganizationRow = typeof organization.$inferSelect;

/** The highest user key plus one. Deleting an organization deletes its users, so a key taken again starts empty. */
export const nextUserKey = sql<number>`(select coalesce(max(${organization.userKey}), 0) + 1 from ${organization})`;
