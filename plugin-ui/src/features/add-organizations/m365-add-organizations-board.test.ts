import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { Batch } from '@m365/contracts';
import { contextFixture, settle } from '../../test-support/context-fixture.js';
import { $, $$, button, text } from '../../test-support/dom.js';
import { batch, customer, device, onboarding } from '../../test-support/factories.js';
import { createFakeApi, fail, ok } from '../../test-support/fake-api.js';
import type { M365AddOrganizationsBoard } from './m365-add-organizations-board.js';
import type { M365BatchSetup } from './m365-batch-setup.js';
import type { M365BatchTable } from './m365-batch-table.js';
import './m365-add-organizations-board.js';

const CUSTOMERS = [
  customer(),
  customer({ id: 'cust-fabrikam', name: 'Fabrikam' }),
  customer({ id: 'cust-litware', name: 'Litware' }),
];
const waiting = (id: string, name: string, code: string) =>
  onboarding({
    id,
    customerId: `cust-${name.toLowerCase()}`,
    customerName: name,
    signIn: { ...onboarding().signIn!, userCode: code },
  });

/** A fake batch API whose state the test moves forward, as the server would. */
function fakeServer(startBatch?: () => unknown) {
  const server: { state: Batch } = {
    state: batch([waiting('onb-c', 'Contoso', 'CODE-0001'), waiting('onb-l', 'Litware', 'CODE-0003')]),
  };
  const fake = createFakeApi({
    customers: { listCustomers: async () => ok({ items: CUSTOMERS }) },
    devices: { listDevices: async () => ok({ items: [device()] }) },
    onboarding: {
      startBatch: async () => (startBatch ? (startBatch() as never) : ok(server.state, 201)),
      getBatch: async () => ok(server.state),
      createShareLink: async ({ params }) =>
        params.onboardingId === 'onb-c'
          ? ok({ url: 'http://portal.test/m365-plugin/ui/share.html#secret', expiresAt: '2026-03-05T10:00:00.000Z' }, 201)
          : fail(409, 'ONBOARDING_NOT_ACTIVE', 'This onboarding has ended.'),
    },
  });
  return { server, fake };
}

async function mountBoard(fake: ReturnType<typeof createFakeApi>) {
  const el = await contextFixture<M365AddOrganizationsBoard>(html`<m365-add-organizations-board></m365-add-organizations-board>`, {
    api: fake.api,
  });
  await settle(el);
  return el;
}

async function chooseAndStart(el: M365AddOrganizationsBoard, names: string[]) {
  const setup = $<M365BatchSetup>(el, 'm365-batch-setup');
  for (const name of names) {
    const box = $$(setup, 'label').find((label) => label.textContent?.trim() === name)!.querySelector('input')!;
    box.checked = true;
    box.dispatchEvent(new Event('change'));
  }
  await setup.updateComplete;
  $<HTMLButtonElement>(setup, 'button[type=submit]').click();
  await settle(el);
}

const codes = (table: M365BatchTable) => $$(table, 'code').map((code) => code.textContent);

