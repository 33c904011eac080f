import { expect, html, oneEvent } from '@open-wc/testing';
import { contextFixture } from '../../test-support/context-fixture.js';
import { $, $$, button, text, typeInto } from '../../test-support/dom.js';
import { customer, device } from '../../test-support/factories.js';
import type { M365SettingsFields } from '../settings/m365-settings-fields.js';
import type { M365BatchSetup } from './m365-batch-setup.js';
import './m365-batch-setup.js';

const CUSTOMERS = [
  customer(),
  customer({ id: 'cust-fabrikam', name: 'Fabrikam', domains: ['fabrikam.com'] }),
  customer({ id: 'cust-litware', name: 'Litware', domains: ['litware.com'] }),
];
const DEVICES = [device(), device({ id: 'dev-2', name: 'BACKUP-02', isMain: false })];

const mount = (customers = CUSTOMERS) =>
  contextFixture<M365BatchSetup>(html`<m365-batch-setup .customers=${customers} .devices=${DEVICES}></m365-batch-setup>`);

/** The checkbox whose label reads `name`. */
function checkbox(el: M365BatchSetup, name: string): HTMLInputElement {
  const label = $$(el, 'label').find((candidate) => candidate.textContent?.trim() === name);
  if (!label) throw new Error(`no checkbox "${name}"`);
  return label.querySelector('input')!;
}

function tick(box: HTMLInputElement, checked: boolean) {
  box.checked = checked;
  box.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('<m365-batch-setup>', () => {
  it('lists the connectable customers to choose from, with Select all and the count, accessibly', async () => {
    const el = await mount();
    expect($$(el, 'li').map((item) => item.textContent?.trim())).to.deep.equal(['Contoso', 'Fabrikam', 'Litware']);
    expect(text(el)).to.contain('0 of 3 selected');
    expect(button(el, 'Start 0 sign-ins')).to.be.instanceOf(HTMLButtonElement);
    await expect(el).to.be.accessible();

    tick(checkbox(el, 'Select all customers'), true);
    await el.updateComplete;
    expect(['Contoso', 'Fabrikam', 'Litware'].map((name) => checkbox(el, name).checked)).to.deep.equal([true, true, true]);
    expect(text(el)).to.contain('3 of 3 selected');

    tick(checkbox(el, 'Fabrikam'), false);
    await el.updateComplete;
    expect(checkbox(el, 'Select all customers').indeterminate).to.equal(true);
    expect(button(el, 'Start 2 sign-ins')).to.be.instanceOf(HTMLButtonElement);
  });

  it('asks for at least one customer instead of starting with none', async () => {
    const el = await mount();
    let started = false;
    el.addEventListener('m365-batch-start', () => (started = true));
    button(el, 'Start 0 sign-ins').click();
    await el.updateComplete;
    expect($(el, '#customers-error').textContent).to.equal('Choose at least one customer.');
    expect(started).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('starts the chosen customers, in list order, with the settings template', async () => {
    const el = await mount();
    tick(checkbox(el, 'Litware'), true);
    tick(checkbox(el, 'Contoso'), true);
    await el.updateComplete;
    const advanced = button(el, 'Advanced configuration');
    const fields = $<M365SettingsFields>(el, 'm365-settings-fields');
    expect(fields.hidden).to.equal(true);
    advanced.click();
    await el.updateComplete;
    expect(fields.hidden).to.equal(false);
    expect(advanced.getAttribute('aria-expanded')).to.equal('true');
    await fields.updateComplete;
    typeInto($<HTMLInputElement>(fields, '#application-name'), '  Acme Backup  ');
    await el.updateComplete;
    const license = $<HTMLInputElement>(fields, '#license-management');
    license.checked = false;
    license.dispatchEvent(new Event('change'));
    await el.updateComplete;

    setTimeout(() => button(el, 'Start 2 sign-ins').click());
    const { detail } = await oneEvent(el, 'm365-batch-start');
    expect(detail).to.deep.equal({
      customerIds: ['cust-contoso', 'cust-litware'],
      settings: { applicationName: 'Acme Backup', licenseMode: 'manual', userSyncIntervalMinutes: 60, defaultDeviceId: 'dev-main' },
    });
  });

  it('keeps Start disabled while the application name is invalid, and while starting', async () => {
    const el = await mount();
    tick(checkbox(el, 'Contoso'), true);
    button(el, 'Advanced configuration').click();
    await el.updateComplete;
    const fields = $<M365SettingsFields>(el, 'm365-settings-fields');
    typeInto($<HTMLInputElement>(fields, '#application-name'), '   ');
    await el.updateComplete;
    await fields.updateComplete;
    expect(button(el, 'Start 1 sign-in').disabled).to.equal(true);
    expect($(fields, '#application-name-error').textContent).to.equal('Application name cannot be empty');

    typeInto($<HTMLInputElement>(fields, '#application-name'), 'Backup');
    el.busy = true;
    await el.updateComplete;
    expect(button(el, 'Start 1 sign-in').disabled).to.equal(true);
    expect($(el, '[role=status]').textContent).to.equal('Creating the sign-in codes…');
  });

  it('says when every customer is connected already', async () => {
    const el = await mount([]);
    expect(text(el)).to.contain('Every customer already has an organization connected or a sign-in in progress.');
    expect(button(el, 'Start 0 sign-ins').disabled).to.equal(true);
    await expect(el).to.be.accessible();
  });
});
