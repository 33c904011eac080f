import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { Organization } from '@m365/contracts';
import { contextFixture, settle } from '../../test-support/context-fixture.js';
import { $, $$, button, text, typeInto } from '../../test-support/dom.js';
import { device, organization, syncRun, user } from '../../test-support/factories.js';
import { createFakeApi, fail, ok } from '../../test-support/fake-api.js';
import { ignoreResizeObserverLoopNotice } from '../../test-support/resize-observer-notice.js';
import type { M365SettingsFields } from '../settings/m365-settings-fields.js';
import type { M365OrganizationDetail } from './m365-organization-detail.js';
import type { M365OrganizationSettings } from './m365-organization-settings.js';
import './m365-organization-detail.js';

function fakeApi(org: Organization, overrides: { settings?: () => Promise<unknown> } = {}) {
  return createFakeApi({
    organizations: {
      getOrganization: async () => ok(org),
      updateOrganizationSettings: async ({ body }) =>
        (overrides.settings?.() as never) ?? ok({ ...org.settings, ...body }),
    },
    users: {
      listUsers: async () =>
        ok({
          items: [user(1), user(2, { licensed: true, unlicensedReason: null })],
          nextCursor: null,
          total: 2,
          counts: { total: 2, licensed: 1, eligible: 2, eligibleUnlicensed: 1, deleted: 0 },
        }),
    },
    licensing: {
      assignLicenses: async () =>
        ok({
          changed: 1,
          unchanged: 0,
          rejected: [],
          seats: { total: 10, used: 2, available: 8 },
          counts: { total: 2, licensed: 2, eligible: 2, eligibleUnlicensed: 0, deleted: 0 },
        }),
    },
    devices: { listDevices: async () => ok({ items: [device(), device({ id: 'dev-2', name: 'BACKUP-02', isMain: false })] }) },
    sync: {
      listSyncRuns: async () =>
        ok({
          items: [
            syncRun(),
            syncRun({ id: 'run-0', kind: 'full', trigger: 'onboarding', status: 'failed', throttleWaits: 2, throttleWaitMs: 30_000, error: { code: 'GRAPH_THROTTLED', message: 'Microsoft throttled the sync.' } }),
          ],
          nextCursor: null,
          total: 2,
        }),
      startSync: async () => ok(syncRun({ status: 'queued' }), 202),
    },
  });
}

const manualOrg = () =>
  organization({ settings: { ...organization().settings, licenseMode: 'manual' }, userCount: 2, licensedCount: 1 });

async function mountDetail(fake: ReturnType<typeof createFakeApi>, tab: 'users' | 'settings' | 'history' = 'users') {
  const el = await contextFixture<M365OrganizationDetail>(
    html`<m365-organization-detail .organizationId=${'org-1'} .tab=${tab}></m365-organization-detail>`,
    { api: fake.api },
  );
  await settle(el);
  return el;
}

describe('<m365-organization-detail>', () => {
  ignoreResizeObserverLoopNotice();

  it('shows the organization with its status, counts, settings and tabs, accessibly', async () => {
    const el = await mountDetail(fakeApi(manualOrg()));
    expect($(el, 'h2').textContent).to.equal('Contoso');
    expect(text(el)).to.contain('Contoso Ltd (contoso.com)').and.contain('1 licensed of 2 users');
    expect(text(el)).to.contain('License management: Manual').and.contain('Default device: BACKUP-01');
    expect($$(el, '[role=tab]').map((tab) => tab.textContent!.trim())).to.deep.equal(['Users', 'Settings', 'Sync history']);
    expect(button(el, 'Users').getAttribute('aria-selected')).to.equal('true');
    await waitUntil(() => el.shadowRoot!.querySelector('m365-user-list'), 'users tab');
    await expect(el).to.be.accessible();
  });

  it('moves between tabs with the arrow keys', async () => {
    const el = await mountDetail(fakeApi(manualOrg()));
    const tablist = $(el, '[role=tablist]');
    tablist.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await el.updateComplete;
    expect(button(el, 'Settings').getAttribute('aria-selected')).to.equal('true');
    expect(el.shadowRoot!.activeElement).to.equal(button(el, 'Settings'));
    tablist.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    await el.updateComplete;
    expect(button(el, 'Sync history').getAttribute('aria-selected')).to.equal('true');
    tablist.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await el.updateComplete;
    expect(button(el, 'Users').getAttribute('aria-selected')).to.equal('true');
  });

  it('updates the header counts when licenses change in the users list', async () => {
    const el = await mountDetail(fakeApi(manualOrg()));
    const list = $(el, 'm365-user-list');
    await waitUntil(() => list.shadowRoot!.querySelector('input[role=switch]'), 'switches');
    list.shadowRoot!.querySelector<HTMLInputElement>('input[role=switch]')!.click();
    await waitUntil(() => text(el).includes('2 licensed of 2 users'), 'new counts', { timeout: 3000 });
  });

  it('queues a sync with Sync now and reloads the history', async () => {
    const fake = fakeApi(organization());
    const el = await mountDetail(fake, 'history');
    const runs = () => fake.callsTo('sync.listSyncRuns').length;
    const before = runs();
    button(el, 'Sync now').click();
    await settle(el);
    expect(fake.callsTo('sync.startSync').length).to.equal(1);
    expect(text(el)).to.contain('Sync queued for Contoso.');
    expect(runs()).to.equal(before + 1);
  });

  it('fires m365-navigate-back', async () => {
    const el = await mountDetail(fakeApi(organization()));
    setTimeout(() => button(el, '← All organizations').click());
    await oneEvent(el, 'm365-navigate-back');
  });
});

