import { expect, html, oneEvent } from '@open-wc/testing';
import { contextFixture } from '../../test-support/context-fixture.js';
import { $, $$, button, text } from '../../test-support/dom.js';
import { organization } from '../../test-support/factories.js';
import type { M365OrganizationTable } from './m365-organization-table.js';
import './m365-organization-table.js';

const rows = [
  organization(),
  organization({
    id: 'org-2',
    customerName: 'Fabrikam',
    status: 'needs_attention',
    attention: { reason: 'credential_rejected', message: 'Microsoft rejects the certificate.', since: '2026-03-01T00:00:00Z' },
    settings: { applicationName: 'Backup', licenseMode: 'manual', defaultDeviceId: 'dev-2', userSyncIntervalMinutes: 15 },
    defaultDeviceName: 'BACKUP-02',
    userCount: 5000,
    licensedCount: 1234,
    lastSync: { at: '2026-03-02T09:00:00Z', status: 'failed', message: 'Throttled' },
  }),
  organization({ id: 'org-3', customerName: 'Northwind', status: 'connecting', tenantName: null, primaryDomain: null, onboardingId: 'onb-9', lastSync: null, nextSyncAt: null }),
  organization({ id: 'org-4', customerName: 'Litware', status: 'disconnected' }),
  organization({
    id: 'org-5',
    customerName: 'Tailspin',
    status: 'needs_attention',
    onboardingId: 'onb-5',
    attention: { reason: 'onboarding_failed', message: 'Not a Global Administrator.', since: '2026-03-01T00:00:00Z' },
  }),
];

describe('<m365-organization-table>', () => {
  it('renders one row per organization with status, reason, counts, license mode, device and sync times', async () => {
    const el = await contextFixture<M365OrganizationTable>(
      html`<m365-organization-table .organizations=${rows}></m365-organization-table>`,
      { locale: 'de-DE' },
    );
    const trs = $$(el, 'tbody tr');
    expect(trs.length).to.equal(5);
    const fabrikam = trs[1]!.textContent!.replace(/\s+/g, ' ');
    expect(trs[1]!.querySelector('m365-status-badge')!.status).to.equal('needs_attention');
    expect(trs[1]!.querySelector('m365-status-badge')!.shadowRoot!.textContent).to.contain('Needs attention');
    expect(fabrikam).to.contain('Microsoft rejects the certificate.');
    expect(fabrikam).to.contain('1.234 of 5.000 licensed');
    expect(fabrikam).to.contain('Manual');
    expect(fabrikam).to.contain('BACKUP-02');
    expect(fabrikam).to.contain('Last: failed vor');
    const northwind = trs[2]!.textContent!.replace(/\s+/g, ' ');
    expect(northwind).to.contain('Waiting for sign-in');
    expect(northwind).to.contain('Last: Never');
    expect(northwind).to.contain('Next: Not scheduled');
    expect(text(el)).to.contain('contoso.com');
    await expect(el).to.be.accessible();
  });

  it('offers Sync now only to connected organizations, Resume to connecting ones, Disconnect only once connected', async () => {
    const el = await contextFixture<M365OrganizationTable>(
      html`<m365-organization-table .organizations=${rows} .syncing=${new Set(['org-1'])}></m365-organization-table>`,
    );
    const [contoso, fabrikam, northwind, litware, tailspin] = $$(el, 'tbody tr');
    const named = (row: Element, name: string) =>
      [...row.querySelectorAll('button')].find((b) => b.textContent!.trim() === name);
    expect(named(contoso!, 'Sync now')!.disabled, 'sync running').to.equal(true);
    expect(named(fabrikam!, 'Sync now')!.disabled).to.equal(false);
    expect(named(northwind!, 'Sync now')!.disabled).to.equal(true);
    expect(named(northwind!, 'Resume')).to.be.instanceOf(HTMLButtonElement);
    expect(named(contoso!, 'Resume')).to.equal(undefined);
    expect(named(litware!, 'Disconnect')).to.equal(undefined);
    expect(named(northwind!, 'Disconnect'), 'a sign-in in progress is cancelled from its panel').to.equal(undefined);
    expect(named(tailspin!, 'Sync now')!.disabled, 'a failed onboarding has nothing to sync').to.equal(true);
    expect(named(tailspin!, 'Resume')).to.be.instanceOf(HTMLButtonElement);
  });

  it('fires open, sync, settings, disconnect and resume events with the ids', async () => {
    const el = await contextFixture<M365OrganizationTable>(
      html`<m365-organization-table .organizations=${rows}></m365-organization-table>`,
    );
    const fabrikam = $$(el, 'tbody tr')[1]!;
    const click = (name: string, row: Element = fabrikam) =>
      setTimeout(() => [...row.querySelectorAll('button')].find((b) => b.textContent!.trim() === name)!.click());

    click('Fabrikam');
    expect((await oneEvent(el, 'm365-organization-open')).detail).to.deep.equal({ organizationId: 'org-2', tab: 'users' });
    click('Settings');
    expect((await oneEvent(el, 'm365-organization-open')).detail).to.deep.equal({ organizationId: 'org-2', tab: 'settings' });
    click('Sync now');
    expect((await oneEvent(el, 'm365-sync-request')).detail).to.deep.equal({ organizationId: 'org-2' });
    click('Disconnect');
    expect((await oneEvent(el, 'm365-disconnect-request')).detail).to.deep.equal({ organizationId: 'org-2' });
    click('Resume', $$(el, 'tbody tr')[2]!);
    expect((await oneEvent(el, 'm365-onboarding-resume')).detail).to.deep.equal({ onboardingId: 'onb-9' });
    expect(button(el, 'Contoso')).to.be.instanceOf(HTMLButtonElement);
    expect($(el, 'table')).to.be.instanceOf(HTMLTableElement);
  });
});
