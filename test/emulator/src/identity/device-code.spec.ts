import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../emulator.js';
import { EMULATOR_PUBLIC_CLIENT_ID } from '../store/directory.js';
import { DEVICE_CODE_GRANT, decodeJwt, graphClient, ONBOARDING_SCOPE_STRING, PASSWORD, postForm, startTestEmulator, type Json } from '../test/helpers.js';
import { sleep } from '../util/time.js';

describe('device code flow', () => {
  let emu: RunningEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator();
  });

  afterAll(async () => {
    await emu.close();
  });

  beforeEach(() => {
    emu.control.reset();
  });

  async function requestCode(tenant = 'organizations', scope = ONBOARDING_SCOPE_STRING) {
    return postForm(emu, `/${tenant}/oauth2/v2.0/devicecode`, { client_id: EMULATOR_PUBLIC_CLIENT_ID, scope });
  }

  function poll(deviceCode: string, tenant = 'organizations') {
    return postForm(emu, `/${tenant}/oauth2/v2.0/token`, { grant_type: DEVICE_CODE_GRANT, client_id: EMULATOR_PUBLIC_CLIENT_ID, device_code: deviceCode });
  }

  function expectAadError(result: { status: number; body: Json }, status: number, error: string, code: number | null) {
    expect(result.status).toBe(status);
    expect(result.body.error).toBe(error);
    if (code === null) {
      expect(result.body.error_codes).toBeUndefined();
    } else {
      expect(result.body.error_codes).toEqual([code]);
      expect(result.body.error_description).toMatch(new RegExp(`^AADSTS${code}: .+\\r\\nTrace ID: [0-9a-f-]{36}\\r\\nCorrelation ID: [0-9a-f-]{36}\\r\\nTimestamp: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ$`));
    }
    expect(result.body.trace_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.body.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  }

  it('issues a code pointing at the http sign-in page, with the documented fields and headers', async () => {
    const result = await requestCode();

    expect(result.status).toBe(200);
    expect(result.headers.get('cache-control')).toBe('no-store, no-cache');
    expect(Object.keys(result.body).sort()).toEqual(['device_code', 'expires_in', 'interval', 'message', 'user_code', 'verification_uri']);
    expect(result.body.user_code).toMatch(/^[A-Z0-9]{9}$/);
    expect(result.body.verification_uri).toBe(`${emu.httpUrl}/devicelogin`);
    expect(result.body).toMatchObject({ expires_in: 900, interval: 1 });
    expect(result.body.message).toBe(`To sign in, use a web browser to open the page ${emu.httpUrl}/devicelogin and enter the code ${result.body.user_code} to authenticate.`);
  });

  it('answers authorization_pending (70016) until the user signs in, then tokens once, then 90120', async () => {
    const { body: code } = await requestCode();
    expectAadError(await poll(code.device_code), 400, 'authorization_pending', 70016);
    emu.control.completeDeviceCode(code.user_code, { email: 'admin@contoso.com', password: PASSWORD });
    await sleep(1000);

    const tokens = await poll(code.device_code);

    expect(tokens.status).toBe(200);
    expect(tokens.body).toMatchObject({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599 });
    expect(tokens.body.scope.split(' ')).toEqual(['Application.ReadWrite.All', 'AppRoleAssignment.ReadWrite.All', 'Directory.Read.All', 'User.Read', 'openid', 'profile', 'offline_access']);
    expect(tokens.body.refresh_token).toEqual(expect.any(String));
    expect(decodeJwt(tokens.body.id_token)).toMatchObject({ preferred_username: 'admin@contoso.com', ver: '2.0' });
    await sleep(1000);
    expectAadError(await poll(code.device_code), 400, 'invalid_grant', 90120);
  });

  it('answers slow_down when polled faster than the interval, and adds 5 seconds to it', async () => {
    emu.control.setTiming({ deviceCodeIntervalSeconds: 30 });
    const { body: code } = await requestCode();
    await poll(code.device_code);

    const tooSoon = await poll(code.device_code);
    const stillTooSoon = await poll(code.device_code);

    expectAadError(tooSoon, 400, 'slow_down', null);
    expect(tooSoon.body.error_description).toMatch(/^The client is polling too quickly\. Wait at least 35 seconds between requests\./);
    expect(stillTooSoon.body.error_description).toMatch(/Wait at least 40 seconds/);
  });

  it('answers authorization_declined after the user declines', async () => {
    const { body: code } = await requestCode();
    emu.control.declineDeviceCode(code.user_code);

    expectAadError(await poll(code.device_code), 400, 'authorization_declined', 65004);
  });

  it('answers expired_token (70020) after expires_in', async () => {
    emu.control.setTiming({ deviceCodeExpiresInSeconds: 1 });
    const { body: code } = await requestCode();
    expect(code.expires_in).toBe(1);
    await sleep(1100);

    expectAadError(await poll(code.device_code), 400, 'expired_token', 70020);
    expect(() => emu.control.completeDeviceCode(code.user_code, { email: 'admin@contoso.com' })).toThrow(expect.objectContaining({ code: 'expired_code' }));
  });

  it('answers bad_verification_code for an unknown device code or another tenant segment', async () => {
    const { body: code } = await requestCode();

    expectAadError(await poll('DAQABIQEAAADnot-a-real-code'), 400, 'bad_verification_code', 70018);
    expectAadError(await poll(code.device_code, 'common'), 400, 'bad_verification_code', 70018);
  });

  it('blocks the device code flow where Conditional Access forbids it (53003)', async () => {
    const { body: code } = await requestCode();

    expect(() => emu.control.completeDeviceCode(code.user_code, { email: 'admin@woodgrove.com', password: PASSWORD }))
      .toThrow(expect.objectContaining({ code: 'blocked_by_conditional_access', aadsts: 53003 }));
    expectAadError(await poll(code.device_code), 400, 'invalid_grant', 53003);
  });

  it('refuses consent by a user without an admin role, and lets that user in once an admin consented', async () => {
    const first = (await requestCode()).body;
    expect(() => emu.control.completeDeviceCode(first.user_code, { email: 'user@contoso.com', password: PASSWORD }))
      .toThrow(expect.objectContaining({ code: 'admin_consent_required', aadsts: 90094 }));
    expectAadError(await poll(first.device_code), 400, 'authorization_pending', 70016);
    emu.control.completeDeviceCode((await requestCode()).body.user_code, { email: 'admin@contoso.com' });

    const second = (await requestCode()).body;
    emu.control.completeDeviceCode(second.user_code, { email: 'user@contoso.com', password: PASSWORD });
    const tokens = await poll(second.device_code);

    expect(tokens.status).toBe(200);
    const roles = await graphClient(emu, tokens.body.access_token)('GET', '/me/memberOf/microsoft.graph.directoryRole');
    expect(roles.body.value).toEqual([]);
  });

  it('rejects wrong passwords, disabled accounts, personal accounts and users of another tenant', async () => {
    const { body: code } = await requestCode();
    const { body: contosoCode } = await requestCode('contoso.com');
    const complete = (userCode: string, email: string, password = PASSWORD) => () => emu.control.completeDeviceCode(userCode, { email, password });

    expect(complete(code.user_code, 'admin@contoso.com', 'wrong')).toThrow(expect.objectContaining({ code: 'wrong_password', aadsts: 50126 }));
    expect(complete(code.user_code, 'former.employee@contoso.com')).toThrow(expect.objectContaining({ code: 'disabled', aadsts: 50057 }));
    expect(complete(code.user_code, 'someone@outlook.com')).toThrow(expect.objectContaining({ code: 'personal_account' }));
    expect(complete(code.user_code, 'nobody@contoso.com')).toThrow(expect.objectContaining({ code: 'unknown_user', aadsts: 50034 }));
    expect(complete(contosoCode.user_code, 'admin@fabrikam.com')).toThrow(expect.objectContaining({ code: 'other_tenant', aadsts: 50020 }));
    expect(complete('NOTACODE1', 'admin@contoso.com')).toThrow(expect.objectContaining({ code: 'invalid_code', status: 404 }));
  });

  it('refuses unknown tenants, unknown clients and unknown scopes', async () => {
    expectAadError(await requestCode('nowhere.example'), 400, 'invalid_request', 90002);
    expectAadError(await postForm(emu, '/organizations/oauth2/v2.0/devicecode', { client_id: '11111111-2222-3333-4444-555555555555', scope: 'openid' }), 400, 'unauthorized_client', 700016);
    expectAadError(await requestCode('organizations', 'https://graph.microsoft.com/Nope.Nothing'), 400, 'invalid_scope', 70011);
  });
});
