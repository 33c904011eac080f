import { z } from 'zod';
import { ErrorCodeSchema } from '../common/errors.js';
import { IdSchema, IsoDateTimeSchema } from '../common/paging.js';
import { DomainNameSchema, OrganizationStatusSchema } from '../customers/customers.schemas.js';
import { DeviceStatusSchema } from '../devices/devices.schemas.js';
import { OnboardingStatusSchema, SignInCodeSchema } from '../onboarding/onboarding.schemas.js';
import { OnboardingSettingsInputSchema } from '../settings/settings.schemas.js';

/** Standard Webhooks headers; the signature covers `${id}.${timestamp}.${rawBody}`. */
export const WebhookHeadersSchema = z.object({
  'webhook-id': z
    .string()
    .min(1)
    .max(256)
    .regex(/^[^.\s]+$/, 'must not contain dots or spaces')
    .describe('Unique per message and kept across retries; a repeated id gets the first answer back'),
  'webhook-timestamp': z.string().regex(/^\d+$/).describe('Seconds since the Unix epoch; accepted within 5 minutes either way'),
  'webhook-signature': z
    .string()
    .min(1)
    .describe('Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`; one per secret during rotation'),
});

export const UpsertCustomerHookSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    domains: z.array(DomainNameSchema).max(100).default([]),
  })
  .strict();
export type UpsertCustomerHook = z.input<typeof UpsertCustomerHookSchema>;

export const UpsertDeviceHookSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    isMain: z.boolean().default(false).describe('At most one Main device per partner; setting it moves the flag'),
    status: DeviceStatusSchema.default('offline'),
    lastSeenAt: IsoDateTimeSchema.nullable().default(null),
  })
  .strict();
export type UpsertDeviceHook = z.input<typeof UpsertDeviceHookSchema>;

export const SeatPoolHookSchema = z.object({ totalSeats: z.number().int().min(0).max(10_000_000) }).strict();

export const StartOnboardingsHookSchema = z
  .object({
    customerIds: z.array(IdSchema).min(1).max(500),
    settings: OnboardingSettingsInputSchema.default({}),
    startedBy: z.string().max(200).optional().describe('Who asked, recorded in the audit'),
  })
  .strict();
export type StartOnboardingsHook = z.input<typeof StartOnboardingsHookSchema>;

export const HookAckSchema = z.object({ ok: z.literal(true) });

export const CustomerStatusSchema = z.object({
  customerId: z.string(),
  organizationId: z.string().nullable(),
  organizationStatus: OrganizationStatusSchema.nullable(),
  onboarding: z
    .object({ id: z.string(), status: OnboardingStatusSchema, signIn: SignInCodeSchema.nullable() })
    .nullable(),
  usersLicensed: z.number().int(),
  lastSyncAt: IsoDateTimeSchema.nullable(),
});
export type CustomerStatus = z.infer<typeof CustomerStatusSchema>;

export const StartOnboardingsHookResultSchema = z.object({
  batchId: z.string(),
  items: z.array(
    z.object({
      customerId: z.string(),
      onboardingId: z.string().nullable(),
      status: OnboardingStatusSchema.nullable(),
      signIn: SignInCodeSchema.nullable(),
      error: z.object({ code: ErrorCodeSchema, message: z.string() }).nullable(),
    }),
  ),
});
export type StartOnboardingsHookResult = z.infer<typeof StartOnboardingsHookResultSchema>;
