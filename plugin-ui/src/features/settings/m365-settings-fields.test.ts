import { expect, html, oneEvent } from '@open-wc/testing';
import { contextFixture } from '../../test-support/context-fixture.js';
import { $, $$, button, text, typeInto } from '../../test-support/dom.js';
import { device } from '../../test-support/factories.js';
import type { M365DevicePicker } from './m365-device-picker.js';
import { applicationNameError, type M365SettingsFields, type SettingsDraft } from './m365-settings-fields.js';
import './m365-settings-fields.js';

const devices = [
  device(),
  device({ id: 'dev-2', name: 'BACKUP-02', isMain: false, status: 'online' }),
  device({ id: 'dev-3', name: 'NAS-03', isMain: false, status: 'offline', lastSeenAt: null }),
];
const value: SettingsDraft = {
  applicationName: 'Backup for Microsoft 365',
  licenseMode: 'automatic',
  defaultDeviceId: 'dev-main',
  userSyncIntervalMinutes: 60,
};

/** A fields element whose owner applies every change, as the panel and the settings tab do. */
async function mountFields(options: { locked?: boolean; errors?: Record<string, string> } = {}) {
  const el = await contextFixture<M365SettingsFields>(html`<m365-settings-fields
    ?application-name-locked=${options.locked ?? false}
    .value=${value}
    .devices=${devices}
    .errors=${options.errors ?? {}}
  ></m365-settings-fields>`);
  const changes: Array<{ value: SettingsDraft; valid: boolean }> = [];
  el.addEventListener('m365-settings-change', (event) => {
    changes.push(event.detail);
    el.value = event.detail.value;
  });
  return { el, changes };
}

describe('applicationNameError', () => {
  it("applies the contracts' rule", () => {
    expect(applicationNameError('Backup')).to.equal(null);
    expect(applicationNameError('   ')).to.equal('Application name cannot be empty');
    expect(applicationNameError('x'.repeat(121))).to.equal('Application name must be at most 120 characters');
    expect(applicationNameError('Back\u0007up')).to.equal('Application name cannot contain control characters');
  });
});

describe('<m365-settings-fields>', () => {
  it('shows the four settings with their visible names, accessibly', async () => {
    const { el } = await mountFields();
    const labels = $$(el, 'label, .label').map((label) => label.textContent!.trim());
    expect(labels).to.include.members(['Application name', 'License management', 'Default device', 'User sync interval']);
    expect($<HTMLInputElement>(el, '#application-name').value).to.equal('Backup for Microsoft 365');
    await expect(el).to.be.accessible();
  });

  it('validates the application name as it is typed', async () => {
    const { el, changes } = await mountFields();
    const input = $<HTMLInputElement>(el, '#application-name');
    typeInto(input, '');
    await el.updateComplete;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#application-name-error').textContent!.trim()).to.equal('Application name cannot be empty');
    expect(changes.at(-1)).to.deep.equal({ value: { ...value, applicationName: '' }, valid: false });

    typeInto(input, 'y'.repeat(121));
    await el.updateComplete;
    expect($(el, '#application-name-error').textContent!.trim()).to.equal(
      'Application name must be at most 120 characters',
    );

    typeInto(input, 'Contoso Backup');
    await el.updateComplete;
    expect(input.getAttribute('aria-invalid')).to.equal('false');
    expect($(el, '#application-name-error').textContent!.trim()).to.equal('');
    expect(changes.at(-1)!.valid).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('turns License management off and on, saying what each position does', async () => {
    const { el, changes } = await mountFields();
    const toggle = $<HTMLInputElement>(el, 'input[role=switch]');
    expect(toggle.checked).to.equal(true);
    expect(text(el)).to.contain('On: every eligible user gets a backup license automatically');
    expect(text(el)).to.contain('Off: you assign licenses per user');
    expect($(el, '.positions .current').textContent).to.contain('On:');
    toggle.click();
    await el.updateComplete;
    expect(changes.at(-1)!.value.licenseMode).to.equal('manual');
    expect($(el, '.positions .current').textContent).to.contain('Off:');
    toggle.click();
    expect(changes.at(-1)!.value.licenseMode).to.equal('automatic');
  });

  it('marks the Main device and lets Edit pick another from the device list', async () => {
    const { el, changes } = await mountFields();
    expect(text($(el, '.device'))).to.contain('BACKUP-01');
    expect($(el, '.device .main').textContent).to.equal('Main');
    const picker = $<M365DevicePicker>(el, 'm365-device-picker');
    expect(picker.hidden).to.equal(true);
    const edit = button(el, 'Edit');
    edit.click();
    await el.updateComplete;
    expect(edit.getAttribute('aria-expanded')).to.equal('true');
    expect(picker.hidden).to.equal(false);
    await picker.updateComplete;
    const rows = $$(picker, 'tbody tr').map((row) => row.textContent!.replace(/\s+/g, ' '));
    expect(rows[0]).to.contain('BACKUP-01').and.contain('Main').and.contain('Online');
    expect(rows[2]).to.contain('NAS-03').and.contain('Offline').and.contain('Never');
    expect($$(picker, 'tbody tr')[0]!.querySelector('button')!.disabled, 'current device').to.equal(true);
    await expect(el).to.be.accessible();

    $$(picker, 'tbody tr')[1]!.querySelector('button')!.click();
    await el.updateComplete;
    expect(changes.at(-1)!.value.defaultDeviceId).to.equal('dev-2');
    expect(picker.hidden).to.equal(true);
    expect(text($(el, '.device'))).to.contain('BACKUP-02');
    expect(el.shadowRoot!.querySelector('.device .main')).to.equal(null);
  });

  it('closes the device list on Cancel without a change', async () => {
    const { el, changes } = await mountFields();
    button(el, 'Edit').click();
    await el.updateComplete;
    const picker = $<M365DevicePicker>(el, 'm365-device-picker');
    setTimeout(() => button(picker, 'Cancel').click());
    await oneEvent(picker, 'm365-picker-cancel');
    await el.updateComplete;
    expect(picker.hidden).to.equal(true);
    expect(changes.length).to.equal(0);
  });

  it('offers every User sync interval of the contracts and reports the chosen one', async () => {
    const { el, changes } = await mountFields();
    const select = $<HTMLSelectElement>(el, '#sync-interval');
    expect([...select.options].map((option) => option.textContent!.trim())).to.deep.equal([
      'Every 15 minutes',
      'Every 30 minutes',
      'Every 1 hour',
      'Every 3 hours',
      'Every 6 hours',
      'Every 12 hours',
      'Every 1 day',
    ]);
    expect(select.value).to.equal('60');
    typeInto(select, '360');
    expect(changes.at(-1)!.value.userSyncIntervalMinutes).to.equal(360);
  });

  it('shows the application name read-only when locked, and server messages per field', async () => {
    const { el } = await mountFields({ locked: true, errors: { defaultDeviceId: 'That device no longer exists.' } });
    const input = $<HTMLInputElement>(el, '#application-name');
    expect(input.readOnly).to.equal(true);
    expect(text(el)).to.contain('Fixed once the application is registered');
    expect(text(el)).to.contain('That device no longer exists.');
    await expect(el).to.be.accessible();
  });
});
