import type { Onboarding } from '@m365/contracts';
import { describe, expect, it } from 'vitest';
import { toSharedOnboarding } from './shared-onboarding.mapper.js';

const base: Onboarding = {
  id: 'onb-1',
  purpose: 'connect',
  customerId: 'cust-1',
  customerName: 'Contoso',
  batchId: null,
  status: 'failed',
  currentStep: 'verify',
  steps: [
    { step: 'sign_in', state: 'done', message: 'Signed in as admin@contoso.com.', attempts: 1, startedAt: null, finishedAt: null, waitUntil: null },
    { step: 'verify', state: 'failed', message: 'This tenant is already connected for Fabrikam.', attempts: 1, startedAt: null, finishedAt: null, waitUntil: null },
  ],
  signIn: null,
  settings: { applicationName: 'Backup', licenseMode: 'automatic', defaultDeviceId: 'dev-1', userSyncIntervalMinutes: 60 },
  tenant: null,
  consentedBy: 'admin@contoso.com',
  domainMismatch: null,
  organizationId: 'org-1',
  failure: { code: 'ONBOARDING_TENANT_ALREADY_CONNECTED', message: 'This tenant is already connected for Fabrikam.', action: 'choose_other_customer', step: 'verify' },
  summary: null,
  createdAt: '2026-11-27T10:00:00.000Z',
  updatedAt: '2026-11-27T10:00:00.000Z',
  finishedAt: null,
};

describe('toSharedOnboarding', () => {
  it("should never pass on the technician's messages, which can name other customers", () => {
    const shared = toSharedOnboarding(base, new Date('2026-11-30T10:00:00Z'));
    expect(JSON.stringify(shared)).not.toContain('Fabrikam');
    expect(shared.failureMessage).toBe('The setup stopped. Your IT provider has been told and will contact you.');
    expect(shared.steps.map((step) => [step.step, step.state, step.message])).toEqual([['sign_in', 'done', null], ['verify', 'failed', null]]);
    expect(Object.keys(shared).sort()).toEqual(['customerName', 'failureMessage', 'linkExpiresAt', 'signIn', 'status', 'steps']);
  });

  it('should say what the admin can do when the sign-in is the problem', () => {
    const failure = { ...base.failure!, action: 'ask_global_admin' as const };
    expect(toSharedOnboarding({ ...base, failure }, new Date()).failureMessage).toMatch(/Global Administrator/);
    expect(toSharedOnboarding({ ...base, status: 'cancelled', failure: null }, new Date()).failureMessage).toMatch(/cancelled/);
    expect(toSharedOnboarding({ ...base, status: 'configuring', failure: null }, new Date()).failureMessage).toBeNull();
  });
});
