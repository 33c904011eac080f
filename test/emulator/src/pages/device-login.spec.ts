import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../emulator.js';
import { EMULATOR_PUBLIC_CLIENT_ID } from '../store/directory.js';
import { launchChromium } from '../test/browser.js';
import { DEVICE_CODE_GRANT, ONBOARDING_SCOPE_STRING, PASSWORD, postForm, startTestEmulator } from '../test/helpers.js';

describe('device login pages in Chromium', () => {
  let emu: RunningEmulator;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    emu = await startTestEmulator();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser.close();
    await emu.close();
  });

  beforeEach(async () => {
    emu.control.reset();
    page = await (await browser.newContext()).newPage();
  });

  async function requestCode(tenant = 'organizations') {
    const result = await postForm(emu, `/${tenant}/oauth2/v2.0/devicecode`, { client_id: EMULATOR_PUBLIC_CLIENT_ID, scope: ONBOARDING_SCOPE_STRING });
    return result.body as { user_code: string; device_code: string; verification_uri: string };
  }

  const poll = (deviceCode: string) =>
    postForm(emu, '/organizations/oauth2/v2.0/token', { grant_type: DEVICE_CODE_GRANT, client_id: EMULATOR_PUBLIC_CLIENT_ID, device_code: deviceCode });

  async function signIn(code: { user_code: string; verification_uri: string }, email: string, password = PASSWORD) {
    await page.goto(code.verification_uri);
    await page.getByRole('textbox', { name: 'Code' }).fill(code.user_code);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('textbox', { name: 'Email, phone, or Skype' }).fill(email);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('walks code, e-mail, password, app confirmation and consent as a person does', async () => {
    const code = await requestCode();
    expect(code.verification_uri.startsWith('http://127.0.0.1:')).toBe(true);

    await signIn(code, 'admin@contoso.com');
    await expect(page.getByRole('heading', { name: 'Are you trying to sign in to M365 Backup?' }).isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { name: 'Permissions requested' }).isVisible()).resolves.toBe(true);
    const permissions = await page.getByRole('list', { name: 'Requested permissions' }).getByRole('listitem').allTextContents();
    expect(permissions).toEqual(['Read and write all applications', 'Manage app permission grants and app role assignments', 'Read directory data', 'Sign in and read user profile']);
    await expect(page.getByRole('checkbox', { name: 'Consent on behalf of your organization' }).isChecked()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Continue' }).click();

    await expect(page.getByText('You may now close this window.').isVisible()).resolves.toBe(true);
    const tokens = await poll(code.device_code);
    expect(tokens.status).toBe(200);
    expect(emu.control.tenantState('contoso.com').oauth2PermissionGrants).toEqual([expect.objectContaining({ consentType: 'AllPrincipals' })]);
  });

  it('says so when the code is wrong or the password is wrong', async () => {
    const code = await requestCode();
    await page.goto(code.verification_uri);
    await page.getByRole('textbox', { name: 'Code' }).fill('WRONGCODE');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe("That code didn't work. Check the code and try again.");

    await signIn(code, 'admin@contoso.com', 'not-the-password');

    await expect(page.getByRole('alert').textContent()).resolves.toBe("Your account or password is incorrect. If you don't remember your password, reset it now.");
    expect((await poll(code.device_code)).body.error).toBe('authorization_pending');
  });

  it('refuses personal accounts on the e-mail step', async () => {
    const code = await requestCode();
    await page.goto(code.verification_uri);
    await page.getByRole('textbox', { name: 'Code' }).fill(code.user_code);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('textbox', { name: 'Email, phone, or Skype' }).fill('someone@outlook.com');
    await page.getByRole('button', { name: 'Next' }).click();

    await expect(page.getByRole('alert').textContent()).resolves.toBe("You can't sign in here with a personal account. Use your work or school account instead.");
  });

  it('refuses a user of another tenant when the code was issued for a specific tenant (50020)', async () => {
    const code = await requestCode('contoso.com');

    await signIn(code, 'admin@fabrikam.com');

    await expect(page.getByText(/^User account 'admin@fabrikam\.com' from identity provider .* does not exist in tenant 'Contoso'/).isVisible()).resolves.toBe(true);
    await expect(page.getByText('AADSTS50020').isVisible()).resolves.toBe(true);
  });

  it('declines the sign-in when the admin cancels the consent', async () => {
    const code = await requestCode();
    await signIn(code, 'admin@fabrikam.com');
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('button', { name: 'Cancel' }).click();

    await expect(page.getByRole('heading', { name: 'Sign-in cancelled' }).isVisible()).resolves.toBe(true);
    expect((await poll(code.device_code)).body).toMatchObject({ error: 'authorization_declined' });
    expect(emu.control.tenantState('fabrikam.com').oauth2PermissionGrants).toEqual([]);
  });

  it('shows the Conditional Access block after the password in Woodgrove', async () => {
    const code = await requestCode();

    await signIn(code, 'admin@woodgrove.com');

    await expect(page.getByRole('heading', { name: 'You cannot access this right now' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('53003');
    expect((await poll(code.device_code)).body).toMatchObject({ error: 'invalid_grant', error_codes: [53003] });
  });

  it('asks a user without an admin role to get admin approval', async () => {
    const code = await requestCode();
    await signIn(code, 'user@tailspin.com');
    await page.getByRole('button', { name: 'Continue' }).click();

    await expect(page.getByRole('heading', { name: 'Need admin approval' }).isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Return to the application without granting consent' }).click();
    expect((await poll(code.device_code)).body).toMatchObject({ error: 'authorization_declined' });
  });
});
