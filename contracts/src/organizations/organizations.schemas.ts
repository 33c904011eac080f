import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema, PageQuerySchema } from '../common/paging.js';
import { OrganizationStatusSchema } from '../customers/customers.schemas.js';
import { OrganizationSettingsSchema } from '../settings/settings.schemas.js';

export const ATTENTION_REASONS = [
  'onboarding_failed',
  'credential_rejected',
  'consent_revoked',
  'credential_expiring',
  'default_device_missing',
  'sync_failing',
] as const;
export const AttentionReasonSchema = z.enum(ATTENTION_REASONS);
export type AttentionReason = z.infer<typeof AttentionReasonSchema>;

export const AttentionSchema = z.object({
  reason: AttentionReasonSchema,
  message: z.string(),
  since: IsoDateTimeSchema,
});

export const SyncSummarySchema = z.object({
  at: IsoDateTimeSchema,
  status: z.enum(['succeeded', 'failed']),
  message: z.string().nullable(),
});

export const OrganizationSchema = z.object({
  id: IdSchema,
  customerId: IdSchema,
  customerName: z.string(),
  tenantId: z.string().uuid().nullable().describe('Known once the admin has signed in'),
  tenantName: z.string().nullable(),
  primaryDomain: z.string().nullable(),
  status: OrganizationStatusSchema,
  onboardingId: z.string().nullable().describe('The onboarding that created (or is creating) this connection'),
  attention: AttentionSchema.nullable(),
  settings: OrganizationSettingsSchema,
  defaultDeviceName: z.string().nullable(),
  userCount: z.number().int().nonnegative(),
  licensedCount: z.number().int().nonnegative(),
  applicationId: z.string().nullable().describe('appId of the application registered in the tenant'),
  certificate: z
    .object({ thumbprintSha256: z.string(), expiresAt: IsoDateTimeSchema })
    .nullable(),
  lastSync: SyncSummarySchema.nullable(),
  nextSyncAt: IsoDateTimeSchema.nullable(),
  connectedAt: IsoDateTimeSchema.nullable(),
  disconnectedAt: IsoDateTimeSchema.nullable(),
});
export type Organization = z.infer<typeof OrganizationSchema>;

export const ListOrganizationsQuerySchema = PageQuerySchema.extend({
  search: z.string().trim().max(200).optional().describe('Customer name, tenant name or domain contains'),
  status: OrganizationStatusSchema.optional(),
  customerId: IdSchema.optional(),
});
export type ListOrganizationsQuery = z.infer<typeof ListOrganizationsQuerySchema>;

export const DisconnectOrganizationSchema = z
  .object({
    removeApplication: z
      .boolean()
      .default(false)
      .describe('Also delete the application from the tenant; needs a fresh admin sign-in'),
    reason: z.string().trim().max(500).optional(),
  })
  .strict();
export type DisconnectOrganizationInput = z.input<typeof DisconnectOrganizationSchema>;

export const AuditRecordSchema = z.object({
  id: IdSchema,
  kind: z.enum(['onboarding', 'disconnect', 'settings_changed', 'application_removal']),
  organizationId: z.string().nullable(),
  customerId: IdSchema,
  technicianId: z.string().nullable(),
  consentedBy: z.string().nullable().describe("UPN of the customer's administrator who signed in and consented"),
  tenantId: z.string().nullable(),
  tenantName: z.string().nullable(),
  applicationId: z.string().nullable(),
  permissionsGranted: z.array(z.string()),
  certificate: z.object({ thumbprintSha256: z.string(), expiresAt: IsoDateTimeSchema }).nullable(),
  startedAt: IsoDateTimeSchema,
  finishedAt: IsoDateTimeSchema.nullable(),
  outcome: z.enum(['connected', 'failed', 'cancelled', 'disconnected', 'changed', 'in_progress', 'removed']),
  details: z.record(z.unknown()),
});
export type AuditRecord = z.infer<typeof AuditRecordSchema>;
