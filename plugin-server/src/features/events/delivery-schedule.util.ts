export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
  /** How long after the event was written we keep trying. */
  windowMs: number;
}

/**
 * When to try again after `attempts` failed deliveries: exponential from `baseMs`, capped at `maxMs`,
 * with ±20% jitter so a host that comes back is not hit by every lane at once; null once the window
 * since the event was written has passed.
 */
export function nextAttemptAt(createdAt: Date, attempts: number, now: Date, policy: RetryPolicy, random = Math.random): Date | null {
  if (now.getTime() - createdAt.getTime() >= policy.windowMs) return null;
  const delay = Math.min(policy.baseMs * 2 ** Math.max(attempts - 1, 0), policy.maxMs);
  return new Date(now.getTime() + Math.round(delay * (0.8 + 0.4 * random())));
}
