import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onboard, settle, signIn, startFor } from '../support/onboard.js';
import { startStack, type Stack } from '../support/stack.js';

describe('/api/v1/onboardings failures', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.close());

  it('should refuse invalid settings with 400 VALIDATION_FAILED naming each field, and create nothing', async () => {
    const response = await stack.api.onboarding.startOnboarding({
      body: {
        customerId: stack.customerFor('fabrikam.com').id,
        settings: { applicationName: ' \u0007 ', licenseMode: 'sometimes' as never, userSyncIntervalMinutes: 45 as never },
      },
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    const paths = (response.body as { details: { issues: { path: string }[] } }).details.issues.map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['body.settings.applicationName', 'body.settings.licenseMode', 'body.settings.userSyncIntervalMinutes']));
    const listed = await stack.api.onboarding.listOnboardings({ query: { customerId: stack.customerFor('fabrikam.com').id } });
    expect(listed.status === 200 && listed.body.items).toEqual([]);
  });

  it('should refuse unknown customers, unknown devices and viewers', async () => {
    const unknown = await stack.api.onboarding.startOnboarding({ body: { customerId: 'cust-nobody', settings: {} } });
    expect(unknown).toMatchObject({ status: 404, body: { code: 'CUSTOMER_NOT_FOUND' } });
    const device = await stack.api.onboarding.startOnboarding({
      body: { customerId: stack.customerFor('fabrikam.com').id, settings: { defaultDeviceId: 'dev-nowhere' } },
    });
    expect(device).toMatchObject({ status: 404, body: { code: 'DEVICE_NOT_FOUND' } });
    const viewer = await stack.client('viewer');
    const forbidden = await viewer.onboarding.startOnboarding({ body: { customerId: stack.customerFor('fabrikam.com').id, settings: {} } });
    expect(forbidden).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
  });

  it('should allow one active onboarding per customer', async () => {
    const first = await startFor(stack, 'alpineskihouse.com');
    const second = await stack.api.onboarding.startOnboarding({ body: { customerId: first.customerId, settings: {} } });
    expect(second).toMatchObject({ status: 409, body: { code: 'ONBOARDING_ALREADY_ACTIVE', details: { onboardingId: first.id } } });
    const cancelled = await stack.api.onboarding.cancelOnboarding({ params: { onboardingId: first.id } });
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled', signIn: null } });
  });

  it('should end a declined sign-in with a code to get a new one', async () => {
    const started = await startFor(stack, 'adventure-works.com');
    stack.emulator.control.declineDeviceCode(started.signIn!.userCode);
    const declined = await settle(stack, started.id);
    expect(declined).toMatchObject({ status: 'failed', failure: { code: 'ONBOARDING_SIGN_IN_DECLINED', action: 'new_code', step: 'sign_in' } });
    const renewed = await stack.api.onboarding.renewSignInCode({ params: { onboardingId: started.id } });
    expect(renewed).toMatchObject({ status: 200, body: { status: 'awaiting_sign_in', failure: null } });
    if (renewed.status === 200) expect(renewed.body.signIn!.userCode).not.toBe(started.signIn!.userCode);
  });

  it('should refuse an Application Administrator and explain why', async () => {
    const failed = await onboard(stack, 'tailspin.com', 'admin@tailspin.com');
    expect(failed.status).toBe('failed');
    expect(failed.failure).toMatchObject({ code: 'ONBOARDING_ADMIN_ROLE_INSUFFICIENT', action: 'ask_global_admin', step: 'verify' });
    expect(failed.failure!.message).toMatch(/Application Administrator.*cannot grant/);
    expect(stack.emulator.control.tenantState('tailspin.com').applications).toEqual([]);
  });

  it('should suggest the pop-up sign-in when Conditional Access blocks device code', async () => {
    const started = await startFor(stack, 'woodgrove.com');
    // Microsoft's page shows the block to the admin; the poll then answers 53003.
    expect(() => signIn(stack, started, 'admin@woodgrove.com')).toThrow(/53003|Conditional Access/i);
    const blocked = await settle(stack, started.id);
    expect(blocked.failure).toMatchObject({ code: 'ONBOARDING_SIGN_IN_BLOCKED_BY_CONDITIONAL_ACCESS', action: 'use_popup' });
  });

  it('should refuse a tenant already connected for another customer, naming it', async () => {
    const connected = await onboard(stack, 'contoso.com', 'admin@contoso.com', { licenseMode: 'manual' });
    expect(connected.status).toBe('connected');
    const again = await stack.api.onboarding.startOnboarding({ body: { customerId: connected.customerId, settings: {} } });
    expect(again).toMatchObject({ status: 409, body: { code: 'CUSTOMER_ALREADY_CONNECTED' } });

    const other = await onboard(stack, 'cust-proseware', 'admin@contoso.com');
    expect(other.failure).toMatchObject({ code: 'ONBOARDING_TENANT_ALREADY_CONNECTED', action: 'choose_other_customer' });
    expect(other.failure!.message).toContain('Contoso');
    expect(stack.emulator.control.tenantState('contoso.com').applications).toHaveLength(1);
  });

  it('should pause for confirmation when the tenant shares no domain with the customer', async () => {
    const paused = await onboard(stack, 'litware.com', 'admin@fabrikam.com');
    expect(paused.status).toBe('awaiting_confirmation');
    expect(paused.domainMismatch).toEqual({ customerDomains: ['litware.com'], tenantDomains: expect.arrayContaining(['fabrikam.com']) });
    expect(stack.emulator.control.tenantState('fabrikam.com').applications).toEqual([]);
    const confirmed = await stack.api.onboarding.confirmTenant({ params: { onboardingId: paused.id } });
    expect(confirmed.status).toBe(202);
    const done = await stack.waitFor(paused.id, (onboarding) => ['connected', 'failed'].includes(onboarding.status), 90_000);
    expect(done.status).toBe('connected');
    expect(done.summary!.usersFound).toBe(5000);
  });
});
