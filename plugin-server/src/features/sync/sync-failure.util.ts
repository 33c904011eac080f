import type { AttentionReason, ErrorCode } from '@m365/contracts';
import { DomainError } from '../../common/errors/domain-error.js';
import { MicrosoftError } from '../../common/microsoft/microsoft-error.js';
import { classify } from '../../common/retry/retry-policy.js';

export interface SyncFailure {
  code: ErrorCode;
  message: string;
  /** Set when retrying cannot help: the organization needs attention and its syncs stop. */
  attention?: Extract<AttentionReason, 'credential_rejected' | 'consent_revoked'>;
  retryAfterMs?: number;
}

/** Microsoft's delta answers for a sync state it no longer has: start again from a full listing. */
export function isResyncRequired(error: unknown): boolean {
  if (!(error instanceof MicrosoftError) || error.source !== 'graph') return false;
  return error.status === 410 || ['resyncrequired', 'syncstatenotfound', 'syncstateinvalid'].includes(error.code.toLowerCase());
}

export function toSyncFailure(error: unknown): SyncFailure {
  if (error instanceof DomainError) return { code: error.code, message: error.message };
  if (!(error instanceof MicrosoftError)) {
    return { code: 'INTERNAL', message: 'The sync stopped on an unexpected error; it will be retried.' };
  }
  const detail = `${error.code}: ${error.message}`.trim();
  const classification = classify(error);
  if (classification.retry) {
    return classification.kind === 'throttled'
      ? { code: 'GRAPH_THROTTLED', message: `Microsoft kept throttling the sync (${detail}); it will be retried.`, retryAfterMs: classification.retryAfterMs }
      : { code: 'GRAPH_UNAVAILABLE', message: `Microsoft was unavailable (${detail}); the sync will be retried.`, retryAfterMs: classification.retryAfterMs };
  }
  if (error.source === 'identity' || classification.kind === 'unauthorized') {
    return {
      code: 'SYNC_CREDENTIAL_REJECTED',
      attention: 'credential_rejected',
      message: `Microsoft rejected the application's credential (${detail}). The application or its certificate may have been removed from the tenant: add the organization again, then use Sync now.`,
    };
  }
  if (classification.kind === 'forbidden') {
    return {
      code: 'SYNC_CONSENT_REVOKED',
      attention: 'consent_revoked',
      message: `Microsoft refused to list the users (${detail}); the administrator's consent was probably revoked. Ask the customer's administrator to grant it again, then use Sync now.`,
    };
  }
  return { code: 'GRAPH_REQUEST_FAILED', message: `Microsoft refused a sync request (${detail}); it will be retried.` };
}
