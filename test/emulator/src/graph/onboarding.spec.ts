import { importPKCS8, SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../emulator.js';
import { GRAPH_APP_ID } from '../store/well-known.js';
import { delegatedToken, graphClient, startTestEmulator, type GraphCall, type Json } from '../test/helpers.js';
import { createCertificate } from '../test/certificates.js';
import { addCertificate, registerApplication, roleId } from '../test/onboarding.js';

describe('Graph calls of the onboarding', () => {
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

  async function signedIn(email: string): Promise<GraphCall> {
    return graphClient(emu, await delegatedToken(emu, email));
  }

  function expectGraphError(result: { status: number; body: Json; headers: Headers }, status: number, code: string, message?: string) {
    expect(result.status).toBe(status);
    expect(result.body.error.code).toBe(code);
    if (message !== undefined) expect(result.body.error.message).toBe(message);
    expect(result.body.error.innerError).toMatchObject({ 'request-id': result.headers.get('request-id'), date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/) });
  }

  it('upserts by uniqueName: 201 the first time, 204 afterwards, one application in the end', async () => {
    const graph = await signedIn('admin@contoso.com');
    const path = "/applications(uniqueName='m365-backup')";

    const created = await graph('PATCH', path, { displayName: 'M365 Backup' }, { Prefer: 'create-if-missing' });
    const again = await graph('PATCH', path, { displayName: 'M365 Backup renamed' }, { Prefer: 'create-if-missing' });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ uniqueName: 'm365-backup', displayName: 'M365 Backup', signInAudience: 'AzureADMyOrg', publisherDomain: 'contoso.onmicrosoft.com' });
    expect(again.status).toBe(204);
    const state = emu.control.tenantState('contoso.com');
    expect(state.applications).toEqual([expect.objectContaining({ uniqueName: 'm365-backup', displayName: 'M365 Backup renamed' })]);
    const byFilter = await graph('GET', "/applications?$filter=displayName eq 'M365 Backup renamed'&$select=id,appId");
    expect(byFilter.body.value).toEqual([{ id: created.body.id, appId: created.body.appId }]);
  });

  it('answers 404 to PATCH by uniqueName without Prefer: create-if-missing', async () => {
    const graph = await signedIn('admin@contoso.com');

    expectGraphError(await graph('PATCH', "/applications(uniqueName='absent')", { displayName: 'x' }), 404, 'Request_ResourceNotFound',
      "Resource 'absent' does not exist or one of its queried reference-property objects are not present.");
  });

  it('refuses Graph app-role grants by an Application Administrator (403) and allows a Privileged Role Administrator', async () => {
    const tailspin = await signedIn('admin@tailspin.com');
    await expect(registerApplication(tailspin, 'm365-backup', 'M365 Backup', ['User.Read.All'])).rejects.toThrow(/grant User\.Read\.All: HTTP 403/);
    const state = emu.control.tenantState('tailspin.com');
    const app = state.applications[0]!;
    const sp = state.servicePrincipals.find((s) => s.appId === app.appId)!;
    const graphSp = (await tailspin('GET', `/servicePrincipals?$filter=appId eq '${GRAPH_APP_ID}'&$select=id`)).body.value[0];

    const denied = await tailspin('POST', `/servicePrincipals/${graphSp.id}/appRoleAssignedTo`, { principalId: sp.id, resourceId: graphSp.id, appRoleId: roleId('User.Read.All') });

    expectGraphError(denied, 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    await expect(registerApplication(await signedIn('admin@litware.com'), 'm365-backup', 'M365 Backup')).resolves.toBeDefined();
  });

  it('answers the documented errors for a duplicate grant, a wrong principal id and an unknown role', async () => {
    const graph = await signedIn('admin@contoso.com');
    const { app, sp, graphSp } = await registerApplication(graph, 'm365-backup', 'M365 Backup', ['User.Read.All']);
    const grant = (principalId: string, appRoleId = roleId('User.Read.All')) =>
      graph('POST', `/servicePrincipals/${graphSp.id}/appRoleAssignedTo`, { principalId, resourceId: graphSp.id, appRoleId });

    expectGraphError(await grant(sp.id), 400, 'Request_BadRequest', 'Permission being assigned already exists on the object');
    expectGraphError(await grant(app.id), 400, 'Request_BadRequest', 'Not a valid reference update.');
    expectGraphError(await grant(sp.id, '00000000-0000-0000-0000-000000000001'), 400, 'Request_BadRequest', `Permission being assigned was not found on application '${GRAPH_APP_ID}'.`);
    const listed = await graph('GET', `/servicePrincipals/${graphSp.id}/appRoleAssignedTo`);
    expect(listed.body.value).toEqual([expect.objectContaining({ principalId: sp.id, appRoleId: roleId('User.Read.All'), principalType: 'ServicePrincipal' })]);
    expect(listed.body.value[0].id).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('revokes a grant and deletes the application with its service principal', async () => {
    const graph = await signedIn('admin@contoso.com');
    const { app, graphSp } = await registerApplication(graph, 'm365-backup', 'M365 Backup', ['User.Read.All', 'Mail.ReadWrite']);
    const [first] = (await graph('GET', `/servicePrincipals/${graphSp.id}/appRoleAssignedTo`)).body.value;

    expect((await graph('DELETE', `/servicePrincipals/${graphSp.id}/appRoleAssignedTo/${first.id}`)).status).toBe(204);
    expect(emu.control.tenantState('contoso.com').appRoleAssignments).toHaveLength(1);
    expect((await graph('DELETE', `/applications/${app.id}`)).status).toBe(204);

    const state = emu.control.tenantState('contoso.com');
    expect(state.applications).toEqual([]);
    expect(state.servicePrincipals.map((s) => s.appId)).not.toContain(app.appId);
    expect(state.appRoleAssignments).toEqual([]);
  });

  it('returns certificate keys only on a single-object $select=keyCredentials, and adds keys with addKey and a proof', async () => {
    const graph = await signedIn('admin@contoso.com');
    const { app } = await registerApplication(graph, 'm365-backup', 'M365 Backup', []);
    const first = await createCertificate();
    await addCertificate(graph, app.id, first);
    expect((await graph('GET', `/applications/${app.id}`)).body.keyCredentials[0].key).toBeNull();
    const selected = await graph('GET', `/applications/${app.id}?$select=keyCredentials`);
    expect(selected.body.keyCredentials[0]).toMatchObject({ key: first.derBase64, type: 'AsymmetricX509Cert', usage: 'Verify' });
    const second = await createCertificate('CN=Second');
    const now = Math.floor(Date.now() / 1000);
    const proof = await new SignJWT({}).setProtectedHeader({ alg: 'RS256' }).setAudience('00000002-0000-0000-c000-000000000000')
      .setIssuer(app.id).setNotBefore(now).setExpirationTime(now + 600).sign(await importPKCS8(first.privateKeyPem, 'RS256'));

    const added = await graph('POST', `/applications/${app.id}/addKey`, { keyCredential: { type: 'AsymmetricX509Cert', usage: 'Verify', key: second.derBase64 }, passwordCredential: null, proof });
    const noProof = await graph('POST', `/applications/${app.id}/addKey`, { keyCredential: { type: 'AsymmetricX509Cert', usage: 'Verify', key: second.derBase64 }, passwordCredential: null, proof: 'x' });

    expect(added.status).toBe(200);
    expect(noProof.status).toBe(400);
    expect(emu.control.tenantState('contoso.com').applications[0]!.keyCredentials.map((k) => k.sha1Thumbprint)).toEqual([first.sha1Thumbprint, second.sha1Thumbprint]);
  });

  it('answers a body that is not JSON with a Graph error body', async () => {
    const token = await delegatedToken(emu, 'admin@contoso.com');

    const response = await fetch(`${emu.url}/v1.0/applications`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"displayName":',
    });

    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: 'BadRequest', innerError: { 'request-id': response.headers.get('request-id') } });
  });

  it('checks bearer tokens: empty and expired', async () => {
    // Whole seconds: a 3 s token lives at least 2 s, time for its first use on a busy machine (1 s was not).
    emu.control.setTiming({ accessTokenLifetimeSeconds: 3 });
    const shortLived = await delegatedToken(emu, 'admin@contoso.com');
    // Accepted once, so the emulator has it among its verified tokens: expiry must still be checked.
    expect((await graphClient(emu, shortLived)('GET', '/organization')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 4100));

    const empty = await graphClient(emu, '')('GET', '/organization');
    const expired = await graphClient(emu, shortLived)('GET', '/organization');

    expectGraphError(empty, 401, 'InvalidAuthenticationToken', 'Access token is empty.');
    expect(empty.headers.get('www-authenticate')).toMatch(/^Bearer realm=""/);
    expectGraphError(expired, 401, 'InvalidAuthenticationToken', 'Access token has expired or is not yet valid.');
  });

  it('gives only id, displayName and verifiedDomains of the organization to a User.Read token', async () => {
    const graph = graphClient(emu, await delegatedToken(emu, 'admin@contoso.com', 'User.Read openid profile'));

    const org = (await graph('GET', '/organization')).body.value[0];

    expect(org.displayName).toBe('Contoso');
    expect(org.verifiedDomains.map((d: { name: string }) => d.name)).toEqual(['contoso.onmicrosoft.com', 'contoso.com']);
    expect(org.verifiedDomains.find((d: { isInitial: boolean }) => d.isInitial).name).toBe('contoso.onmicrosoft.com');
    expect(org.tenantType).toBeNull();
    expectGraphError(await graph('GET', '/me/memberOf/microsoft.graph.directoryRole'), 403, 'Authorization_RequestDenied');
  });
});
