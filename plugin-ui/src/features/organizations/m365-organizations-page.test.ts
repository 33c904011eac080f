import { expect, html, waitUntil } from '@open-wc/testing';
import type { Organization } from '@m365/contracts';
import { contextFixture, settle } from '../../test-support/context-fixture.js';
import { $, button, text, typeInto } from '../../test-support/dom.js';
import { customer, device, onboarding, organization } from '../../test-support/factories.js';
import { createFakeApi, fail, ok } from '../../test-support/fake-api.js';
import type { M365OrganizationsPage } from './m365-organizations-page.js';
import './m365-organizations-page.js';

const page = (items: Organization[], nextCursor: string | null = null, total = items.length) =>
  ok({ items, nextCursor, total });

function fakeApi(items: Organization[], overrides: Parameters<typeof createFakeApi>[0] = {}) {
  return createFakeApi({
    organizations: {
      listOrganizations: async () => page(items),
      disconnectOrganization: async ({ params }) =>
        ok({ ...items.find((org) => org.id === params.organizationId)!, status: 'disconnected' as const }),
      ...overrides.organizations,
    },
    onboarding: { listOnboardings: async () => ok({ items: [] }), ...overrides.onboarding },
    sync: overrides.sync,
    customers: { listCustomers: async () => ok({ items: [customer()] }) },
    devices: { listDevices: async () => ok({ items: [device()] }) },
  });
}

async function mountPage(fake: ReturnType<typeof createFakeApi>) {
  const el = await contextFixture<M365OrganizationsPage>(html`<m365-organizations-page></m365-organizations-page>`, {
    api: fake.api,
  });
  await settle(el);
  return el;
}

