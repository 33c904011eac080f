import { backoffMs } from '../../common/retry/retry-policy.js';

const MAX_JITTER_MS = 5 * 60_000;
/** Whole runs back off on the retry policy's curve stretched 30 times: about 1, 2, 4, 8, 15 minutes. */
const RUN_BACKOFF_SCALE = 30;

/**
 * The next sync: one interval later plus up to a tenth of it (5 minutes at most) at random, so that
 * organizations connected together drift apart instead of firing together for ever.
 */
export function nextSyncAfter(from: Date, intervalMinutes: number, random: () => number = Math.random): Date {
  const intervalMs = intervalMinutes * 60_000;
  return new Date(from.getTime() + intervalMs + Math.floor(random() * Math.min(intervalMs / 10, MAX_JITTER_MS)));
}

/** After a failed run: never before Microsoft's Retry-After, never later than the organization's own interval. */
export function retryAfterFailure(now: Date, failures: number, intervalMinutes: number, retryAfterMs = 0, random: () => number = Math.random): Date {
  const backoff = Math.min(backoffMs(failures, random) * RUN_BACKOFF_SCALE, intervalMinutes * 60_000);
  return new Date(now.getTime() + Math.max(backoff, retryAfterMs));
}
