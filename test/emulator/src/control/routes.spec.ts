import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../emulator.js';
import { EMULATOR_PUBLIC_CLIENT_ID } from '../store/directory.js';
import { DEFAULT_SEED } from '../store/seed.js';
import { ONBOARDING_SCOPE_STRING, postForm, startTestEmulator } from '../test/helpers.js';

describe('control API over HTTP (/_emulator)', () => {
  let emu: RunningEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator();
  });

  afterAll(async () => {
    await emu.close();
  });

  beforeEach(async () => {
    expect((await call('POST', '/reset')).status).toBe(204);
  });

  async function call(method: string, path: string, body?: unknown, base = emu.url) {
    const response = await fetch(`${base}/_emulator${path}`, {
      method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  it('reports its URLs and answers on the plain-http port too', async () => {
    const https = await call('GET', '/health');
    const http = await call('GET', '/health', undefined, emu.httpUrl!);

    expect(https.body).toEqual({ ok: true, url: emu.url, httpUrl: emu.httpUrl, caFile: emu.caFile });
    expect(http.body).toEqual(https.body);
  });

  it('lists pending device codes and completes or declines one by user code', async () => {
    const issue = () => postForm(emu, '/organizations/oauth2/v2.0/devicecode', { client_id: EMULATOR_PUBLIC_CLIENT_ID, scope: ONBOARDING_SCOPE_STRING });
    const first = (await issue()).body;
    const second = (await issue()).body;

    const pending = await call('GET', '/device-codes');
    const completed = await call('POST', `/device-codes/${first.user_code}/complete`, { email: 'admin@contoso.com' });
    const declined = await call('POST', `/device-codes/${second.user_code}/decline`);
    const blocked = await call('POST', `/device-codes/${(await issue()).body.user_code}/complete`, { email: 'admin@woodgrove.com' });
    const unknown = await call('POST', '/device-codes/ZZZZZZZZZ/complete', { email: 'admin@contoso.com' });

    expect(pending.body.map((c: { userCode: string }) => c.userCode)).toEqual([first.user_code, second.user_code]);
    expect(completed).toMatchObject({ status: 200, body: { status: 'approved', userPrincipalName: 'admin@contoso.com' } });
    expect(declined.status).toBe(204);
    expect(blocked).toMatchObject({ status: 403, body: { error: { code: 'blocked_by_conditional_access', aadsts: 53003 } } });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'invalid_code' } } });
  });

  it('adds, changes, disables, deletes and restores users', async () => {
    const added = await call('POST', '/tenants/contoso.com/users', { userPrincipalName: 'pat', displayName: 'Pat Added', licenses: ['EXCHANGESTANDARD'] });
    expect(added).toMatchObject({ status: 201, body: { userPrincipalName: 'pat@contoso.com', mailboxPurpose: 'user', oneDriveProvisioned: false, deleted: null } });
    expect(added.body.password).toBeUndefined();

    const changed = await call('PATCH', '/tenants/contoso.com/users/pat@contoso.com', { displayName: 'Pat Changed', licenses: ['SPE_E3'] });
    const disabled = await call('POST', `/tenants/contoso.com/users/${added.body.id}/disable`);
    const deleted = await call('DELETE', '/tenants/contoso.com/users/pat@contoso.com');
    const afterDelete = await call('GET', `/tenants/contoso.com/users/${added.body.id}`);
    const restored = await call('POST', `/tenants/contoso.com/users/${added.body.id}/restore`);

    expect(changed.body).toMatchObject({ displayName: 'Pat Changed', oneDriveProvisioned: true });
    expect(disabled.body.accountEnabled).toBe(false);
    expect(deleted.status).toBe(204);
    expect(afterDelete.body.deleted).toBe('soft');
    expect(restored.body).toMatchObject({ deleted: null, displayName: 'Pat Changed' });
    expect((await call('POST', '/tenants/contoso.com/users', { userPrincipalName: 'pat', displayName: 'Again' })).status).toBe(409);
    expect((await call('POST', '/tenants/contoso.com/users', { userPrincipalName: 'x@fabrikam.com', displayName: 'Wrong domain' })).status).toBe(400);
    expect((await call('POST', '/tenants/nowhere.example/users', { userPrincipalName: 'x', displayName: 'x' })).status).toBe(404);
  });

  it('gives an account that gets a mailbox an address, as Exchange does', async () => {
    const added = await call('POST', '/tenants/contoso.com/users', { userPrincipalName: 'room7', displayName: 'Room 7' });
    expect(added.body).toMatchObject({ mailboxPurpose: null, mail: null });
    const room = await call('PATCH', '/tenants/contoso.com/users/room7@contoso.com', { mailbox: 'room' });
    expect(room.body).toMatchObject({ mailboxPurpose: 'room', mail: 'room7@contoso.com' });
  });

  it('reads a tenant summary and state, and resets to the seed', async () => {
    const tenants = await call('GET', '/tenants');
    await call('POST', '/tenants/tailspin.com/users', { userPrincipalName: 'temp', displayName: 'Temp' });

    const before = await call('GET', '/tenants/tailspin.com');
    await call('POST', '/reset');
    const after = await call('GET', '/tenants/tailspin.onmicrosoft.com');

    expect(tenants.body.map((t: { defaultDomain: string }) => t.defaultDomain)).toEqual(['contoso.com', 'fabrikam.com', 'northwind.com', 'tailspin.com', 'woodgrove.com', 'litware.com']);
    expect(tenants.body.map((t: { userCount: number }) => t.userCount)).toEqual([50, 5000, 100_000, 20, 20, 20]);
    expect(before.body.tenant.userCount).toBe(21);
    expect(after.body).toMatchObject({ tenant: { userCount: 20 }, applications: [], servicePrincipals: [], appRoleAssignments: [], oauth2PermissionGrants: [] });
  });

  it('loads a seed with generated bulk tenants, deterministically', async () => {
    const seed = { randomSeed: 7, tenants: [{ name: 'Adatum', initialDomain: 'adatum.onmicrosoft.com', domains: ['adatum.com'], generatedUsers: 3 }], bulkTenants: { count: 50 } };
    expect((await call('PUT', '/seed', seed)).status).toBe(204);
    const first = (await call('GET', '/tenants')).body;
    await call('PUT', '/seed', seed);
    const second = (await call('GET', '/tenants')).body;
    await call('POST', '/reset');

    expect(first).toHaveLength(51);
    expect(first[1]).toMatchObject({ displayName: 'bulk-01', domains: ['bulk-01.onmicrosoft.com', 'bulk-01.com'], userCount: 10 });
    expect(first[50].displayName).toBe('bulk-50');
    expect(second).toEqual(first);
    expect((await call('GET', '/tenants')).body).toHaveLength(51);
    expect((await call('PUT', '/seed', { tenants: [{ name: 'Bad', initialDomain: 'bad.example' }] })).status).toBe(400);
    expect((await call('PUT', '/seed', DEFAULT_SEED)).status).toBe(204);
  });

  it('sets faults, timing and the public client, and shows the fault log', async () => {
    const faults = await call('PUT', '/faults', { throttle: [{ nth: [1] }], randomSeed: 3 });
    const timing = await call('PUT', '/timing', { deviceCodeExpiresInSeconds: 60 });
    const client = await call('PUT', '/public-client', { spaRedirectUris: ['http://127.0.0.1:5173/bridge.html'] });
    const code = await postForm(emu, '/organizations/oauth2/v2.0/devicecode', { client_id: EMULATOR_PUBLIC_CLIENT_ID, scope: 'openid' });

    expect(faults.body).toEqual({ throttle: [{ nth: [1] }], randomSeed: 3 });
    expect(timing.body.deviceCodeExpiresInSeconds).toBe(60);
    expect(code.body.expires_in).toBe(60);
    expect(client.body).toMatchObject({ clientId: EMULATOR_PUBLIC_CLIENT_ID, spaRedirectUris: ['http://127.0.0.1:5173/bridge.html'] });
    expect((await call('GET', '/faults/log')).body).toEqual([]);
  });
});
