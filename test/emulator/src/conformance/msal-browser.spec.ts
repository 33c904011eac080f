import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../emulator.js';
import { EMULATOR_PUBLIC_CLIENT_ID } from '../store/directory.js';
import { launchChromium } from '../test/browser.js';
import { decodeJwt, host, ONBOARDING_SCOPES, PASSWORD, startTestEmulator } from '../test/helpers.js';

const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The SPA side: what the plugin UI does for the pop-up sign-in. */
const APP_SOURCE = `
import { createStandardPublicClientApplication } from '@azure/msal-browser';
window.login = async (config) => {
  const pca = await createStandardPublicClientApplication({
    auth: { clientId: config.clientId, authority: config.authority, knownAuthorities: [config.knownAuthority], redirectUri: config.redirectUri },
    cache: { cacheLocation: 'sessionStorage' },
  });
  const result = await pca.loginPopup({ scopes: config.scopes, prompt: 'select_account' });
  return { accessToken: result.accessToken, tenantId: result.tenantId, username: result.account.username, idTokenClaims: result.idTokenClaims };
};`;

/** [STACK.md] msal-browser v5 pop-ups answer through a bridge page that broadcasts to the opener. */
const BRIDGE_SOURCE = `
import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';
broadcastResponseToMainFrame();`;

async function bundle(contents: string): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: PACKAGE_DIR, loader: 'js' }, bundle: true, write: false, format: 'esm', platform: 'browser', logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** A tiny SPA origin, served without any Cross-Origin-Opener-Policy header. */
async function serveSpa(): Promise<{ server: Server; origin: string }> {
  const files: Record<string, [string, string]> = {
    '/index.html': ['text/html', '<!doctype html><title>SPA</title><script type="module" src="/app.js"></script>'],
    '/bridge.html': ['text/html', '<!doctype html><title>Bridge</title><script type="module" src="/bridge.js"></script>'],
    '/app.js': ['text/javascript', await bundle(APP_SOURCE)],
    '/bridge.js': ['text/javascript', await bundle(BRIDGE_SOURCE)],
  };
  const server = createServer((req, res) => {
    const file = files[(req.url ?? '/').split(/[?#]/)[0]!];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file[0] }).end(file[1]);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

interface LoginResult {
  error?: string;
  accessToken: string;
  tenantId: string;
  username: string;
  idTokenClaims: Record<string, unknown>;
}

/** What the bundled APP_SOURCE puts on window. */
interface SpaWindow {
  login: (config: Record<string, unknown>) => Promise<LoginResult>;
  result: Promise<LoginResult>;
}

describe('@azure/msal-browser pop-up sign-in in Chromium', () => {
  let emu: RunningEmulator;
  let browser: Browser;
  let spa: { server: Server; origin: string };

  beforeAll(async () => {
    emu = await startTestEmulator();
    spa = await serveSpa();
    emu.control.setPublicClient({ spaRedirectUris: [`${spa.origin}/bridge.html`] });
    // The emulator's CA is not in Chromium's store; tests only (STACK.md).
    browser = await launchChromium(['--ignore-certificate-errors']);
  });

  afterAll(async () => {
    await browser.close();
    await new Promise((done) => spa.server.close(done));
    await emu.close();
  });

  it('signs a Woodgrove admin in through the pop-up (authorization code + PKCE) where device code is blocked', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${spa.origin}/index.html`);
    await page.waitForFunction(() => typeof (window as unknown as Partial<SpaWindow>).login === 'function');
    const config = {
      clientId: EMULATOR_PUBLIC_CLIENT_ID, authority: `${emu.url}/organizations`, knownAuthority: host(emu),
      redirectUri: `${spa.origin}/bridge.html`, scopes: ONBOARDING_SCOPES,
    };

    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      page.evaluate((c) => {
        const spa = window as unknown as SpaWindow;
        spa.result = spa.login(c).catch((e: Error) => ({ error: String(e) }) as LoginResult);
      }, config),
    ]);
    await popup.getByRole('textbox', { name: 'Email, phone, or Skype' }).fill('admin@woodgrove.com');
    await popup.getByRole('button', { name: 'Next' }).click();
    await popup.getByLabel('Password').fill(PASSWORD);
    await popup.getByRole('button', { name: 'Sign in' }).click();
    await popup.getByRole('button', { name: 'Continue' }).click();
    const result = (await page.evaluate(() => (window as unknown as SpaWindow).result)) as LoginResult;

    expect(result.error).toBeUndefined();
    const woodgrove = emu.control.tenantState('woodgrove.com').tenant;
    expect(result).toMatchObject({ tenantId: woodgrove.id, username: 'admin@woodgrove.com', idTokenClaims: { nonce: expect.any(String), tid: woodgrove.id } });
    expect(decodeJwt(result.accessToken).scp.split(' ')).toEqual(expect.arrayContaining(['Application.ReadWrite.All', 'AppRoleAssignment.ReadWrite.All', 'Directory.Read.All']));
  });
});
