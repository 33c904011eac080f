import { MicrosoftError } from '../microsoft/microsoft-error.js';

/**
 * The one retry policy for everything that talks to Microsoft: onboarding steps persist the decided
 * wait and resume later; user sync sleeps in process. Both classify with `classify` and wait with
 * `retryDelayMs`.
 */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;
const BACKOFF_BASE_MS = 2_000;
const BACKOFF_CAP_MS = 30_000;
// Replication usually settles within a minute and each check is one cheap request: look more often.
const REPLICATION_CAP_MS = 10_000;

export type RetryKind = 'throttled' | 'unavailable' | 'replication' | 'network';

export type Classification =
  | { retry: true; kind: RetryKind; retryAfterMs: number | undefined }
  | { retry: false; kind: 'unauthorized' | 'forbidden' | 'not_found' | 'invalid' | 'declined' | 'other' };

/** Errors Entra returns while an object created a moment ago has not reached every replica yet. */
export function isReplicationError(error: MicrosoftError): boolean {
  // 700027: a certificate registered a moment ago is not yet known to every replica ("The key was not found").
  if (error.source === 'identity') return error.hasAadsts(700016, 7000215, 7000222, 700027);
  if (error.code === 'Request_ResourceNotFound' || error.code === 'NoBackingApplicationObject') return true;
  return (
    error.status === 400 &&
    /does not exist or one of its queried reference-property objects|Not a valid reference update|was not found on application/i.test(
      error.message,
    )
  );
}

/**
 * `expectReplication` is true only right after the plugin created the object concerned; elsewhere
 * a 404 is a real absence.
 */
export function classify(error: unknown, options: { expectReplication?: boolean } = {}): Classification {
  if (!(error instanceof MicrosoftError)) return { retry: true, kind: 'network', retryAfterMs: undefined };
  if (error.source === 'network') return { retry: true, kind: 'network', retryAfterMs: undefined };
  if (options.expectReplication && isReplicationError(error)) return { retry: true, kind: 'replication', retryAfterMs: undefined };
  const { status } = error;
  if (status === 429) return { retry: true, kind: 'throttled', retryAfterMs: error.extra.retryAfterMs };
  if (status === 503 || status === 504) return { retry: true, kind: 'unavailable', retryAfterMs: error.extra.retryAfterMs };
  if (status >= 500) return { retry: true, kind: 'unavailable', retryAfterMs: undefined };
  if (status === 401) return { retry: false, kind: 'unauthorized' };
  if (status === 403) return { retry: false, kind: 'forbidden' };
  if (status === 404) return { retry: false, kind: 'not_found' };
  return { retry: false, kind: 'invalid' };
}

/** Retry-After is either delta-seconds (Graph sends fractions) or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.min(Math.ceil(Number(trimmed) * 1000), MAX_RETRY_AFTER_MS);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.min(Math.max(date - now, 0), MAX_RETRY_AFTER_MS);
}

/** Exponential backoff 2, 4, 8, 16, 30, 30... seconds (or up to `capMs`) with +-20% jitter so many callers spread out. */
export function backoffMs(attempt: number, random: () => number = Math.random, capMs = BACKOFF_CAP_MS): number {
  const base = Math.min(BACKOFF_BASE_MS * 2 ** Math.max(attempt - 1, 0), capMs);
  return Math.round(base * (0.8 + random() * 0.4));
}

/** Never earlier than Microsoft's Retry-After; a small jitter on top keeps callers from waking together. */
export function retryDelayMs(classification: Extract<Classification, { retry: true }>, attempt: number, random: () => number = Math.random): number {
  if (classification.retryAfterMs !== undefined) return classification.retryAfterMs + Math.round(random() * 250);
  return backoffMs(attempt, random, classification.kind === 'replication' ? REPLICATION_CAP_MS : BACKOFF_CAP_MS);
}
