import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack.js';
import { allUsers, connect, recordGraphRequests, syncNow } from './sync-support.js';

const TENANT = 'contoso.com';

describe('user sync under throttling', () => {
  let stack: Stack;
  let organizationId: string;

  beforeAll(async () => {
    stack = await startStack();
    organizationId = await connect(stack, TENANT);
  }, 120_000);
  afterAll(() => stack?.close());

  it('should complete a throttled full sync, never retrying before Retry-After', async () => {
    const before = await allUsers(stack, organizationId);
    stack.emulator.control.expireDeltaTokens(TENANT);
    // Every second request on /users... fails with 429 and Retry-After: 1, inner $batch requests included.
    stack.emulator.control.setFaults({ throttle: [{ match: { path: '^/users' }, every: 2, retryAfterSeconds: 1 }] });
    const requests = recordGraphRequests(stack.emulator.url);
    try {
      const run = await syncNow(stack, organizationId);
      expect(run).toMatchObject({ kind: 'full', trigger: 'resync', status: 'succeeded', error: null });
      const throttled = requests.log.filter((request) => request.status === 429);
      expect(throttled.length).toBeGreaterThan(0);
      expect(run.throttleWaits).toBeGreaterThanOrEqual(throttled.length);
      expect(run.throttleWaitMs).toBeGreaterThanOrEqual(run.throttleWaits * 1000);
      for (const refusal of throttled) {
        const retry = requests.log.find((request) => request.url === refusal.url && request.sentAt >= refusal.receivedAt);
        expect(retry, `retry of ${refusal.url}`).toBeDefined();
        expect(retry!.sentAt - refusal.receivedAt).toBeGreaterThanOrEqual(Number(refusal.retryAfter) * 1000);
      }
      const withoutSeen = (users: typeof before) => users.map(({ lastSeenAt: _seen, ...user }) => user);
      expect(withoutSeen(await allUsers(stack, organizationId))).toEqual(withoutSeen(before));
    } finally {
      requests.restore();
      stack.emulator.control.setFaults({});
    }
  });

  it('should wait out a throttled delta page and a 503 without Retry-After', async () => {
    stack.emulator.control.setFaults({
      throttle: [{ match: { path: '^/users/delta' }, nth: [1], retryAfterSeconds: 2 }],
      // A rule counts only the requests no earlier rule answered: the retry is this one's first.
      serverErrors: [{ match: { path: '^/users/delta' }, nth: [1], status: 503, retryAfterSeconds: null }],
    });
    try {
      const run = await syncNow(stack, organizationId);
      expect(run).toMatchObject({ kind: 'delta', status: 'succeeded', throttleWaits: 2, pages: 1, requests: 3, error: null });
      // 2 s for the 429, and the policy's first backoff (2 s +-20%) for the 503.
      expect(run.throttleWaitMs).toBeGreaterThanOrEqual(2000 + 1600);
    } finally {
      stack.emulator.control.setFaults({});
    }
  });
});
