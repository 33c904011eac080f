import { z } from 'zod';

/** Every error code the plugin can return, on the wire or inside an onboarding's failure. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'INTERNAL',
  'CUSTOMER_NOT_FOUND',
  'CUSTOMER_ALREADY_CONNECTED',
  'DEVICE_NOT_FOUND',
  'DEVICE_NO_MAIN',
  'ORGANIZATION_NOT_FOUND',
  'ORGANIZATION_NOT_CONNECTED',
  'ORGANIZATION_APPLICATION_NAME_LOCKED',
  'ONBOARDING_NOT_FOUND',
  'ONBOARDING_ALREADY_ACTIVE',
  'ONBOARDING_NOT_ACTIVE',
  'ONBOARDING_INVALID_TRANSITION',
  'ONBOARDING_POPUP_TOKEN_INVALID',
  'ONBOARDING_SIGN_IN_CODE_EXPIRED',
  'ONBOARDING_SIGN_IN_DECLINED',
  'ONBOARDING_SIGN_IN_BLOCKED_BY_CONDITIONAL_ACCESS',
  'ONBOARDING_SIGN_IN_PERSONAL_ACCOUNT',
  'ONBOARDING_SIGN_IN_FAILED',
  'ONBOARDING_ADMIN_ROLE_INSUFFICIENT',
  'ONBOARDING_TENANT_ALREADY_CONNECTED',
  'ONBOARDING_WRONG_TENANT',
  'ONBOARDING_CONSENT_DENIED',
  'ONBOARDING_CREDENTIAL_REJECTED',
  'ONBOARDING_PROPAGATION_TIMEOUT',
  'ONBOARDING_MICROSOFT_UNAVAILABLE',
  'ONBOARDING_CANCELLED',
  'USER_NOT_FOUND',
  'LICENSE_SEATS_EXHAUSTED',
  'LICENSE_USER_NOT_ELIGIBLE',
  'LICENSE_MODE_AUTOMATIC',
  'SYNC_ALREADY_RUNNING',
  'SYNC_CREDENTIAL_REJECTED',
  'SYNC_CONSENT_REVOKED',
  'SYNC_DELTA_TOKEN_EXPIRED',
  'GRAPH_THROTTLED',
  'GRAPH_UNAVAILABLE',
  'GRAPH_REQUEST_FAILED',
  'GRAPH_LINK_REJECTED',
  'HOOK_SIGNATURE_INVALID',
  'HOOK_PARTNER_UNKNOWN',
  'HOOK_IN_PROGRESS',
  'HOOK_ID_REUSED',
  'BATCH_NOT_FOUND',
  'SHARE_LINK_NOT_FOUND',
  'SHARE_LINK_EXPIRED',
] as const;

export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ValidationIssueSchema = z.object({
  path: z.string().describe('Dotted path of the offending field, e.g. "settings.applicationName"'),
  message: z.string(),
});
export type ValidationIssue = z.infer<typeof ValidationIssueSchema>;

export const ApiErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string().describe('A sentence a technician understands, saying what happened and what to do'),
  details: z.unknown().optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** Responses every route can return; their body is always an ApiError. */
export const commonResponses = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  404: ApiErrorSchema,
  409: ApiErrorSchema,
  410: ApiErrorSchema,
  422: ApiErrorSchema,
  500: ApiErrorSchema,
  502: ApiErrorSchema,
  503: ApiErrorSchema,
} as const;
