import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onboard, settle, signIn, startFor } from '../support/onboard.js';
import { startStack, type Stack } from '../support/stack.js';
import { recordGraphRequests } from '../sync/sync-support.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('onboarding while Microsoft replicates and throttles', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({
      emulator: {
        faults: {
          randomSeed: 7,
          replication: { applicationSeconds: 20, servicePrincipalSeconds: 20, credentialSeconds: 20, roleGrantSeconds: 20 },
          throttle: [{ match: { surface: 'any' }, rate: 0.1, retryAfterSeconds: 1 }],
        },
      },
    });
  });
  afterAll(() => stack?.close());

  it('should connect with 20 s replication delays and 10% throttling, never retrying before Retry-After', async () => {
    const requests = recordGraphRequests(stack.emulator.url);
    try {
      const started = await startFor(stack, 'contoso.com');
      signIn(stack, started, 'admin@contoso.com');
      const connected = await settle(stack, started.id, 200_000);
      expect(connected).toMatchObject({ status: 'connected', failure: null });
      const tenant = stack.emulator.control.tenantState('contoso.com');
      expect(tenant.applications).toHaveLength(1);
      expect(tenant.applications[0]!.keyCredentials).toHaveLength(1);
      expect(tenant.servicePrincipals.filter((sp) => sp.appId === tenant.applications[0]!.appId)).toHaveLength(1);

      const throttled = requests.log.filter((request) => request.status === 429);
      expect(throttled.length).toBeGreaterThan(0);
      for (const refusal of throttled) {
        const retry = requests.log.find(
          (request) => request.method === refusal.method && request.url === refusal.url && request.sentAt >= refusal.receivedAt,
        );
        if (retry) expect(retry.sentAt - refusal.receivedAt, `${refusal.method} ${refusal.url}`).toBeGreaterThanOrEqual(Number(refusal.retryAfter) * 1000);
      }
      const waited = connected.steps.filter((step) => step.attempts > 1).map((step) => step.step);
      expect(waited).toEqual(expect.arrayContaining(['service_principal', 'propagation']));
    } finally {
      requests.restore();
    }
  }, 240_000);
});

describe('onboarding when replication outlasts the step budget', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({
      emulator: { faults: { replication: { roleGrantSeconds: 15 } } },
      env: { ONBOARDING_STEP_MAX_WAIT_SECONDS: '4' },
    });
  });
  afterAll(() => stack?.close());

  it('should fail with a retry action, then resume from that step without creating anything twice', async () => {
    const failed = await onboard(stack, 'litware.com', 'admin@litware.com');
    expect(failed).toMatchObject({ status: 'failed', failure: { code: 'ONBOARDING_PROPAGATION_TIMEOUT', action: 'retry', step: 'propagation' } });
    await sleep(15_000);
    const retried = await stack.api.onboarding.retryOnboarding({ params: { onboardingId: failed.id } });
    expect(retried).toMatchObject({ status: 202, body: { failure: null } });
    const connected = await settle(stack, failed.id);
    expect(connected.status).toBe('connected');
    const tenant = stack.emulator.control.tenantState('litware.com');
    expect(tenant.applications).toHaveLength(1);
    expect(tenant.applications[0]!.keyCredentials).toHaveLength(1);
  }, 120_000);
});