describe('<m365-add-organizations-board>', () => {
  it('starts a batch for the chosen customers and keeps watching it, showing renewed codes', async function () {
    this.timeout(20_000);
    const { server, fake } = fakeServer();
    const el = await mountBoard(fake);
    expect($<HTMLDialogElement>(el, 'dialog').open).to.equal(true);
    await expect(el).to.be.accessible();

    await chooseAndStart(el, ['Contoso', 'Litware']);
    expect(fake.callsTo('onboarding.startBatch')).to.have.length(1);
    expect((fake.callsTo('onboarding.startBatch')[0] as { body: unknown }).body).to.deep.equal({
      customerIds: ['cust-contoso', 'cust-litware'],
      settings: {
        applicationName: 'Backup for Microsoft 365',
        licenseMode: 'automatic',
        userSyncIntervalMinutes: 60,
        defaultDeviceId: 'dev-main',
      },
    });
    const table = $<M365BatchTable>(el, 'm365-batch-table');
    expect(codes(table)).to.deep.equal(['CODE-0001', 'CODE-0003']);
    expect($(el, '.counts').textContent?.replace(/\s+/g, ' ').trim()).to.equal(
      '2 waiting for sign-in · 0 queued · 0 configuring · 0 connected · 0 failed',
    );
    await expect(el).to.be.accessible();

    server.state = batch([
      waiting('onb-c', 'Contoso', 'CODE-0002'),
      onboarding({ id: 'onb-l', customerName: 'Litware', status: 'configuring', currentStep: 'register_app', signIn: null }),
    ]);
    await waitUntil(() => codes(table).join() === 'CODE-0002', 'the renewed code after a poll', { timeout: 5000 });
    expect(text(el)).to.contain('1 waiting for sign-in · 0 queued · 1 configuring');
    expect(fake.callsTo('onboarding.getBatch')[0]).to.deep.include({ params: { batchId: 'batch-1' } });
  });

  it('creates a link for the customer admin on request, and says why one was refused', async () => {
    const { fake } = fakeServer();
    const el = await mountBoard(fake);
    await chooseAndStart(el, ['Contoso', 'Litware']);
    const table = $<M365BatchTable>(el, 'm365-batch-table');
    $<HTMLButtonElement>(table, '[aria-label="Create link for the administrator of Contoso"]').click();
    await settle(el);
    await table.updateComplete;
    expect(fake.callsTo('onboarding.createShareLink')[0]).to.deep.include({ params: { onboardingId: 'onb-c' } });
    expect($<HTMLInputElement>(table, '[aria-label="Link for Contoso"]').value).to.equal(
      'http://portal.test/m365-plugin/ui/share.html#secret',
    );

    $<HTMLButtonElement>(table, '[aria-label="Create link for the administrator of Litware"]').click();
    await settle(el);
    await table.updateComplete;
    expect(text(table)).to.contain('No link: This onboarding has ended.');
    await expect(el).to.be.accessible();
  });

  it('lists the customers the server did not start, with its reason', async () => {
    const { server, fake } = fakeServer();
    server.state = batch([waiting('onb-c', 'Contoso', 'CODE-0001')], {
      rejected: [{ customerId: 'cust-fabrikam', code: 'CUSTOMER_ALREADY_CONNECTED', message: 'Fabrikam already has an organization.' }],
    });
    const el = await mountBoard(fake);
    await chooseAndStart(el, ['Contoso', 'Fabrikam']);
    const rejected = $(el, 'section.rejected');
    expect(rejected.textContent?.replace(/\s+/g, ' ').trim()).to.equal(
      'Not started Fabrikam: Fabrikam already has an organization.',
    );
  });

  it('shows a refused start: field messages beside the settings, anything else above', async () => {
    let answer: unknown = fail(400, 'VALIDATION_FAILED', 'Invalid settings', [
      { path: 'body.settings.applicationName', message: 'Application name is taken' },
    ]);
    const { fake } = fakeServer(() => answer);
    const el = await mountBoard(fake);
    await chooseAndStart(el, ['Contoso']);
    const setup = $<M365BatchSetup>(el, 'm365-batch-setup');
    await setup.updateComplete;
    const fields = $(setup, 'm365-settings-fields');
    expect($(fields, '#application-name-error').textContent).to.equal('Application name is taken');
    expect(el.shadowRoot!.querySelector('m365-error-message')).to.equal(null);

    answer = fail(500, 'INTERNAL', 'Something broke.');
    $<HTMLButtonElement>(setup, 'button[type=submit]').click();
    await settle(el);
    expect(text($(el, 'm365-error-message'))).to.contain('Something broke.');
  });

  it('closes with the batch id and stops polling', async function () {
    this.timeout(10_000);
    const { fake } = fakeServer();
    const el = await mountBoard(fake);
    await chooseAndStart(el, ['Contoso']);
    setTimeout(() => button(el, 'Close').click());
    expect((await oneEvent(el, 'm365-board-close')).detail).to.deep.equal({ batchId: 'batch-1' });
    el.remove();
    const polls = fake.callsTo('onboarding.getBatch').length;
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(fake.callsTo('onboarding.getBatch').length, 'no polling once removed').to.equal(polls);
  });
});
