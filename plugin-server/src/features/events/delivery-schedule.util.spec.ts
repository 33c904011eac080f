import { describe, expect, it } from 'vitest';
import { nextAttemptAt } from './delivery-schedule.util.js';

const policy = { baseMs: 5_000, maxMs: 3600_000, windowMs: 48 * 3600_000 };
const created = new Date('2026-11-27T10:00:00Z');
const at = (ms: number) => new Date(created.getTime() + ms);

describe('nextAttemptAt', () => {
  it('should double the wait after each failure up to the cap', () => {
    const middle = () => 0.5;
    const waits = [1, 2, 3, 4, 12, 20].map((attempts) => nextAttemptAt(created, attempts, created, policy, middle)!.getTime() - created.getTime());
    expect(waits).toEqual([5_000, 10_000, 20_000, 40_000, 3600_000, 3600_000]);
  });

  it('should spread retries by at most 20% either way', () => {
    expect(nextAttemptAt(created, 1, created, policy, () => 0)!.getTime() - created.getTime()).toBe(4_000);
    expect(nextAttemptAt(created, 1, created, policy, () => 1)!.getTime() - created.getTime()).toBe(6_000);
  });

  it('should keep retrying for the whole window, at least a day, and then give up', () => {
    expect(nextAttemptAt(created, 40, at(24 * 3600_000), policy)).not.toBeNull();
    expect(nextAttemptAt(created, 60, at(48 * 3600_000 - 1), policy)).not.toBeNull();
    expect(nextAttemptAt(created, 61, at(48 * 3600_000), policy)).toBeNull();
  });
});
