import { z } from 'zod';
import { ErrorCodeSchema } from '../common/errors.js';
import { IdSchema, IsoDateTimeSchema } from '../common/paging.js';
import { OnboardingSettingsInputSchema, OrganizationSettingsSchema } from '../settings/settings.schemas.js';

/** Steps of connecting an organization. */
export const ONBOARDING_STEPS = [
  'sign_in',
  'verify',
  'register_app',
  'service_principal',
  'grant',
  'credential',
  'propagation',
  'first_sync',
] as const;
/** Steps of removing the application from a disconnected organization's tenant (the admin signs in again). */
export const REMOVAL_STEPS = ['sign_in', 'verify', 'remove_app'] as const;
export const OnboardingStepSchema = z.enum([...ONBOARDING_STEPS, 'remove_app']);
export type OnboardingStep = z.infer<typeof OnboardingStepSchema>;

export const OnboardingStatusSchema = z.enum([
  'awaiting_sign_in',
  'awaiting_confirmation',
  'queued',
  'configuring',
  'connected',
  'failed',
  'cancelled',
]);
export type OnboardingStatus = z.infer<typeof OnboardingStatusSchema>;
export const ACTIVE_ONBOARDING_STATUSES = ['awaiting_sign_in', 'awaiting_confirmation', 'queued', 'configuring'] as const;

export const StepStateSchema = z.enum(['pending', 'running', 'waiting', 'done', 'failed']);
export type StepState = z.infer<typeof StepStateSchema>;

export const StepProgressSchema = z.object({
  step: OnboardingStepSchema,
  state: StepStateSchema,
  message: z.string().nullable().describe('What is happening now, in words a technician understands'),
  attempts: z.number().int().nonnegative(),
  startedAt: IsoDateTimeSchema.nullable(),
  finishedAt: IsoDateTimeSchema.nullable(),
  waitUntil: IsoDateTimeSchema.nullable().describe('Set while the step waits for Microsoft (throttling, replication)'),
});
export type StepProgress = z.infer<typeof StepProgressSchema>;

export const SignInCodeSchema = z.object({
  userCode: z.string(),
  verificationUri: z.string().url(),
  expiresAt: IsoDateTimeSchema,
  issuedAt: IsoDateTimeSchema,
  renewals: z.number().int().nonnegative().describe('How many times an expired code was replaced'),
});
export type SignInCode = z.infer<typeof SignInCodeSchema>;

export const NextActionSchema = z.enum([
  'retry',
  'new_code',
  'use_popup',
  'ask_global_admin',
  'choose_other_customer',
  'confirm_tenant',
  'none',
]);
export type NextAction = z.infer<typeof NextActionSchema>;

export const OnboardingFailureSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  action: NextActionSchema,
  step: OnboardingStepSchema,
  details: z.record(z.unknown()).optional(),
});
export type OnboardingFailure = z.infer<typeof OnboardingFailureSchema>;

export const TenantSummarySchema = z.object({
  tenantId: z.string().uuid(),
  displayName: z.string(),
  primaryDomain: z.string(),
  verifiedDomains: z.array(z.string()),
});
export type TenantSummary = z.infer<typeof TenantSummarySchema>;

export const OnboardingPurposeSchema = z.enum(['connect', 'remove_application']);
export type OnboardingPurpose = z.infer<typeof OnboardingPurposeSchema>;

export const OnboardingSchema = z.object({
  id: IdSchema,
  purpose: OnboardingPurposeSchema.describe('connect: Add organization; remove_application: delete the app after a disconnect'),
  customerId: IdSchema,
  customerName: z.string(),
  batchId: z.string().nullable(),
  status: OnboardingStatusSchema,
  currentStep: OnboardingStepSchema,
  steps: z.array(StepProgressSchema),
  signIn: SignInCodeSchema.nullable().describe('Present while the admin still has to sign in'),
  settings: OrganizationSettingsSchema,
  tenant: TenantSummarySchema.nullable(),
  consentedBy: z.string().nullable(),
  domainMismatch: z
    .object({ customerDomains: z.array(z.string()), tenantDomains: z.array(z.string()) })
    .nullable()
    .describe('Set when the signed-in tenant shares no domain with the customer; waits for confirmation'),
  organizationId: z.string().nullable(),
  failure: OnboardingFailureSchema.nullable(),
  summary: z
    .object({ usersFound: z.number().int(), usersLicensed: z.number().int(), eligibleUnlicensed: z.number().int() })
    .nullable(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  finishedAt: IsoDateTimeSchema.nullable(),
});
export type Onboarding = z.infer<typeof OnboardingSchema>;

export const StartOnboardingSchema = z
  .object({
    customerId: IdSchema,
    settings: OnboardingSettingsInputSchema.default({}),
  })
  .strict();
export type StartOnboardingInput = z.input<typeof StartOnboardingSchema>;

export const ListOnboardingsQuerySchema = z.object({
  customerId: IdSchema.optional(),
  batchId: IdSchema.optional(),
  active: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
});

export const PopupSignInSchema = z
  .object({
    accessToken: z.string().min(20).max(20_000).describe('Delegated Graph token from @azure/msal-browser'),
  })
  .strict();

export const SignInConfigSchema = z.object({
  clientId: z.string(),
  authority: z.string().url().describe('Authority for the pop-up sign-in, e.g. https://login.microsoftonline.com/organizations'),
  knownAuthorities: z.array(z.string()),
  scopes: z.array(z.string()),
  redirectUri: z.string().url().describe('Redirect bridge page served by the plugin'),
});
export type SignInConfig = z.infer<typeof SignInConfigSchema>;

export const ShareLinkSchema = z.object({
  url: z.string().url(),
  expiresAt: IsoDateTimeSchema,
});
export type ShareLink = z.infer<typeof ShareLinkSchema>;

export const BatchSchema = z.object({
  id: IdSchema,
  createdAt: IsoDateTimeSchema,
  settings: OnboardingSettingsInputSchema,
  items: z.array(OnboardingSchema),
  rejected: z.array(z.object({ customerId: z.string(), code: ErrorCodeSchema, message: z.string() })),
  counts: z.object({
    total: z.number().int(),
    awaitingSignIn: z.number().int(),
    queued: z.number().int(),
    configuring: z.number().int(),
    connected: z.number().int(),
    failed: z.number().int(),
  }),
});
export type Batch = z.infer<typeof BatchSchema>;

export const StartBatchSchema = z
  .object({
    customerIds: z.array(IdSchema).min(1).max(500),
    settings: OnboardingSettingsInputSchema.default({}),
  })
  .strict();
export type StartBatchInput = z.input<typeof StartBatchSchema>;
