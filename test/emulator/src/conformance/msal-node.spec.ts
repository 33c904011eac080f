import { ConfidentialClientApplication } from '@azure/msal-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../emulator.js';
import { EMULATOR_PUBLIC_CLIENT_ID, EMULATOR_VENDOR_TENANT_ID } from '../store/directory.js';
import { GRAPH_APP_ID } from '../store/well-known.js';
import { decodeJwt, graphClient, host, startTestEmulator } from '../test/helpers.js';
import { createCertificate } from '../test/certificates.js';
import { publicClient, signInWithDeviceCode } from '../test/msal.js';
import { addCertificate, BACKUP_ROLES, registerApplication } from '../test/onboarding.js';

describe('msal-node against the emulator', () => {
  let emu: RunningEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator();
  });

  afterAll(async () => {
    await emu.close();
  });

  function confidentialClient(tenantId: string, appId: string, certificate: { thumbprint?: string; thumbprintSha256?: string; privateKey: string }) {
    return new ConfidentialClientApplication({
      auth: { clientId: appId, authority: `${emu.url}/${tenantId}`, knownAuthorities: [host(emu)], clientCertificate: certificate },
    });
  }

  it('signs a Global Administrator in with acquireTokenByDeviceCode on the organizations authority', async () => {
    const contoso = emu.control.tenantState('contoso.com').tenant;

    const result = await signInWithDeviceCode(emu, 'admin@contoso.com');

    const admin = emu.control.getUser('contoso.com', 'admin@contoso.com');
    expect(result.tenantId).toBe(contoso.id);
    expect(result.account?.homeAccountId).toBe(`${admin.id}.${contoso.id}`);
    expect(result.account?.username).toBe('admin@contoso.com');
    expect(result.idTokenClaims).toMatchObject({ tid: contoso.id, oid: admin.id, preferred_username: 'admin@contoso.com', aud: EMULATOR_PUBLIC_CLIENT_ID });
    const claims = decodeJwt(result.accessToken);
    expect(claims).toMatchObject({ tid: contoso.id, oid: admin.id, appid: EMULATOR_PUBLIC_CLIENT_ID, aud: 'https://graph.microsoft.com', idtyp: 'user' });
    expect(claims.scp.split(' ')).toEqual(expect.arrayContaining(['Application.ReadWrite.All', 'AppRoleAssignment.ReadWrite.All', 'Directory.Read.All', 'User.Read']));
    expect(claims.exp - claims.iat).toBe(3599);
    const enterpriseApps = emu.control.tenantState('contoso.com').servicePrincipals;
    expect(enterpriseApps).toEqual([expect.objectContaining({ appId: EMULATOR_PUBLIC_CLIENT_ID, appOwnerOrganizationId: EMULATOR_VENDOR_TENANT_ID })]);
  });

  it('refreshes the delegated token with the refresh token msal-node cached', async () => {
    const client = publicClient(emu);
    await client.acquireTokenByDeviceCode({
      scopes: ['https://graph.microsoft.com/User.Read'],
      deviceCodeCallback: (r) => emu.control.completeDeviceCode(r.userCode, { email: 'admin@fabrikam.com' }),
    });
    const [account] = await client.getTokenCache().getAllAccounts();

    const refreshed = await client.acquireTokenSilent({ account: account!, scopes: ['https://graph.microsoft.com/User.Read'], forceRefresh: true });

    expect(refreshed.fromCache).toBe(false);
    expect(decodeJwt(refreshed.accessToken)).toMatchObject({ upn: 'admin@fabrikam.com', scp: expect.stringContaining('User.Read') });
  });

  it('completes the delegated onboarding calls, then client credentials with a PS256 certificate assertion', async () => {
    const signIn = await signInWithDeviceCode(emu, 'admin@litware.com');
    const graph = graphClient(emu, signIn.accessToken);
    const organization = await graph('GET', '/organization');
    const tenantId = organization.body.value[0].id;
    const roles = await graph('GET', '/me/memberOf/microsoft.graph.directoryRole?$select=displayName,roleTemplateId');
    expect(roles.body.value).toEqual([expect.objectContaining({ roleTemplateId: 'e8611ab8-c189-46e8-94e1-60213ab1f814' })]);
    const registered = await registerApplication(graph, 'm365-backup-litware', 'M365 Backup');
    const cert = await createCertificate();
    await addCertificate(graph, registered.app.id, cert);

    const app = confidentialClient(tenantId, registered.app.appId, { thumbprintSha256: cert.sha256Thumbprint, privateKey: cert.privateKeyPem });
    const result = await app.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'], skipCache: true });

    const claims = decodeJwt(result!.accessToken);
    expect(claims).toMatchObject({ tid: tenantId, appid: registered.app.appId, oid: registered.sp.id, idtyp: 'app', appidacr: '2' });
    expect([...claims.roles].sort()).toEqual([...BACKUP_ROLES].sort());
    expect(claims.scp).toBeUndefined();
    const state = emu.control.tenantState(tenantId);
    expect(state.applications).toHaveLength(1);
    expect(state.applications[0]!.keyCredentials).toEqual([expect.objectContaining({ sha256Thumbprint: cert.sha256Thumbprint, sha1Thumbprint: cert.sha1Thumbprint })]);
    expect(state.servicePrincipals.map((s) => s.appId).sort()).toEqual([EMULATOR_PUBLIC_CLIENT_ID, registered.app.appId].sort());
    expect(state.appRoleAssignments.map((a) => a.appRoleValue).sort()).toEqual([...BACKUP_ROLES].sort());
    const users = await graphClient(emu, result!.accessToken)('GET', '/users?$top=5&$select=id,userPrincipalName');
    expect(users.status).toBe(200);
    expect(users.body.value).toHaveLength(5);
  });

  it('accepts an RS256 assertion identified by its SHA-1 thumbprint (x5t)', async () => {
    const signIn = await signInWithDeviceCode(emu, 'admin@northwind.com');
    const graph = graphClient(emu, signIn.accessToken);
    const registered = await registerApplication(graph, 'm365-backup', 'M365 Backup', ['User.Read.All']);
    const cert = await createCertificate();
    await addCertificate(graph, registered.app.id, cert);

    const app = confidentialClient('northwind.onmicrosoft.com', registered.app.appId, { thumbprint: cert.sha1Thumbprint, privateKey: cert.privateKeyPem });
    const result = await app.acquireTokenByClientCredential({ scopes: [`${GRAPH_APP_ID}/.default`] });

    expect(decodeJwt(result!.accessToken)).toMatchObject({ roles: ['User.Read.All'], appidacr: '2', tid: emu.control.tenantState('northwind.com').tenant.id });
  });
});
