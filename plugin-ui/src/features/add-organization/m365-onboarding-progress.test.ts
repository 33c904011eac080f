import { expect, html, oneEvent } from '@open-wc/testing';
import type { Onboarding, StepProgress } from '@m365/contracts';
import { contextFixture } from '../../test-support/context-fixture.js';
import { $, $$, button, text } from '../../test-support/dom.js';
import { onboarding } from '../../test-support/factories.js';
import type { M365OnboardingProgress } from './m365-onboarding-progress.js';
import './m365-onboarding-progress.js';

const at = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();

function configuring(): Onboarding {
  const base = onboarding({ status: 'configuring', currentStep: 'service_principal', signIn: null });
  const states: Record<string, Partial<StepProgress>> = {
    sign_in: { state: 'done', startedAt: at(300), finishedAt: at(200) },
    verify: { state: 'done', startedAt: at(200), finishedAt: at(190), message: 'Contoso Ltd, signed in as a Global Administrator' },
    register_app: { state: 'done', startedAt: at(190), finishedAt: at(180) },
    service_principal: {
      state: 'waiting',
      startedAt: at(180),
      attempts: 3,
      message: 'Microsoft has not replicated the application yet',
      waitUntil: new Date(Date.now() + 10_000).toISOString(),
    },
  };
  return {
    ...base,
    tenant: { tenantId: base.id, displayName: 'Contoso Ltd', primaryDomain: 'contoso.com', verifiedDomains: ['contoso.com'] },
    consentedBy: 'admin@contoso.com',
    steps: base.steps.map((step) => ({ ...step, state: 'pending' as const, startedAt: null, ...states[step.step] })),
  };
}

const mount = (value: Onboarding) =>
  contextFixture<M365OnboardingProgress>(html`<m365-onboarding-progress .onboarding=${value}></m365-onboarding-progress>`);

describe('<m365-onboarding-progress>', () => {
  it('lists every step with its state, message, attempts, wait and elapsed time', async () => {
    const el = await mount(configuring());
    const items = $$(el, 'li');
    expect(items.length).to.equal(8);
    expect(items.map((item) => item.className)).to.deep.equal([
      'done', 'done', 'done', 'waiting', 'pending', 'pending', 'pending', 'pending',
    ]);
    const verify = items[1]!.textContent!.replace(/\s+/g, ' ');
    expect(verify).to.contain('Check the tenant and the administrator role').and.contain('Done').and.contain('0:10');
    const waiting = items[3]!.textContent!.replace(/\s+/g, ' ');
    expect(waiting).to.contain('Create the service principal').and.contain('Waiting');
    expect(waiting).to.contain('Microsoft has not replicated the application yet').and.contain('Attempt 3');
    expect(waiting).to.contain('Waiting for Microsoft until');
    expect(text(el)).to.contain('Tenant: Contoso Ltd (contoso.com)').and.contain('Signed in as admin@contoso.com');
    expect(text(el)).to.match(/Elapsed 5:0\d/);
    await expect(el).to.be.accessible();
  });

  it('summarizes a connected organization', async () => {
    const value = onboarding({
      status: 'connected',
      finishedAt: new Date().toISOString(),
      organizationId: 'org-1',
      summary: { usersFound: 5000, usersLicensed: 4210, eligibleUnlicensed: 1 },
    });
    const el = await mount(value);
    expect(text($(el, '.box.success'))).to.contain('Contoso is connected');
    expect(text($(el, '.box.success'))).to.contain('5,000 users found, 4,210 licensed.');
    expect(text($(el, '.box.success'))).to.contain('1 eligible user has no license yet.');
    await expect(el).to.be.accessible();
  });

  it('tells a finished application removal apart from a connection', async () => {
    const steps = (['sign_in', 'verify', 'remove_app'] as const).map((step) => ({
      step, state: 'done' as const, message: null, attempts: 1, startedAt: at(60), finishedAt: at(30), waitUntil: null,
    }));
    const el = await mount(onboarding({ purpose: 'remove_application', status: 'connected', currentStep: 'remove_app', steps, signIn: null }));
    expect(text(el)).to.contain('Removing the application');
    expect(text($(el, '.box.success'))).to.contain("The application was deleted from Contoso's tenant");
    expect(text(el)).to.not.contain('is connected');
    expect($$(el, 'li').length).to.equal(3);
    expect(text($$(el, 'li')[2]!)).to.contain('Delete the application from the tenant');
    await expect(el).to.be.accessible();
  });

  for (const [action, label] of [
    ['retry', 'Retry'],
    ['new_code', 'Get a new code'],
    ['use_popup', 'Sign in with a pop-up instead'],
    ['ask_global_admin', 'Ask a Global Administrator to sign in with a new code'],
    ['choose_other_customer', 'Choose another customer'],
  ] as const) {
    it(`shows a failure with its next action "${label}"`, async () => {
      const value = onboarding({
        status: 'failed',
        failure: { code: 'ONBOARDING_SIGN_IN_FAILED', message: 'What happened, in words.', action, step: 'sign_in' },
      });
      const el = await mount(value);
      const box = $(el, '.box.failure');
      expect(box.getAttribute('role')).to.equal('alert');
      expect(text(box)).to.contain('The organization could not be connected').and.contain('What happened, in words.');
      setTimeout(() => button(el, label).click());
      expect((await oneEvent(el, 'm365-onboarding-action')).detail).to.deep.equal({ action });
      await expect(el).to.be.accessible();
    });
  }

  it('asks for confirmation when the tenant does not match the customer', async () => {
    const value = onboarding({
      status: 'awaiting_confirmation',
      domainMismatch: { customerDomains: ['contoso.com'], tenantDomains: ['fabrikam.com'] },
    });
    const el = await mount(value);
    expect(text(el)).to.contain('with fabrikam.com, but the customer\'s domains are contoso.com');
    setTimeout(() => button(el, 'Connect this tenant anyway').click());
    expect((await oneEvent(el, 'm365-onboarding-action')).detail).to.deep.equal({ action: 'confirm_tenant' });
  });
});
