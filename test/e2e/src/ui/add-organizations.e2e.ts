import { DEV_PARTNER } from '@m365/host-portal';
import { SEED_PASSWORD } from '@m365/emulator';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshots, startPortalStack, type PortalStack } from './support/portal.js';

const CONNECT_TIMEOUT_MS = 60_000;

describe('Add organizations board and share page (npm start stack, Chromium)', () => {
  let stack: PortalStack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    stack = await startPortalStack();
    browser = await launchChromium();
  });

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  async function newPage(origin: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    contexts.push(context);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    return context.newPage();
  }

  /** The Microsoft 365 tab -> Add organizations -> the customers -> Advanced configuration -> Start. */
  async function startBatch(page: Page, customers: string[], applicationName: string) {
    await page.goto(`${stack.portal.url}/customers`);
    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Microsoft 365' }).click();
    await page.getByRole('button', { name: 'Add organizations', exact: true }).click();
    const board = page.getByRole('dialog', { name: 'Add organizations' });
    for (const customer of customers) await board.getByRole('checkbox', { name: customer, exact: true }).check();
    await board.getByRole('button', { name: 'Advanced configuration' }).click();
    await board.getByRole('textbox', { name: 'Application name' }).fill(applicationName);
    await board.getByRole('button', { name: `Start ${customers.length} sign-ins` }).click();
    const table = board.getByRole('table', { name: 'Sign-ins of this batch' });
    await table.waitFor();
    return { board, table };
  }

  /** The code shown in a row of the board (or '' when the row shows none). */
  async function codeOf(table: Locator, customer: string): Promise<string> {
    const code = table.getByRole('row', { name: new RegExp(`^${customer}\\b`) }).locator('code');
    return (await code.count()) ? ((await code.textContent()) ?? '').trim() : '';
  }

  /** The code on the share page: the paragraph that holds nothing but a code. */
  async function sharedCode(share: Page): Promise<string> {
    return ((await share.getByRole('paragraph').filter({ hasText: /^\s*[A-Z0-9-]{6,}\s*$/ }).textContent()) ?? '').trim();
  }

  it('starts 3 onboardings; the share page of one shows its code and follows its sign-in to connected', { timeout: 120_000 }, async () => {
    const shot = screenshots('bulk-board');
    const applicationName = `Bulk Backup ${Date.now().toString(36)}`;
    const page = await newPage(stack.portal.url);
    const { board, table } = await startBatch(page, ['Fabrikam', 'Tailspin Toys', 'Litware'], applicationName);

    const customers = ['Fabrikam', 'Tailspin Toys', 'Litware'];
    for (const customer of customers) {
      await expect(table.getByRole('row', { name: new RegExp(`^${customer}\\b`) }).textContent()).resolves.toContain(
        'Waiting for the administrator to sign in',
      );
    }
    const codes = await Promise.all(customers.map((customer) => codeOf(table, customer)));
    expect(new Set(codes).size).toBe(3);
    const pending = stack.emulator.control.pendingDeviceCodes().map((code) => code.userCode);
    expect(pending).toEqual(expect.arrayContaining(codes));
    await expect(board.getByRole('status').filter({ hasText: 'waiting for sign-in' }).textContent()).resolves.toMatch(
      /^\s*3 waiting for sign-in · 0 queued · 0 configuring · 0 connected · 0 failed\s*$/,
    );
    await shot(page, 'board-started');

    await table.getByRole('button', { name: 'Create link for the administrator of Litware' }).click();
    const link = await table.getByRole('textbox', { name: 'Link for Litware' }).inputValue();
    expect(link).toMatch(new RegExp(`^${stack.portal.apiBaseUrl}/ui/share\\.html#[A-Za-z0-9_-]{43}$`));
    await table.getByRole('button', { name: 'Copy link for Litware' }).click();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(link);
    await shot(page, 'board-link');

    // The customer's admin, in a browser of their own.
    const share = await newPage(stack.portal.url);
    await share.goto(link);
    await share.getByRole('heading', { name: 'Connect Litware to Microsoft 365 backup' }).waitFor();
    const litwareCode = codes[2]!;
    expect(await sharedCode(share)).toBe(litwareCode);
    // Everything the page shows (the accessibility tree pierces the element's shadow root).
    const visible = await share.locator('body').ariaSnapshot();
    expect(visible).toContain(litwareCode);
    for (const secret of [DEV_PARTNER.name, applicationName, 'BACKUP-01', 'Fabrikam', 'Tailspin', 'cust-litware', codes[0]!, codes[1]!]) {
      expect(visible, secret).not.toContain(secret);
    }
    await share.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect(share.evaluate(() => navigator.clipboard.readText())).resolves.toBe(litwareCode);
    await shot(share, 'share-page-code');

    const [login] = await Promise.all([
      share.context().waitForEvent('page'),
      share.getByRole('button', { name: 'Log in to Microsoft 365' }).click(),
    ]);
    await login.waitForLoadState();
    const codeBox = login.getByRole('textbox', { name: 'Code' });
    await codeBox.focus();
    await login.keyboard.press('ControlOrMeta+V');
    await expect(codeBox.inputValue()).resolves.toBe(litwareCode);
    await login.getByRole('button', { name: 'Next' }).click();
    await login.getByRole('textbox', { name: 'Email, phone, or Skype' }).fill('admin@litware.com');
    await login.getByRole('button', { name: 'Next' }).click();
    await login.getByLabel('Password').fill(SEED_PASSWORD);
    await login.getByRole('button', { name: 'Sign in' }).click();
    await login.getByRole('button', { name: 'Continue' }).click();
    await login.getByRole('heading', { name: 'Permissions requested' }).waitFor();
    await login.getByRole('button', { name: 'Continue' }).click();
    await login.getByText('You may now close this window.').waitFor();
    await login.close();

    await share.getByText('Litware is connected to the backup. Thank you: you can close this page.').waitFor({ timeout: CONNECT_TIMEOUT_MS });
    await expect(share.getByRole('list', { name: 'Progress' }).getByRole('listitem').allTextContents()).resolves.toEqual(
      expect.arrayContaining([expect.stringContaining('Find and license the users · Done')]),
    );
    await shot(share, 'share-page-connected');

    const litwareRow = table.getByRole('row', { name: /^Litware\b/ });
    await litwareRow.getByText('Connected', { exact: true }).waitFor();
    await expect(codeOf(table, 'Fabrikam')).resolves.toBe(codes[0]);
    await shot(page, 'board-one-connected');
    expect(stack.emulator.control.tenantState('litware.com').applications.map((application) => application.displayName)).toEqual([
      applicationName,
    ]);
  });

  it('renews an expired code on the board and on the share page while they are open', { timeout: 120_000 }, async () => {
    const shot = screenshots('bulk-renewal');
    stack.emulator.control.setTiming({ deviceCodeExpiresInSeconds: 8 });
    try {
      const page = await newPage(stack.portal.url);
      const { table } = await startBatch(page, ['Contoso', 'Northwind Traders', 'Woodgrove Bank'], 'Renewal Backup');
      const first = await codeOf(table, 'Contoso');
      expect(first).not.toBe('');
      await table.getByRole('button', { name: 'Create link for the administrator of Contoso' }).click();
      const share = await newPage(stack.portal.url);
      await share.goto(await table.getByRole('textbox', { name: 'Link for Contoso' }).inputValue());
      await share.getByRole('heading', { name: 'Connect Contoso to Microsoft 365 backup' }).waitFor();
      expect(await sharedCode(share)).toBe(first);

      const deadline = Date.now() + 60_000;
      let renewed = first;
      while (Date.now() < deadline && (renewed === first || renewed === '')) {
        await page.waitForTimeout(500);
        renewed = await codeOf(table, 'Contoso');
      }
      expect(renewed).not.toBe(first);
      expect(renewed).not.toBe('');
      await shot(page, 'board-renewed');
      await share.getByText(renewed, { exact: true }).waitFor({ timeout: 15_000 });
      expect(await sharedCode(share)).toBe(renewed);
      await shot(share, 'share-page-renewed');
    } finally {
      stack.emulator.control.setTiming({ deviceCodeExpiresInSeconds: 900 });
    }
  });
});
