import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onboard, settle, signIn } from '../support/onboard.js';
import { startStack, type Stack } from '../support/stack.js';

describe('disconnect with the application removed from the tenant', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.close());

  async function disconnectWithRemoval(organizationId: string) {
    const disconnected = await stack.api.organizations.disconnectOrganization({ params: { organizationId }, body: { removeApplication: true } });
    if (disconnected.status !== 200) throw new Error(`disconnect answered ${disconnected.status}`);
    expect(disconnected.body.status).toBe('disconnected');
    const removal = await stack.api.onboarding.getOnboarding({ params: { onboardingId: disconnected.body.onboardingId! } });
    if (removal.status !== 200) throw new Error('no removal onboarding');
    return removal.body;
  }

  it('should delete the application after the admin signs in again, and record it', async () => {
    const connected = await onboard(stack, 'contoso.com', 'admin@contoso.com');
    expect(connected.status).toBe('connected');
    const removal = await disconnectWithRemoval(connected.organizationId!);
    expect(removal).toMatchObject({ purpose: 'remove_application', status: 'awaiting_sign_in', organizationId: connected.organizationId });
    expect(removal.steps.map((step) => step.step)).toEqual(['sign_in', 'verify', 'remove_app']);

    signIn(stack, removal, 'admin@contoso.com');
    const removed = await settle(stack, removal.id);
    expect(removed).toMatchObject({ status: 'connected', failure: null });
    expect(stack.emulator.control.tenantState('contoso.com').applications).toEqual([]);

    const audit = await stack.api.organizations.listAuditRecords({ params: { organizationId: connected.organizationId! } });
    if (audit.status !== 200) throw new Error('audit failed');
    expect(audit.body.items.find((item) => item.kind === 'application_removal')).toMatchObject({ outcome: 'removed', consentedBy: 'admin@contoso.com' });
    const organization = await stack.api.organizations.getOrganization({ params: { organizationId: connected.organizationId! } });
    expect(organization).toMatchObject({ status: 200, body: { status: 'disconnected', certificate: { thumbprintSha256: expect.any(String) } } });
  });

  it("should refuse an administrator of another tenant and leave the application in place", async () => {
    const connected = await onboard(stack, 'litware.com', 'admin@litware.com');
    const removal = await disconnectWithRemoval(connected.organizationId!);
    signIn(stack, removal, 'admin@fabrikam.com');
    const refused = await settle(stack, removal.id);
    expect(refused.failure).toMatchObject({ code: 'ONBOARDING_WRONG_TENANT', action: 'new_code' });
    expect(stack.emulator.control.tenantState('litware.com').applications).toHaveLength(1);
    const organization = await stack.api.organizations.getOrganization({ params: { organizationId: connected.organizationId! } });
    expect(organization).toMatchObject({ status: 200, body: { status: 'disconnected', attention: null } });
  });
});
