import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { Onboarding } from '@m365/contracts';
import { contextFixture, settle } from '../../test-support/context-fixture.js';
import { $, button, text, typeInto } from '../../test-support/dom.js';
import { customer, device, onboarding } from '../../test-support/factories.js';
import { createFakeApi, fail, ok } from '../../test-support/fake-api.js';
import type { M365AddOrganizationSetup } from './m365-add-organization-setup.js';
import type { M365AddOrganizationPanel } from './m365-add-organization-panel.js';
import './m365-add-organization-panel.js';

/** A fake onboarding API whose state the test moves forward, as the server would. */
function fakeServer(initial: Onboarding = onboarding(), startOnboarding?: () => Promise<unknown>) {
  const server = { state: initial };
  const fake = createFakeApi({
    customers: { listCustomers: async () => ok({ items: [customer(), customer({ id: 'cust-2', name: 'Fabrikam' })] }) },
    devices: { listDevices: async () => ok({ items: [device()] }) },
    onboarding: {
      startOnboarding: async ({ body }) => {
        if (startOnboarding) return startOnboarding() as never;
        server.state = { ...server.state, customerId: body.customerId };
        return ok(server.state, 201);
      },
      getOnboarding: async () => ok(server.state),
      renewSignInCode: async () => {
        server.state = onboarding({ signIn: { ...onboarding().signIn!, userCode: 'RENE-WED1', renewals: 1 } });
        return ok(server.state);
      },
      retryOnboarding: async () => {
        server.state = { ...server.state, status: 'configuring', failure: null };
        return ok(server.state, 202);
      },
      cancelOnboarding: async () => {
        server.state = { ...server.state, status: 'cancelled', signIn: null };
        return ok(server.state);
      },
      getSignInConfig: async () => fail(503, 'GRAPH_UNAVAILABLE', 'Sign-in settings are unavailable.'),
    },
  });
  return { server, fake };
}

async function mountPanel(fake: ReturnType<typeof createFakeApi>, onboardingId = '') {
  const el = await contextFixture<M365AddOrganizationPanel>(
    html`<m365-add-organization-panel .onboardingId=${onboardingId}></m365-add-organization-panel>`,
    { api: fake.api },
  );
  await settle(el);
  return el;
}

const configuring = (): Onboarding => ({
  ...onboarding({ status: 'configuring', currentStep: 'grant', signIn: null }),
  tenant: { tenantId: '11111111-2222-4333-8444-555555555555', displayName: 'Contoso Ltd', primaryDomain: 'contoso.com', verifiedDomains: [] },
});