describe('<m365-organization-settings>', () => {
  it('shows the application name read-only and saves only what changed', async () => {
    const fake = fakeApi(organization());
    const el = await mountDetail(fake, 'settings');
    const settings = $<M365OrganizationSettings>(el, 'm365-organization-settings');
    await waitUntil(() => settings.shadowRoot!.querySelector('m365-settings-fields'), 'fields');
    const fields = $<M365SettingsFields>(settings, 'm365-settings-fields');
    await settle(settings);
    expect($<HTMLInputElement>(fields, '#application-name').readOnly).to.equal(true);
    expect(button(settings, 'Save').disabled, 'nothing changed yet').to.equal(true);
    $<HTMLInputElement>(fields, 'input[role=switch]').click();
    typeInto($<HTMLSelectElement>(fields, '#sync-interval'), '15');
    await settings.updateComplete;
    button(settings, 'Save').click();
    await settle(el);
    expect(fake.callsTo('organizations.updateOrganizationSettings')[0]).to.deep.include({
      body: { licenseMode: 'manual', userSyncIntervalMinutes: 15 },
    });
    expect(text(settings)).to.contain('Saved');
    expect(text(el)).to.contain('License management: Manual');
    await expect(settings).to.be.accessible();
  });

  it('shows the server message for a refused field', async () => {
    const fake = fakeApi(organization(), {
      settings: async () =>
        fail(400, 'VALIDATION_FAILED', 'Invalid settings', [{ path: 'defaultDeviceId', message: 'That device is offline for good.' }]),
    });
    const el = await mountDetail(fake, 'settings');
    const settings = $<M365OrganizationSettings>(el, 'm365-organization-settings');
    await waitUntil(() => settings.shadowRoot!.querySelector('m365-settings-fields'), 'fields');
    const fields = $<M365SettingsFields>(settings, 'm365-settings-fields');
    await settle(settings);
    button(fields, 'Edit').click();
    await fields.updateComplete;
    const picker = $(fields, 'm365-device-picker');
    $$(picker, 'tbody tr')[1]!.querySelector('button')!.click();
    await settings.updateComplete;
    button(settings, 'Save').click();
    await settle(el);
    await fields.updateComplete;
    expect(text(fields)).to.contain('That device is offline for good.');
    expect(text(settings)).to.contain('The settings were not saved.');
  });
});

describe('<m365-sync-history>', () => {
  it('lists the runs with kind, trigger, status, duration, changes, throttling and errors', async () => {
    const el = await mountDetail(fakeApi(organization()), 'history');
    const history = $(el, 'm365-sync-history');
    await waitUntil(() => history.shadowRoot!.querySelectorAll('tbody tr').length === 2, 'rows');
    const [first, second] = $$(history, 'tbody tr').map((row) => row.textContent!.replace(/\s+/g, ' '));
    expect(first).to.contain('Changes only').and.contain('Scheduled').and.contain('Succeeded').and.contain('0:42').and.contain('3 / 1 / 0');
    expect(second).to.contain('Full').and.contain('Onboarding').and.contain('Failed').and.contain('Microsoft throttled the sync.').and.contain('2 (0:30)');
    await expect(history).to.be.accessible();
  });
});
