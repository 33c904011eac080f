import { SEED_PASSWORD } from '@m365/emulator';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshots, startPortalStack, type PortalStack } from './support/portal.js';

const CONNECT_TIMEOUT_MS = 60_000;

/** The users list's counts line: "2 licensed of 52 users · 998 of 1,000 seats available". */
function counts(page: Page, licensed: number, total: number) {
  return page.getByText(new RegExp(`^\\s*${licensed} licensed of ${total} users\\b`));
}

describe('Add organization in the development portal (npm start stack, Chromium)', () => {
  let stack: PortalStack;
  let browser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    stack = await startPortalStack();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  async function openPortal(options: { ignoreHTTPSErrors?: boolean } = {}): Promise<Page> {
    await context?.close();
    context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, ...options });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.portal.url });
    const page = await context.newPage();
    await page.goto(`${stack.portal.url}/customers`);
    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Microsoft 365' }).click();
    await expect(page.getByRole('heading', { name: 'Microsoft 365 organizations' }).waitFor()).resolves.toBeUndefined();
    return page;
  }

  /** Add organization -> the customer -> Advanced configuration with every field changed. */
  async function configure(page: Page, customer: string, settings: { applicationName: string; manual: boolean; device: string; interval: string }) {
    await page.getByRole('button', { name: 'Add organization', exact: true }).first().click();
    // Its title gains the customer's name once the onboarding starts ("Add organization: Contoso").
    const panel = page.getByRole('dialog', { name: /^Add organization(: .+)?$/ });
    await panel.getByRole('combobox', { name: 'Customer' }).selectOption({ label: customer });
    await panel.getByRole('button', { name: 'Advanced configuration' }).click();

    const applicationName = panel.getByRole('textbox', { name: 'Application name' });
    await expect(applicationName.inputValue()).resolves.toBe('Backup for Microsoft 365');
    await applicationName.fill(settings.applicationName);

    const licenseManagement = panel.getByRole('switch', { name: 'License management' });
    await expect(licenseManagement.isChecked()).resolves.toBe(true);
    if (settings.manual) await licenseManagement.uncheck();
    await expect(licenseManagement.isChecked()).resolves.toBe(!settings.manual);

    const deviceGroup = panel.getByRole('group', { name: 'Default device' });
    await expect(deviceGroup.textContent()).resolves.toMatch(/BACKUP-01\s*Main/);
    await deviceGroup.getByRole('button', { name: 'Edit' }).click();
    await panel.getByRole('button', { name: `Use this device: ${settings.device}` }).click();
    await expect(deviceGroup.getByRole('strong').textContent()).resolves.toBe(settings.device);

    await panel.getByRole('combobox', { name: 'User sync interval' }).selectOption({ label: settings.interval });
    return panel;
  }

  /** The Users tab of the organization once the panel says it is connected. */
  async function openConnectedOrganization(page: Page, customer: string) {
    const panel = page.getByRole('dialog', { name: `Add organization: ${customer}` });
    await panel.getByText(`${customer} is connected`).waitFor({ timeout: CONNECT_TIMEOUT_MS });
    return panel;
  }

  /** The applications registered in the tenant: the plugin's one, under the chosen name, and nothing else. */
  function registeredApplications(tenant: string) {
    return stack.emulator.control.tenantState(tenant).applications;
  }

  it('connects Contoso through the device code with manual licensing, then licenses two users', { timeout: 120_000 }, async () => {
    const shot = screenshots('device-code-manual');
    const applicationName = `Contoso Backup ${Date.now().toString(36)}`;
    const page = await openPortal();
    await shot(page, 'organizations');

    const panel = await configure(page, 'Contoso', {
      applicationName,
      manual: true,
      device: 'BACKUP-02',
      interval: 'Every 6 hours',
    });
    await shot(page, 'advanced-configuration');
    await panel.getByRole('button', { name: 'Get sign-in code' }).click();

    await panel.getByText('Sign-in code', { exact: true }).waitFor();
    const shown = (await panel.getByRole('paragraph').filter({ hasText: /^\s*[A-Z0-9-]{6,}\s*$/ }).textContent())!.trim();
    await panel.getByRole('button', { name: 'Copy' }).click();
    await panel.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(shown);
    await shot(page, 'sign-in-code');

    const [login] = await Promise.all([page.context().waitForEvent('page'), panel.getByRole('button', { name: 'Log in to Microsoft 365' }).click()]);
    await login.waitForLoadState();
    expect(login.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/devicelogin/);
    const codeBox = login.getByRole('textbox', { name: 'Code' });
    await codeBox.focus();
    await login.keyboard.press('ControlOrMeta+V');
    await expect(codeBox.inputValue()).resolves.toBe(copied);
    await shot(login, 'microsoft-code');
    await login.getByRole('button', { name: 'Next' }).click();
    await login.getByRole('textbox', { name: 'Email, phone, or Skype' }).fill('admin@contoso.com');
    await login.getByRole('button', { name: 'Next' }).click();
    await login.getByLabel('Password').fill(SEED_PASSWORD);
    await shot(login, 'microsoft-password');
    await login.getByRole('button', { name: 'Sign in' }).click();
    await login.getByRole('heading', { name: 'Are you trying to sign in to M365 Backup?' }).waitFor();
    await shot(login, 'microsoft-confirm-app');
    await login.getByRole('button', { name: 'Continue' }).click();
    await login.getByRole('heading', { name: 'Permissions requested' }).waitFor();
    await shot(login, 'microsoft-consent');
    await login.getByRole('button', { name: 'Continue' }).click();
    await login.getByText('You may now close this window.').waitFor();
    await shot(login, 'microsoft-done');
    await login.close();

    const connected = await openConnectedOrganization(page, 'Contoso');
    await expect(connected.getByRole('list', { name: 'Configuring the organization' }).textContent()).resolves.not.toMatch(/Failed|Pending/);
    await shot(page, 'connected');
    await connected.getByRole('button', { name: 'Open organization' }).click();

    const tenantUsers = stack.emulator.control.tenantState('contoso.com').tenant.userCount;
    await counts(page, 0, tenantUsers).waitFor();
    const users = page.getByRole('list', { name: 'Users' });
    await users.getByRole('listitem').first().waitFor();
    const switches = users.getByRole('switch');
    expect(await switches.count()).toBeGreaterThan(2);
    for (const state of await switches.evaluateAll((nodes) => nodes.map((node) => (node as HTMLInputElement).checked))) {
      expect(state).toBe(false);
    }
    await shot(page, 'users-none-licensed');

    const licensable = users.getByRole('switch', { disabled: false });
    const first = licensable.nth(0);
    const second = licensable.nth(1);
    const names = [await first.getAttribute('aria-label'), await second.getAttribute('aria-label')];
    await first.check();
    await counts(page, 1, tenantUsers).waitFor();
    await users.getByRole('switch', { name: names[1]! }).check();
    await counts(page, 2, tenantUsers).waitFor();
    for (const name of names) await expect(users.getByRole('switch', { name: name! }).isChecked()).resolves.toBe(true);
    await expect(page.getByText(/^\s*Contoso \(contoso\.com\)/).textContent()).resolves.toContain(`2 licensed of ${tenantUsers} users`);
    await shot(page, 'two-licensed');

    const api = await stack.api();
    const organizations = await api.organizations.listOrganizations({ query: { customerId: 'cust-contoso' } });
    expect(organizations.status).toBe(200);
    const organization = organizations.status === 200 ? organizations.body.items[0] : undefined;
    expect(organization).toMatchObject({
      status: 'connected',
      licensedCount: 2,
      userCount: tenantUsers,
      defaultDeviceName: 'BACKUP-02',
      settings: { applicationName, licenseMode: 'manual', defaultDeviceId: 'dev-backup-02', userSyncIntervalMinutes: 360 },
    });
    const registered = registeredApplications('contoso.com');
    expect(registered.map((application) => application.displayName)).toEqual([applicationName]);
    expect(registered[0]!.appId).toBe(organization?.applicationId);
  });

  it('connects Woodgrove through the pop-up sign-in with automatic licensing', { timeout: 120_000 }, async () => {
    const shot = screenshots('popup-automatic');
    const applicationName = `Woodgrove Backup ${Date.now().toString(36)}`;
    // The pop-up's Microsoft pages are on the emulator's HTTPS origin, whose CA Chromium does not know.
    const page = await openPortal({ ignoreHTTPSErrors: true });
    const panel = await configure(page, 'Woodgrove Bank', {
      applicationName,
      manual: false,
      device: 'NAS-03',
      interval: 'Every 30 minutes',
    });
    await shot(page, 'advanced-configuration');
    await panel.getByRole('button', { name: 'Get sign-in code' }).click();
    await panel.getByRole('button', { name: 'Log in to Microsoft 365' }).waitFor();
    await shot(page, 'sign-in-code');

    const [popup] = await Promise.all([page.waitForEvent('popup'), panel.getByRole('button', { name: 'Sign in with a pop-up instead' }).click()]);
    await popup.getByRole('textbox', { name: 'Email, phone, or Skype' }).fill('admin@woodgrove.com');
    await shot(popup, 'microsoft-email');
    await popup.getByRole('button', { name: 'Next' }).click();
    await popup.getByLabel('Password').fill(SEED_PASSWORD);
    await popup.getByRole('button', { name: 'Sign in' }).click();
    await popup.getByRole('heading', { name: 'Permissions requested' }).waitFor();
    await shot(popup, 'microsoft-consent');
    await popup.getByRole('button', { name: 'Continue' }).click();
    await popup.waitForEvent('close');

    const connected = await openConnectedOrganization(page, 'Woodgrove Bank');
    await shot(page, 'connected');
    await connected.getByRole('button', { name: 'Open organization' }).click();

    const tenantUsers = stack.emulator.control.tenantState('woodgrove.com').tenant.userCount;
    const api = await stack.api();
    const organizations = await api.organizations.listOrganizations({ query: { customerId: 'cust-woodgrove' } });
    const organization = organizations.status === 200 ? organizations.body.items[0] : undefined;
    expect(organization).toMatchObject({
      status: 'connected',
      userCount: tenantUsers,
      defaultDeviceName: 'NAS-03',
      settings: { applicationName, licenseMode: 'automatic', defaultDeviceId: 'dev-nas-03', userSyncIntervalMinutes: 30 },
    });
    const page1 = await api.users.listUsers({ params: { organizationId: organization!.id }, query: { limit: 1 } });
    expect(page1.status).toBe(200);
    const userCounts = page1.status === 200 ? page1.body.counts : undefined;
    expect(userCounts?.total).toBe(tenantUsers);
    expect(userCounts?.licensed).toBeGreaterThan(0);
    const unlicensedEligible = await api.users.listUsers({
      params: { organizationId: organization!.id },
      query: { eligible: 'true', licensed: 'false', limit: 500 },
    });
    const reasons = unlicensedEligible.status === 200 ? unlicensedEligible.body.items.map((user) => user.unlicensedReason) : ['?'];
    expect(reasons).not.toContain('manual_mode');
    await counts(page, userCounts!.licensed, tenantUsers).waitFor();
    const users = page.getByRole('list', { name: 'Users' });
    await users.getByRole('listitem').first().waitFor();
    await expect(users.getByRole('switch').count()).resolves.toBe(0);
    await expect(users.getByText('Licensed', { exact: true }).count()).resolves.toBeGreaterThan(0);
    await shot(page, 'users-licensed-automatically');

    const registered = registeredApplications('woodgrove.com');
    expect(registered.map((application) => application.displayName)).toEqual([applicationName]);
    expect(registered[0]!.appId).toBe(organization?.applicationId);
  });
});
