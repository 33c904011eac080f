import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { AuditRecord } from '@m365/contracts';
import { timestamp, timestamps } from './columns.js';

export const auditRecord = sqliteTable(
  'audit_record',
  {
    id: text('id').primaryKey(),
    partnerId: text('partner_id').notNull(),
    kind: text('kind').$type<AuditRecord['kind']>().notNull(),
    organizationId: text('organization_id'),
    onboardingId: text('onboarding_id'),
    customerId: text('customer_id').notNull(),
    technicianId: text('technician_id'),
    consentedBy: text('consented_by'),
    tenantId: text('tenant_id'),
    tenantName: text('tenant_name'),
    applicationId: text('application_id'),
    permissionsGranted: text('permissions_granted', { mode: 'json' }).$type<string[]>().notNull().default([]),
    certificateThumbprint: text('certificate_thumbprint'),
    certificateExpiresAt: timestamp('certificate_expires_at'),
    startedAt: timestamp('started_at').notNull(),
    finishedAt: timestamp('finished_at'),
    outcome: text('outcome').$type<AuditRecord['outcome']>().notNull(),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    ...timestamps,
  },
  (table) => [index('audit_record_org_idx').on(table.partnerId, table.organizationId), index('audit_record_onboarding_idx').on(table.onboardingId)],
);
export type AuditRecordRow = typeof auditRecord.$inferSelect;
