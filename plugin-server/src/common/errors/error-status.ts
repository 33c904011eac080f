import type { ErrorCode } from '@m365/contracts';
import { assertUnreachable } from './domain-error.js';

/** The one place an error code becomes an HTTP status. */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'ONBOARDING_POPUP_TOKEN_INVALID':
      return 400;
    case 'UNAUTHENTICATED':
    case 'HOOK_SIGNATURE_INVALID':
      return 401;
    case 'FORBIDDEN':
    case 'ONBOARDING_ADMIN_ROLE_INSUFFICIENT':
    case 'ONBOARDING_CONSENT_DENIED':
      return 403;
    case 'NOT_FOUND':
    case 'CUSTOMER_NOT_FOUND':
    case 'DEVICE_NOT_FOUND':
    case 'ORGANIZATION_NOT_FOUND':
    case 'ONBOARDING_NOT_FOUND':
    case 'USER_NOT_FOUND':
    case 'BATCH_NOT_FOUND':
    case 'SHARE_LINK_NOT_FOUND':
    case 'HOOK_PARTNER_UNKNOWN':
      return 404;
    case 'CUSTOMER_ALREADY_CONNECTED':
    case 'ONBOARDING_ALREADY_ACTIVE':
    case 'ONBOARDING_NOT_ACTIVE':
    case 'ONBOARDING_INVALID_TRANSITION':
    case 'ONBOARDING_TENANT_ALREADY_CONNECTED':
    case 'ORGANIZATION_NOT_CONNECTED':
    case 'ORGANIZATION_APPLICATION_NAME_LOCKED':
    case 'SYNC_ALREADY_RUNNING':
    case 'LICENSE_SEATS_EXHAUSTED':
    case 'LICENSE_MODE_AUTOMATIC':
    case 'DEVICE_NO_MAIN':
    case 'HOOK_IN_PROGRESS':
    case 'HOOK_ID_REUSED':
      return 409;
    case 'SHARE_LINK_EXPIRED':
      return 410;
    case 'LICENSE_USER_NOT_ELIGIBLE':
    case 'ONBOARDING_SIGN_IN_CODE_EXPIRED':
    case 'ONBOARDING_SIGN_IN_DECLINED':
    case 'ONBOARDING_SIGN_IN_BLOCKED_BY_CONDITIONAL_ACCESS':
    case 'ONBOARDING_SIGN_IN_PERSONAL_ACCOUNT':
    case 'ONBOARDING_SIGN_IN_FAILED':
    case 'ONBOARDING_WRONG_TENANT':
    case 'ONBOARDING_CANCELLED':
    case 'SYNC_DELTA_TOKEN_EXPIRED':
      return 422;
    case 'ONBOARDING_CREDENTIAL_REJECTED':
    case 'SYNC_CREDENTIAL_REJECTED':
    case 'SYNC_CONSENT_REVOKED':
    case 'GRAPH_REQUEST_FAILED':
    case 'GRAPH_LINK_REJECTED':
      return 502;
    case 'GRAPH_THROTTLED':
    case 'GRAPH_UNAVAILABLE':
    case 'ONBOARDING_MICROSOFT_UNAVAILABLE':
    case 'ONBOARDING_PROPAGATION_TIMEOUT':
      return 503;
    case 'INTERNAL':
      return 500;
    default:
      return assertUnreachable(code);
  }
}