describe('<m365-add-organization-panel>', () => {
  it('walks from the customer to the code, the progress and the connected summary', async function () {
    // Two real 2-second polls and a check that polling stopped.
    this.timeout(30_000);
    const { server, fake } = fakeServer();
    const el = await mountPanel(fake);
    expect($<HTMLDialogElement>(el, 'dialog').open).to.equal(true);
    expect($(el, '[aria-current=step]').textContent).to.equal('Customer and settings');
    await expect(el).to.be.accessible();

    const setup = $<M365AddOrganizationSetup>(el, 'm365-add-organization-setup');
    typeInto($<HTMLSelectElement>(setup, '#customer'), 'cust-contoso');
    button(setup, 'Get sign-in code').click();
    await settle(el);
    expect(fake.callsTo('onboarding.startOnboarding')[0]).to.deep.include({
      body: {
        customerId: 'cust-contoso',
        settings: {
          applicationName: 'Backup for Microsoft 365',
          licenseMode: 'automatic',
          userSyncIntervalMinutes: 60,
          defaultDeviceId: 'dev-main',
        },
      },
    });
    expect($(el, '[aria-current=step]').textContent).to.equal('Sign in');
    const code = $(el, 'm365-sign-in-code');
    expect($(code, '.code').textContent).to.equal('ABCD-EFGH');
    await expect(el).to.be.accessible();

    server.state = configuring();
    await waitUntil(() => el.shadowRoot!.querySelector('m365-onboarding-progress'), 'progress after a poll', {
      timeout: 5000,
    });
    expect($(el, '[aria-current=step]').textContent).to.equal('Configuration');

    server.state = {
      ...configuring(),
      status: 'connected',
      organizationId: 'org-42',
      summary: { usersFound: 44, usersLicensed: 40, eligibleUnlicensed: 0 },
      finishedAt: new Date().toISOString(),
    };
    await waitUntil(() => text(el).includes('Open organization'), 'connected after a poll', { timeout: 5000 });
    const progress = $(el, 'm365-onboarding-progress');
    expect(text(progress)).to.contain('44 users found, 40 licensed.');
    await expect(el).to.be.accessible();

    const polls = fake.callsTo('onboarding.getOnboarding').length;
    setTimeout(() => button(el, 'Open organization').click());
    expect((await oneEvent(el, 'm365-organization-open')).detail).to.deep.equal({ organizationId: 'org-42', tab: 'users' });
    const closed = await oneEvent(el, 'm365-panel-close');
    expect(closed.detail).to.deep.equal({ onboardingId: 'onb-1', organizationId: 'org-42' });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(fake.callsTo('onboarding.getOnboarding').length, 'no polling once connected').to.equal(polls);
  });

  it('resumes an onboarding, renews an expired code and cancels', async () => {
    const expired = onboarding({ signIn: { ...onboarding().signIn!, expiresAt: new Date(Date.now() - 1000).toISOString() } });
    const { fake } = fakeServer(expired);
    const el = await mountPanel(fake, 'onb-1');
    expect(fake.callsTo('onboarding.getOnboarding')[0]).to.deep.include({ params: { onboardingId: 'onb-1' } });
    const code = $(el, 'm365-sign-in-code');
    button(code, 'Get a new code').click();
    await settle(el);
    expect(fake.callsTo('onboarding.renewSignInCode').length).to.equal(1);
    expect($(code, '.code').textContent).to.equal('RENE-WED1');
    expect(text(code)).to.contain('use this new code');

    button(el, 'Cancel this sign-in').click();
    await settle(el);
    expect(fake.callsTo('onboarding.cancelOnboarding').length).to.equal(1);
    expect(text($(el, 'm365-onboarding-progress'))).to.contain('This sign-in was cancelled');
  });

  it('shows a failure with its next action and retries from the failed step', async () => {
    const { fake } = fakeServer(
      onboarding({
        status: 'failed',
        signIn: null,
        failure: { code: 'ONBOARDING_PROPAGATION_TIMEOUT', message: 'Microsoft took too long.', action: 'retry', step: 'propagation' },
      }),
    );
    const el = await mountPanel(fake, 'onb-1');
    const progress = $(el, 'm365-onboarding-progress');
    expect(text(progress)).to.contain('Microsoft took too long.');
    button(progress, 'Retry').click();
    await settle(el);
    expect(fake.callsTo('onboarding.retryOnboarding').length).to.equal(1);
    expect(text(progress)).not.to.contain('Microsoft took too long.');
  });

  it("explains a refused start and maps the server's field errors to the settings", async () => {
    let attempt = 0;
    const { fake } = fakeServer(onboarding(), async () =>
      ++attempt === 1
        ? fail(409, 'CUSTOMER_ALREADY_CONNECTED', 'Contoso already has a connected organization.')
        : fail(400, 'VALIDATION_FAILED', 'Invalid settings', [
            { path: 'settings.applicationName', message: 'Application name is taken in this tenant.' },
          ]),
    );
    const el = await mountPanel(fake);
    const setup = $<M365AddOrganizationSetup>(el, 'm365-add-organization-setup');
    typeInto($<HTMLSelectElement>(setup, '#customer'), 'cust-contoso');
    button(setup, 'Get sign-in code').click();
    await settle(el);
    expect(text($(el, 'm365-error-message'))).to.contain('Contoso already has a connected organization.');
    button(setup, 'Get sign-in code').click();
    await settle(el);
    expect(setup.errors).to.deep.equal({ applicationName: 'Application name is taken in this tenant.' });
    expect(el.shadowRoot!.querySelector('m365-error-message')).to.equal(null);
  });

  it('reports a pop-up sign-in that could not start', async () => {
    const { fake } = fakeServer();
    const el = await mountPanel(fake, 'onb-1');
    const code = $(el, 'm365-sign-in-code');
    button(code, 'Sign in with a pop-up instead').click();
    await waitUntil(() => text(code).includes('did not finish'), 'pop-up error', { timeout: 8000 });
    expect(text(code)).to.contain('Sign-in settings are unavailable.');
  });

  it('offers the pop-up sign-in after a Conditional Access failure and reports why it could not start', async () => {
    const { fake } = fakeServer(
      onboarding({
        status: 'failed',
        signIn: null,
        failure: {
          code: 'ONBOARDING_SIGN_IN_BLOCKED_BY_CONDITIONAL_ACCESS',
          message: "Woodgrove's Conditional Access blocks sign-in with a code.",
          action: 'use_popup',
          step: 'sign_in',
        },
      }),
    );
    const el = await mountPanel(fake, 'onb-1');
    button($(el, 'm365-onboarding-progress'), 'Sign in with a pop-up instead').click();
    await waitUntil(() => el.shadowRoot!.querySelector('.body > [role=alert]'), 'pop-up error', { timeout: 8000 });
    expect($(el, '.body > [role=alert]').textContent).to.contain('Sign-in settings are unavailable.');
    expect(fake.callsTo('onboarding.getSignInConfig').length).to.equal(1);
  });

  it('stops polling when it is removed', async function () {
    this.timeout(15_000);
    const { fake } = fakeServer();
    const el = await mountPanel(fake, 'onb-1');
    const polls = fake.callsTo('onboarding.getOnboarding').length;
    el.remove();
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(fake.callsTo('onboarding.getOnboarding').length).to.equal(polls);
  });
});
