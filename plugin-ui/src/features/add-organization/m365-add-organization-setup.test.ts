import { expect, html, oneEvent } from '@open-wc/testing';
import { contextFixture } from '../../test-support/context-fixture.js';
import { $, button, text, typeInto } from '../../test-support/dom.js';
import { customer, device } from '../../test-support/factories.js';
import type { M365SettingsFields } from '../settings/m365-settings-fields.js';
import type { M365AddOrganizationSetup } from './m365-add-organization-setup.js';
import './m365-add-organization-setup.js';

const customers = [customer(), customer({ id: 'cust-fabrikam', name: 'Fabrikam', domains: ['fabrikam.com'] })];
const devices = [
  device({ id: 'dev-2', name: 'BACKUP-02', isMain: false }),
  device({ id: 'dev-main', name: 'BACKUP-01', isMain: true }),
];

const mount = (customerId = '') =>
  contextFixture<M365AddOrganizationSetup>(html`<m365-add-organization-setup
    .customers=${customers}
    .devices=${devices}
    .customerId=${customerId}
  ></m365-add-organization-setup>`);

describe('<m365-add-organization-setup>', () => {
  it('lists the connectable customers and keeps Advanced configuration closed, accessibly', async () => {
    const el = await mount();
    const options = [...$<HTMLSelectElement>(el, '#customer').options].map((option) => option.textContent);
    expect(options).to.deep.equal(['Choose a customer', 'Contoso', 'Fabrikam']);
    const advanced = button(el, 'Advanced configuration');
    expect(advanced.getAttribute('aria-expanded')).to.equal('false');
    expect($(el, 'm365-settings-fields').hidden).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('asks for a customer before anything is created', async () => {
    const el = await mount();
    let started = false;
    el.addEventListener('m365-onboarding-start', () => (started = true));
    button(el, 'Get sign-in code').click();
    await el.updateComplete;
    expect($(el, '#customer-error').textContent!.trim()).to.equal('Choose a customer.');
    expect($(el, '#customer').getAttribute('aria-invalid')).to.equal('true');
    expect(started).to.equal(false);
  });

  it('reveals the settings with the Main device preselected and starts with the chosen values', async () => {
    const el = await mount('cust-fabrikam');
    button(el, 'Advanced configuration').click();
    await el.updateComplete;
    const fields = $<M365SettingsFields>(el, 'm365-settings-fields');
    expect(fields.hidden).to.equal(false);
    expect(fields.value.defaultDeviceId).to.equal('dev-main');
    expect(fields.value.applicationName).to.equal('Backup for Microsoft 365');
    await fields.updateComplete;
    typeInto($<HTMLInputElement>(fields, '#application-name'), '  Fabrikam Backup ');
    $<HTMLInputElement>(fields, 'input[role=switch]').click();
    typeInto($<HTMLSelectElement>(fields, '#sync-interval'), '1440');
    await el.updateComplete;
    setTimeout(() => button(el, 'Get sign-in code').click());
    const { detail } = await oneEvent(el, 'm365-onboarding-start');
    expect(detail).to.deep.equal({
      customerId: 'cust-fabrikam',
      settings: {
        applicationName: 'Fabrikam Backup',
        licenseMode: 'manual',
        userSyncIntervalMinutes: 1440,
        defaultDeviceId: 'dev-main',
      },
    });
    await expect(el).to.be.accessible();
  });

  it('cannot start with an invalid application name', async () => {
    const el = await mount('cust-contoso');
    button(el, 'Advanced configuration').click();
    await el.updateComplete;
    const fields = $<M365SettingsFields>(el, 'm365-settings-fields');
    typeInto($<HTMLInputElement>(fields, '#application-name'), '');
    await el.updateComplete;
    expect(button(el, 'Get sign-in code').disabled).to.equal(true);
    await fields.updateComplete;
    expect(text(fields)).to.contain('Application name cannot be empty');
  });

  it("passes the server's field messages to the settings", async () => {
    const el = await mount('cust-contoso');
    el.errors = { defaultDeviceId: 'Device BACKUP-09 is not one of your devices.' };
    await el.updateComplete;
    expect($<M365SettingsFields>(el, 'm365-settings-fields').errors).to.deep.equal({
      defaultDeviceId: 'Device BACKUP-09 is not one of your devices.',
    });
  });

  it('says when no customer is left to connect', async () => {
    const el = await contextFixture<M365AddOrganizationSetup>(
      html`<m365-add-organization-setup .customers=${[]} .devices=${devices}></m365-add-organization-setup>`,
    );
    expect(text(el)).to.contain('Every customer already has an organization connected');
    expect($<HTMLSelectElement>(el, '#customer').disabled).to.equal(true);
  });
});
