import type { Batch, StartOnboardingsHookResult } from '@m365/contracts';
import { callHook } from '@m365/host-portal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARTNER, SEED_PASSWORD, startStack, type Stack } from '../support/stack.js';

const TENANTS = 50;
const MAX_CONFIGURING = 8;
const tenantNames = Array.from({ length: TENANTS }, (_, index) => `bulk-${String(index + 1).padStart(2, '0')}`);

/** Deterministic shuffle (the order is printed when the test fails, so a failure can be replayed). */
function shuffled<T>(items: T[], seed: number): T[] {
  const result = [...items];
  let state = seed;
  for (let index = result.length - 1; index > 0; index -= 1) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const other = state % (index + 1);
    [result[index], result[other]] = [result[other]!, result[index]!];
  }
  return result;
}

describe('bulk onboarding (POST /hooks/v1/partners/:partnerId/onboardings)', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({
      emulator: { seed: { randomSeed: 7, bulkTenants: { count: TENANTS, generatedUsers: 3 } } },
      env: { ONBOARDING_MAX_CONFIGURING: String(MAX_CONFIGURING) },
    });
    for (const name of tenantNames) {
      const pushed = await callHook(stack.url, stack.hookSecret, 'PUT', `/partners/${PARTNER}/customers/cust-${name}`, { name: `Customer ${name}`, domains: [`${name}.com`] });
      expect(pushed.status).toBe(200);
    }
  });
  afterAll(() => stack?.close());

  it(`should connect ${TENANTS} organizations signed in in random order, never more than ${MAX_CONFIGURING} configuring at once`, { timeout: 300_000 }, async () => {
    const started = await callHook(stack.url, stack.hookSecret, 'POST', `/partners/${PARTNER}/onboardings`, {
      customerIds: tenantNames.map((name) => `cust-${name}`),
      settings: { applicationName: 'Bulk Backup' },
    });
    expect(started.status).toBe(202);
    const { batchId, items } = JSON.parse(started.body) as StartOnboardingsHookResult;
    expect(items.filter((item) => item.status === 'awaiting_sign_in' && item.signIn)).toHaveLength(TENANTS);

    let peakConfiguring = 0;
    let sawQueue = false;
    let last: Batch | undefined;
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        const response = await stack.api.onboarding.getBatch({ params: { batchId } });
        if (response.status === 200) {
          last = response.body;
          peakConfiguring = Math.max(peakConfiguring, last.counts.configuring);
          sawQueue ||= last.counts.queued > 0;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();

    const order = shuffled(items, 20_261_127);
    for (const item of order) {
      const name = item.customerId.replace(/^cust-/, '');
      stack.emulator.control.completeDeviceCode(item.signIn!.userCode, { email: `admin@${name}.com`, password: SEED_PASSWORD });
    }

    const deadline = Date.now() + 240_000;
    while (Date.now() < deadline && !(last && last.counts.connected + last.counts.failed === TENANTS)) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    watching = false;
    await watcher;
    const failures = last?.items.filter((item) => item.status !== 'connected').map((item) => [item.customerId, item.status, item.failure?.code]);
    expect(failures, `sign-in order: ${order.map((item) => item.customerId).join(' ')}`).toEqual([]);
    expect(peakConfiguring).toBeLessThanOrEqual(MAX_CONFIGURING);
    expect(peakConfiguring).toBeGreaterThan(0);
    expect(sawQueue).toBe(true);

    const organizations = await stack.api.organizations.listOrganizations({ query: { status: 'connected', limit: 100 } });
    expect(organizations.status === 200 && organizations.body.total).toBe(TENANTS);
    for (const name of tenantNames) {
      const applications = stack.emulator.control.tenantState(`${name}.com`).applications;
      expect(applications.map((application) => application.displayName), name).toEqual(['Bulk Backup']);
    }
  });
});