describe('<m365-organizations-page>', () => {
  it('explains what connecting does when there is no organization, with Add organization', async () => {
    const el = await mountPage(fakeApi([]));
    const empty = $(el, 'm365-empty-state');
    expect(empty.getAttribute('heading') ?? (empty as unknown as { heading: string }).heading).to.contain(
      'No Microsoft 365 organization',
    );
    expect((empty as unknown as { text: string }).text).to.contain('registers a backup application');
    expect(empty.querySelector('button')!.textContent!.trim()).to.equal('Add organization');
    await expect(el).to.be.accessible();
  });

  it('lists organizations and pages with Load more', async () => {
    const fake = fakeApi([], {
      organizations: {
        listOrganizations: async (args) =>
          args?.query?.cursor ? page([organization({ id: 'org-2', customerName: 'Fabrikam' })], null, 2) : page([organization()], 'c2', 2),
      },
    });
    const el = await mountPage(fake);
    expect(text(el)).to.contain('1 of 2 organizations');
    button(el, 'Load more').click();
    await settle(el);
    const table = $(el, 'm365-organization-table');
    expect((table as unknown as { organizations: Organization[] }).organizations.map((org) => org.id)).to.deep.equal([
      'org-1',
      'org-2',
    ]);
    expect(fake.callsTo('organizations.listOrganizations')[1]).to.deep.include({});
    expect((fake.callsTo('organizations.listOrganizations')[1] as { query: { cursor: string } }).query.cursor).to.equal('c2');
    await expect(el).to.be.accessible();
  });

  it('searches and filters through the API, and says when nothing matches', async () => {
    const fake = fakeApi([], {
      organizations: { listOrganizations: async (args) => page(args?.query?.search || args?.query?.status ? [] : [organization()]) },
    });
    const el = await mountPage(fake);
    typeInto($<HTMLInputElement>(el, 'input[type=search]'), 'fabri');
    await waitUntil(() => fake.callsTo('organizations.listOrganizations').length === 2, 'search request', { timeout: 2000 });
    typeInto($<HTMLSelectElement>(el, 'select'), 'needs_attention');
    await settle(el);
    const queries = fake.callsTo('organizations.listOrganizations').map((args) => (args as { query: object }).query);
    expect(queries.at(-1)).to.deep.include({ search: 'fabri', status: 'needs_attention' });
    expect(($(el, 'm365-empty-state') as unknown as { heading: string }).heading).to.equal('No organization matches');
  });

  it('queues a sync with Sync now and says so', async () => {
    const fake = fakeApi([organization()], {
      sync: { startSync: async () => ok({} as never, 202) },
    });
    const el = await mountPage(fake);
    const table = $(el, 'm365-organization-table');
    [...table.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Sync now')!.click();
    await settle(el);
    expect(fake.callsTo('sync.startSync')[0]).to.deep.include({ params: { organizationId: 'org-1' } });
    expect($(el, '.notice').textContent).to.equal('Sync queued for Contoso.');
  });

  it('disconnects only after confirmation, with the options chosen', async () => {
    const fake = fakeApi([organization()]);
    const el = await mountPage(fake);
    const table = $(el, 'm365-organization-table');
    const clickDisconnect = () => {
      const disconnect = [...table.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Disconnect')!;
      disconnect.focus();
      disconnect.click();
    };

    clickDisconnect();
    await settle(el);
    let dialog = $(el, 'm365-disconnect-dialog');
    expect(text(dialog)).to.contain('Disconnect Contoso?');
    button(dialog, 'Cancel').click();
    await settle(el);
    expect(el.shadowRoot!.querySelector('m365-disconnect-dialog')).to.equal(null);
    expect(fake.callsTo('organizations.disconnectOrganization').length).to.equal(0);

    clickDisconnect();
    await settle(el);
    dialog = $(el, 'm365-disconnect-dialog');
    $<HTMLInputElement>(dialog, 'input[type=checkbox]').click();
    typeInto($<HTMLTextAreaElement>(dialog, 'textarea'), ' contract ended ');
    button(dialog, 'Disconnect').click();
    await settle(el);
    expect(fake.callsTo('organizations.disconnectOrganization')[0]).to.deep.include({
      body: { removeApplication: true, reason: 'contract ended' },
    });
    expect(el.shadowRoot!.querySelector('m365-disconnect-dialog')).to.equal(null);
    expect($(el, '.notice').textContent).to.equal('Contoso was disconnected.');
    expect(table.shadowRoot!.activeElement?.textContent?.trim(), 'focus on the row once its Disconnect is gone').to.equal(
      'Contoso',
    );
  });

  it('keeps the dialog open with the reason when the disconnect fails', async () => {
    const fake = fakeApi([organization()], {
      organizations: {
        disconnectOrganization: async () => fail(409, 'ORGANIZATION_NOT_CONNECTED', 'Contoso is not connected.'),
      },
    });
    const el = await mountPage(fake);
    const table = $(el, 'm365-organization-table');
    [...table.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Disconnect')!.click();
    await settle(el);
    const dialog = $(el, 'm365-disconnect-dialog');
    button(dialog, 'Disconnect').click();
    await settle(el);
    expect(text($(dialog, 'm365-error-message'))).to.contain('Contoso is not connected.');
  });

  it('lists sign-ins in progress and resumes one in the Add organization panel', async () => {
    const fake = fakeApi([], {
      onboarding: {
        listOnboardings: async () => ok({ items: [onboarding({ id: 'onb-7', customerName: 'Tailspin Toys' })] }),
        getOnboarding: async () => ok(onboarding({ id: 'onb-7', customerName: 'Tailspin Toys' })),
      },
    });
    const el = await mountPage(fake);
    expect(text($(el, '.in-progress'))).to.contain('Tailspin Toys');
    expect(text($(el, '.in-progress'))).to.contain('Waiting for the administrator to sign in');
    button(el, 'Resume').click();
    await waitUntil(() => el.shadowRoot!.querySelector('m365-add-organization-panel'), 'panel', { timeout: 4000 });
    const panel = $(el, 'm365-add-organization-panel') as unknown as { onboardingId: string };
    expect(panel.onboardingId).to.equal('onb-7');
  });

  it('opens the Add organization panel and refreshes the list when it closes', async () => {
    const fake = fakeApi([]);
    const el = await mountPage(fake);
    const before = fake.callsTo('organizations.listOrganizations').length;
    $(el, 'header button.primary').click();
    await waitUntil(() => el.shadowRoot!.querySelector('m365-add-organization-panel'), 'panel', { timeout: 4000 });
    const panel = $(el, 'm365-add-organization-panel');
    await settle(el);
    panel.dispatchEvent(new CustomEvent('m365-panel-close', { detail: { onboardingId: null, organizationId: null } }));
    await settle(el);
    expect(el.shadowRoot!.querySelector('m365-add-organization-panel')).to.equal(null);
    expect(fake.callsTo('organizations.listOrganizations').length).to.equal(before + 1);
  });

  it('opens the Add organizations board and refreshes the list when it closes', async () => {
    const fake = fakeApi([]);
    const el = await mountPage(fake);
    const before = fake.callsTo('organizations.listOrganizations').length;
    button(el, 'Add organizations').click();
    await waitUntil(() => el.shadowRoot!.querySelector('m365-add-organizations-board'), 'board', { timeout: 4000 });
    const board = $(el, 'm365-add-organizations-board');
    await settle(el);
    expect(board.shadowRoot!.querySelector('m365-batch-setup')).to.be.instanceOf(HTMLElement);
    board.dispatchEvent(new CustomEvent('m365-board-close', { detail: { batchId: null } }));
    await settle(el);
    expect(el.shadowRoot!.querySelector('m365-add-organizations-board')).to.equal(null);
    expect(fake.callsTo('organizations.listOrganizations').length).to.equal(before + 1);
  });

  it('shows a failed load with Retry', async () => {
    let calls = 0;
    const fake = fakeApi([], {
      organizations: {
        listOrganizations: async () => (++calls === 1 ? fail(503, 'GRAPH_UNAVAILABLE', 'Try again shortly.') : page([])),
      },
    });
    const el = await mountPage(fake);
    const error = $(el, 'm365-error-message');
    expect(text(error)).to.contain('Try again shortly.');
    await expect(el).to.be.accessible();
    button(error, 'Retry').click();
    await settle(el);
    expect(el.shadowRoot!.querySelector('m365-empty-state')).to.be.instanceOf(HTMLElement);
  });
});
