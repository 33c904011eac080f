import { randomUUID } from 'node:crypto';
import { importPKCS8, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../emulator.js';
import { decodeJwt, delegatedToken, graphClient, postForm, startTestEmulator, type GraphCall } from '../test/helpers.js';
import { createCertificate, type TestCertificate } from '../test/certificates.js';
import { addCertificate, registerApplication, type RegisteredApp } from '../test/onboarding.js';
import { JWT_BEARER } from './client-credentials.js';

describe('client credentials', () => {
  let emu: RunningEmulator;
  let graph: GraphCall;
  let registered: RegisteredApp;
  let cert: TestCertificate;
  let tenantId: string;

  beforeAll(async () => {
    emu = await startTestEmulator();
    graph = graphClient(emu, await delegatedToken(emu, 'admin@contoso.com'));
    registered = await registerApplication(graph, 'cc-test', 'Client credentials test', ['User.Read.All']);
    cert = await createCertificate();
    await addCertificate(graph, registered.app.id, cert);
    tenantId = emu.control.tenantState('contoso.com').tenant.id;
  });

  afterAll(async () => {
    await emu.close();
  });

  const tokenPath = () => `/${tenantId}/oauth2/v2.0/token`;

  async function assertion(overrides: { alg?: 'PS256' | 'RS256'; aud?: string; exp?: number; key?: string; thumbprint?: Record<string, string> } = {}) {
    const key = await importPKCS8(overrides.key ?? cert.privateKeyPem, overrides.alg ?? 'PS256');
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ jti: randomUUID() })
      .setProtectedHeader({ alg: overrides.alg ?? 'PS256', typ: 'JWT', ...(overrides.thumbprint ?? { 'x5t#S256': Buffer.from(cert.sha256Thumbprint, 'hex').toString('base64url') }) })
      .setIssuer(registered.app.appId).setSubject(registered.app.appId).setAudience(overrides.aud ?? `${emu.url}${tokenPath()}`)
      .setNotBefore(now).setExpirationTime(overrides.exp ?? now + 600)
      .sign(key);
  }

  function withAssertion(jwt: string, extra: Record<string, string> = {}) {
    return postForm(emu, tokenPath(), {
      grant_type: 'client_credentials', client_id: registered.app.appId, scope: 'https://graph.microsoft.com/.default',
      client_assertion_type: JWT_BEARER, client_assertion: jwt, ...extra,
    });
  }

  function withSecret(secret: string, clientId = registered.app.appId, path = tokenPath()) {
    return postForm(emu, path, { grant_type: 'client_credentials', client_id: clientId, scope: 'https://graph.microsoft.com/.default', client_secret: secret });
  }

  it('issues an app-only token for a valid assertion: roles, no scp, no refresh token', async () => {
    const result = await withAssertion(await assertion());

    expect(result.status).toBe(200);
    expect(Object.keys(result.body).sort()).toEqual(['access_token', 'expires_in', 'ext_expires_in', 'token_type']);
    expect(decodeJwt(result.body.access_token)).toMatchObject({
      roles: ['User.Read.All'], idtyp: 'app', oid: registered.sp.id, iss: `https://sts.windows.net/${tenantId}/`, ver: '1.0',
    });
    const me = await graphClient(emu, result.body.access_token)('GET', '/me');
    expect(me.status).toBe(400);
    expect(me.body.error).toMatchObject({ code: 'BadRequest', message: '/me request is only valid with delegated authentication flow.' });
  });

  it('answers 700016 for an app that does not exist in the tenant', async () => {
    const result = await withSecret('x', registered.app.appId, '/fabrikam.com/oauth2/v2.0/token');

    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ error: 'unauthorized_client', error_codes: [700016] });
    expect(result.body.error_description).toContain(`Application with identifier '${registered.app.appId}' was not found in the directory`);
  });

  it('accepts the secret returned by addPassword and answers 7000215 for any other', async () => {
    const added = await graph('POST', `/applications/${registered.app.id}/addPassword`, { passwordCredential: { displayName: 'fallback' } });
    expect(added.status).toBe(200);
    expect(added.body.secretText).toMatch(/^.{3}\dQ~.{34}$/);
    expect(added.body.hint).toBe(added.body.secretText.slice(0, 3));

    expect((await withSecret(added.body.secretText)).status).toBe(200);
    const wrong = await withSecret(`${added.body.secretText}x`);
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
  });

  it('answers 7000222 for an expired secret', async () => {
    const added = await graph('POST', `/applications/${registered.app.id}/addPassword`, {
      passwordCredential: { startDateTime: '2020-01-01T00:00:00Z', endDateTime: '2021-01-01T00:00:00Z' },
    });

    const result = await withSecret(added.body.secretText);

    expect(result.status).toBe(401);
    expect(result.body).toMatchObject({ error: 'invalid_client', error_codes: [7000222] });
  });

  it('answers 700027 for an unregistered certificate or a bad signature', async () => {
    const other = await createCertificate('CN=Stranger');
    const unknown = await withAssertion(await assertion({ key: other.privateKeyPem, thumbprint: { x5t: Buffer.from(other.sha1Thumbprint, 'hex').toString('base64url') }, alg: 'RS256' }));
    expect(unknown.status).toBe(401);
    expect(unknown.body).toMatchObject({ error: 'invalid_client', error_codes: [700027] });
    expect(unknown.body.error_description).toContain(`Thumbprint of key used by client: '${other.sha1Thumbprint}'`);

    const forged = await withAssertion(await assertion({ key: other.privateKeyPem }));
    expect(forged.status).toBe(401);
    expect(forged.body.error_description).toMatch(/^AADSTS700027: Client assertion failed signature validation\./);
  });

  it('answers 500133 for an expired assertion and 50012 for another audience', async () => {
    const expired = await withAssertion(await assertion({ exp: Math.floor(Date.now() / 1000) - 3600 }));
    expect(expired.body).toMatchObject({ error: 'invalid_client', error_codes: [500133] });

    const elsewhere = await withAssertion(await assertion({ aud: 'https://login.microsoftonline.com/common/oauth2/v2.0/token' }));
    expect(elsewhere.body).toMatchObject({ error: 'invalid_client', error_codes: [50012] });
  });

  it('requires a tenant segment and a single /.default scope', async () => {
    const multi = await withSecret('x', registered.app.appId, '/organizations/oauth2/v2.0/token');
    expect(multi.body).toMatchObject({ error: 'invalid_request', error_codes: [9001023] });

    const scoped = await withAssertion(await assertion(), { scope: 'https://graph.microsoft.com/User.Read.All' });
    expect(scoped.status).toBe(400);
    expect(scoped.body).toMatchObject({ error: 'invalid_scope', error_codes: [70011] });
  });

  it('omits the roles claim while nothing is granted', async () => {
    const bare = await registerApplication(graph, 'cc-bare', 'No roles', []);
    const secret = (await graph('POST', `/applications/${bare.app.id}/addPassword`, {})).body.secretText;

    const result = await withSecret(secret, bare.app.appId);

    expect(result.status).toBe(200);
    expect(decodeJwt(result.body.access_token).roles).toBeUndefined();
    const denied = await graphClient(emu, result.body.access_token)('GET', '/users');
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({ code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' });
  });
});
