import { expect, html, oneEvent } from '@open-wc/testing';
import type { Onboarding } from '@m365/contracts';
import { contextFixture } from '../../test-support/context-fixture.js';
import { $, $$, text } from '../../test-support/dom.js';
import { onboarding } from '../../test-support/factories.js';
import type { M365BatchTable, ShareLinkState } from './m365-batch-table.js';
import './m365-batch-table.js';

const ITEMS: Onboarding[] = [
  onboarding({ id: 'onb-contoso' }),
  onboarding({
    id: 'onb-fabrikam',
    customerId: 'cust-fabrikam',
    customerName: 'Fabrikam',
    status: 'configuring',
    currentStep: 'grant',
    signIn: null,
  }),
  onboarding({ id: 'onb-litware', customerId: 'cust-litware', customerName: 'Litware', status: 'connected', signIn: null }),
  onboarding({
    id: 'onb-tailspin',
    customerId: 'cust-tailspin',
    customerName: 'Tailspin',
    status: 'failed',
    signIn: null,
    failure: {
      code: 'ONBOARDING_ADMIN_ROLE_INSUFFICIENT',
      message: 'admin@tailspin.com is not a Global Administrator.',
      action: 'ask_global_admin',
      step: 'verify',
    },
  }),
];

const mount = (items = ITEMS, links: ReadonlyMap<string, ShareLinkState> = new Map()) =>
  contextFixture<M365BatchTable>(html`<m365-batch-table .items=${items} .links=${links}></m365-batch-table>`);

const row = (el: M365BatchTable, id: string) => $(el, `tr[data-onboarding="${id}"]`);
const cells = (el: M365BatchTable, id: string) =>
  [...row(el, id).querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim());
const labelled = <T extends HTMLElement>(el: M365BatchTable, label: string) => $<T>(el, `[aria-label="${label}"]`);

function stubClipboard() {
  const written: string[] = [];
  const original = navigator.clipboard.writeText;
  navigator.clipboard.writeText = async (value: string) => void written.push(value);
  return { written, restore: () => (navigator.clipboard.writeText = original) };
}

describe('<m365-batch-table>', () => {
  it('shows each onboarding by its state: the code while waiting, the step while configuring, the failure', async () => {
    const el = await mount([...ITEMS].reverse());
    expect($$(el, 'tbody th').map((cell) => cell.textContent)).to.deep.equal(['Contoso', 'Fabrikam', 'Litware', 'Tailspin']);
    expect(cells(el, 'onb-contoso').slice(0, 2)).to.deep.equal(['Contoso', 'Waiting for the administrator to sign in']);
    expect(cells(el, 'onb-contoso')[2]).to.match(/^ABCD-EFGH Copy Expires in 1[45]:\d\d$/);
    expect(cells(el, 'onb-contoso')[3]).to.equal('Create link');
    expect(cells(el, 'onb-fabrikam')).to.deep.equal([
      'Fabrikam',
      'Configuring Grant the permissions (admin consent)',
      'No code needed',
      'Create link',
    ]);
    expect(cells(el, 'onb-litware')).to.deep.equal(['Litware', 'Connected', 'No code needed', '']);
    expect(cells(el, 'onb-tailspin')).to.deep.equal([
      'Tailspin',
      'Failed admin@tailspin.com is not a Global Administrator.',
      'No code needed',
      '',
    ]);
    await expect(el).to.be.accessible();
  });

  it('says a new code is coming when a code expired or is being replaced', async () => {
    const expired = onboarding({ signIn: { ...onboarding().signIn!, expiresAt: new Date(Date.now() - 1000).toISOString() } });
    const el = await mount([expired, onboarding({ id: 'onb-2', customerName: 'Fabrikam', signIn: null })]);
    expect(cells(el, 'onb-1')[2]).to.equal('ABCD-EFGH Copy New code on its way…');
    expect(cells(el, 'onb-2')[2]).to.equal('New code on its way…');
  });

  it('copies a code and announces it', async () => {
    const el = await mount();
    const clipboard = stubClipboard();
    try {
      labelled(el, 'Copy the code for Contoso').click();
      await new Promise((resolve) => setTimeout(resolve));
      await el.updateComplete;
      expect(clipboard.written).to.deep.equal(['ABCD-EFGH']);
      expect($(el, '[role=status]').textContent).to.equal('Code for Contoso copied.');
    } finally {
      clipboard.restore();
    }
  });

  it('asks for a link, shows it while it is created, then shows it with Copy link and its expiry', async () => {
    const el = await mount();
    setTimeout(() => labelled(el, 'Create link for the administrator of Contoso').click());
    expect((await oneEvent(el, 'm365-share-link-request')).detail).to.deep.equal({ onboardingId: 'onb-contoso' });

    el.links = new Map([['onb-contoso', { status: 'pending' }]]);
    await el.updateComplete;
    const pending = labelled<HTMLButtonElement>(el, 'Create link for the administrator of Contoso');
    expect([pending.disabled, pending.textContent?.trim()]).to.deep.equal([true, 'Creating…']);

    const url = 'http://portal.test/m365-plugin/ui/share.html#token-123';
    el.links = new Map([['onb-contoso', { status: 'ready', url, expiresAt: '2026-03-05T10:00:00.000Z' }]]);
    await el.updateComplete;
    expect(labelled<HTMLInputElement>(el, 'Link for Contoso').value).to.equal(url);
    expect(cells(el, 'onb-contoso')[3]).to.match(/^Copy link Expires Mar 5, 2026/);
    const clipboard = stubClipboard();
    try {
      labelled(el, 'Copy link for Contoso').click();
      await new Promise((resolve) => setTimeout(resolve));
      await el.updateComplete;
      expect(clipboard.written).to.deep.equal([url]);
      expect($(el, '[role=status]').textContent).to.equal('Link for Contoso copied.');
    } finally {
      clipboard.restore();
    }
    await expect(el).to.be.accessible();
  });

  it('shows why a link was refused, and offers none for an ended onboarding', async () => {
    const el = await mount(ITEMS, new Map([['onb-fabrikam', { status: 'failed', error: new Error('This onboarding has ended.') }]]));
    expect(row(el, 'onb-fabrikam').querySelector('[role=alert]')?.textContent).to.equal('No link: This onboarding has ended.');
    expect($$(el, '[aria-label^="Create link"]').map((button) => button.getAttribute('aria-label'))).to.deep.equal([
      'Create link for the administrator of Contoso',
      'Create link for the administrator of Fabrikam',
    ]);
    expect(text(el)).not.to.contain('Create link for the administrator of Litware');
  });
});
