import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../emulator.js';
import { EMULATOR_PUBLIC_CLIENT_ID } from '../store/directory.js';
import { decodeJwt, PASSWORD, postForm, startTestEmulator } from '../test/helpers.js';

const SPA_ORIGIN = 'http://127.0.0.1:9';
const SPA_REDIRECT = `${SPA_ORIGIN}/bridge.html`;
const SCOPE = 'https://graph.microsoft.com/User.Read https://graph.microsoft.com/Directory.Read.All openid profile offline_access';

describe('/authorize pages and authorization code redemption', () => {
  let emu: RunningEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator();
  });

  afterAll(async () => {
    await emu.close();
  });

  beforeEach(() => {
    emu.control.reset();
    emu.control.setPublicClient({ spaRedirectUris: [SPA_REDIRECT] });
  });

  function pkce() {
    const verifier = randomBytes(32).toString('base64url');
    return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
  }

  function authorizeUrl(params: Record<string, string>): string {
    const query = new URLSearchParams({
      client_id: EMULATOR_PUBLIC_CLIENT_ID, response_type: 'code', redirect_uri: SPA_REDIRECT, scope: SCOPE, state: 'st-1',
      nonce: 'n-1', response_mode: 'fragment', ...params,
    });
    return `${emu.url}/organizations/oauth2/v2.0/authorize?${query}`;
  }

  const flowToken = (html: string) => /name="flowToken" value="([^"]+)"/.exec(html)?.[1] ?? '';

  async function step(token: string, fields: Record<string, string>): Promise<Response> {
    return fetch(`${emu.url}/common/login`, { method: 'POST', body: new URLSearchParams({ flowToken: token, ...fields }), redirect: 'manual' });
  }

  /** Walks the pages as a browser would and returns the redirect back to the app. */
  async function signIn(url: string, email: string, consent: 'continue' | 'cancel' = 'continue'): Promise<URL> {
    const token = flowToken(await (await fetch(url)).text());
    await step(token, { step: 'email', loginfmt: email });
    const afterPassword = await step(token, { step: 'password', passwd: PASSWORD });
    const final = afterPassword.status === 302 ? afterPassword : await step(token, { step: 'consent', action: consent, consentForOrg: 'on' });
    expect(final.status).toBe(302);
    return new URL(final.headers.get('location')!);
  }

  const fragment = (location: URL) => new URLSearchParams(location.hash.slice(1));

  function redeem(code: string, verifier: string, origin: string | null = SPA_ORIGIN) {
    return postForm(emu, '/organizations/oauth2/v2.0/token', {
      client_id: EMULATOR_PUBLIC_CLIENT_ID, grant_type: 'authorization_code', code, redirect_uri: SPA_REDIRECT, code_verifier: verifier, scope: SCOPE, client_info: '1',
    }, origin ? { origin } : {});
  }

  it('returns a code in the fragment and redeems it cross-origin with PKCE, once', async () => {
    const { verifier, challenge } = pkce();
    const location = await signIn(authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256' }), 'admin@litware.com');
    const params = fragment(location);
    expect(`${location.origin}${location.pathname}`).toBe(SPA_REDIRECT);
    expect(params.get('state')).toBe('st-1');
    expect(JSON.parse(Buffer.from(params.get('client_info')!, 'base64url').toString())).toMatchObject({ utid: emu.control.tenantState('litware.com').tenant.id });

    const tokens = await redeem(params.get('code')!, verifier);
    const again = await redeem(params.get('code')!, verifier);

    expect(tokens.status).toBe(200);
    expect(tokens.headers.get('access-control-allow-origin')).toBe(SPA_ORIGIN);
    expect(tokens.body.refresh_token_expires_in).toBe(86_400);
    expect(decodeJwt(tokens.body.id_token)).toMatchObject({ nonce: 'n-1', preferred_username: 'admin@litware.com' });
    expect(again.body).toMatchObject({ error: 'invalid_grant', error_codes: [54005] });
    const refreshed = await postForm(emu, '/organizations/oauth2/v2.0/token', {
      client_id: EMULATOR_PUBLIC_CLIENT_ID, grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token, scope: SCOPE,
    }, { origin: SPA_ORIGIN });
    expect(refreshed.status).toBe(200);
  });

  it('refuses a wrong code_verifier (501481) and a same-origin redemption of an SPA code (9002327)', async () => {
    const { challenge } = pkce();
    const first = fragment(await signIn(authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256' }), 'admin@litware.com')).get('code')!;
    const second = fragment(await signIn(authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256' }), 'admin@litware.com')).get('code')!;

    expect((await redeem(first, 'not-the-verifier')).body).toMatchObject({ error: 'invalid_grant', error_codes: [501481] });
    expect((await redeem(second, 'x', null)).body).toMatchObject({ error: 'invalid_request', error_codes: [9002327] });
  });

  it('shows an error page, without redirecting, for an unregistered redirect URI', async () => {
    const result = await fetch(authorizeUrl({ redirect_uri: 'https://evil.example/callback' }), { redirect: 'manual' });

    expect(result.status).toBe(400);
    expect(await result.text()).toContain('AADSTS50011');
  });

  it('redirects with the documented errors: PKCE missing for an SPA, prompt=none, consent cancelled', async () => {
    const noPkce = await fetch(authorizeUrl({}), { redirect: 'manual' });
    const silent = await fetch(authorizeUrl({ code_challenge: pkce().challenge, prompt: 'none' }), { redirect: 'manual' });
    const cancelled = await signIn(authorizeUrl({ code_challenge: pkce().challenge }), 'admin@contoso.com', 'cancel');

    const noPkceParams = fragment(new URL(noPkce.headers.get('location')!));
    expect(noPkceParams.get('error')).toBe('invalid_request');
    expect(noPkceParams.get('error_description')).toMatch(/^AADSTS9002325: /);
    expect(noPkceParams.get('state')).toBe('st-1');
    expect(fragment(new URL(silent.headers.get('location')!)).get('error')).toBe('login_required');
    expect(fragment(cancelled).get('error')).toBe('access_denied');
    expect(fragment(cancelled).get('error_description')).toMatch(/^AADSTS65004: /);
  });

  it('uses the query for a native redirect URI and needs no consent page once consented', async () => {
    const native = 'https://login.microsoftonline.com/common/oauth2/nativeclient';
    await signIn(authorizeUrl({ redirect_uri: native, response_mode: 'query' }), 'admin@contoso.com');

    const location = await signIn(authorizeUrl({ redirect_uri: native, response_mode: 'query' }), 'admin@contoso.com');

    expect(location.searchParams.get('code')).toEqual(expect.any(String));
    const tokens = await postForm(emu, '/organizations/oauth2/v2.0/token', {
      client_id: EMULATOR_PUBLIC_CLIENT_ID, grant_type: 'authorization_code', code: location.searchParams.get('code')!, redirect_uri: native, scope: SCOPE,
    });
    expect(tokens.status).toBe(200);
    expect(tokens.headers.get('access-control-allow-origin')).toBeNull();
  });
});
