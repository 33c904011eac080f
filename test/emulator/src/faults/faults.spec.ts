import { importPKCS8, SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../emulator.js';
import { decodeJwt, delegatedToken, graphClient, postForm, startTestEmulator, type GraphCall, type Json } from '../test/helpers.js';
import { createCertificate } from '../test/certificates.js';
import { addCertificate, appOnlyToken, registerApplication, roleId } from '../test/onboarding.js';
import { SeededRandom } from '../util/rng.js';
import { sleep } from '../util/time.js';

const IMF_FIXDATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$/;

describe('fault injection', () => {
  let emu: RunningEmulator;
  let graph: GraphCall;
  let firstOrganizationCall: number[];

  beforeAll(async () => {
    emu = await startTestEmulator({ faults: { throttle: [{ match: { path: '^/organization$' }, nth: [1] }] } });
    graph = graphClient(emu, await appOnlyToken(emu, 'contoso.com', ['User.Read.All', 'MailboxSettings.Read', 'Organization.Read.All']));
    firstOrganizationCall = [(await graph('GET', '/organization')).status, (await graph('GET', '/organization')).status];
  });

  afterAll(async () => {
    await emu.close();
  });

  beforeEach(() => {
    emu.control.setFaults({});
  });

  function expectThrottled(result: { status: number; headers: Headers; body: Json }) {
    expect(result.status).toBe(429);
    expect(result.headers.get('x-ms-throttle-information')).toBe('ResourceUnitLimitExceeded');
    expect(result.body).toEqual({
      error: {
        code: 'TooManyRequests',
        message: 'Please retry again later.',
        innerError: {
          code: '429', message: 'Please retry after', status: '429', date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
          'request-id': result.headers.get('request-id'), 'client-request-id': result.headers.get('client-request-id'),
        },
      },
    });
  }

  it('applies faults given at start: the first /organization call was throttled, the next one not', () => {
    expect(firstOrganizationCall).toEqual([429, 200]);
  });

  it('throttles the Nth matching request with 429, Retry-After in seconds and the documented body', async () => {
    emu.control.setFaults({ throttle: [{ match: { path: '^/users$' }, nth: [2], retryAfterSeconds: 2.5 }] });

    const statuses = [];
    let throttled;
    for (let i = 0; i < 3; i++) {
      const result = await graph('GET', '/users?$top=1');
      statuses.push(result.status);
      if (result.status === 429) throttled = result;
    }

    expect(statuses).toEqual([200, 429, 200]);
    expect(throttled!.headers.get('retry-after')).toBe('2.5');
    expectThrottled(throttled!);
    expect(emu.control.faultLog()).toEqual([expect.objectContaining({ kind: 'throttle', status: 429, method: 'GET', path: '/users', retryAfter: '2.5' })]);
  });

  it('throttles at a rate drawn from the seeded generator, identically on every run', async () => {
    const rule = { throttle: [{ match: { path: '^/users$' }, rate: 0.3 }], randomSeed: 42 };
    const expected = (() => {
      const rng = new SeededRandom(42);
      return Array.from({ length: 20 }, () => (rng.next() < 0.3 ? 429 : 200));
    })();
    const run = async () => {
      emu.control.setFaults(rule);
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await graph('GET', '/users?$top=1&$select=id')).status);
      return statuses;
    };

    const first = await run();
    const second = await run();

    expect(first).toEqual(expected);
    expect(second).toEqual(first);
    expect(first).toContain(429);
    expect(first).toContain(200);
  });

  it('sends Retry-After as an HTTP date when asked', async () => {
    emu.control.setFaults({ throttle: [{ nth: [1], retryAfterSeconds: 30, retryAfterFormat: 'http-date' }] });
    const before = Date.now();

    const result = await graph('GET', '/organization');

    const header = result.headers.get('retry-after')!;
    expect(header).toMatch(IMF_FIXDATE);
    const seconds = (Date.parse(header) - before) / 1000;
    expect(seconds).toBeGreaterThanOrEqual(29);
    expect(seconds).toBeLessThanOrEqual(32);
    expectThrottled(result);
  });

  it('throttles requests inside $batch one by one, with Retry-After in the inner headers', async () => {
    emu.control.setFaults({ throttle: [{ match: { path: '/mailboxSettings$' }, nth: [1], retryAfterSeconds: 7 }] });

    const result = await graph('POST', '/$batch', {
      requests: [
        { id: '1', method: 'GET', url: '/users/admin@contoso.com/mailboxSettings' },
        { id: '2', method: 'GET', url: '/users/user@contoso.com/mailboxSettings' },
      ],
    });

    expect(result.status).toBe(200);
    const [first, second] = result.body.responses;
    expect(first).toMatchObject({ id: '1', status: 429, headers: { 'Retry-After': '7' }, body: { error: { code: 'TooManyRequests', message: 'Please retry again later.' } } });
    expect(second).toMatchObject({ id: '2', status: 200, body: { userPurpose: 'user' } });
  });

  it('answers 5xx: 503 with Retry-After on every third request, 500 without', async () => {
    emu.control.setFaults({ serverErrors: [{ match: { path: '^/organization$' }, every: 3, status: 503, retryAfterSeconds: 5 }, { match: { path: '^/users$' }, nth: [1] }] });

    const org = [await graph('GET', '/organization'), await graph('GET', '/organization'), await graph('GET', '/organization')];
    const users = await graph('GET', '/users');

    expect(org.map((r) => r.status)).toEqual([200, 200, 503]);
    expect(org[2]!.headers.get('retry-after')).toBe('5');
    expect(org[2]!.body.error).toMatchObject({ code: 'serviceNotAvailable', message: 'The service is temporarily unavailable. Please try again later.' });
    expect(users.status).toBe(500);
    expect(users.headers.get('retry-after')).toBeNull();
    expect(users.body.error).toMatchObject({ code: 'generalException', message: 'An unspecified error has occurred.', innerError: { 'request-id': users.headers.get('request-id') } });
  });

  it('throttles the identity platform with an OAuth error body when asked', async () => {
    emu.control.setFaults({ throttle: [{ match: { surface: 'identity', path: '/oauth2/v2.0/token$' }, nth: [1], retryAfterSeconds: 3 }] });

    const result = await postForm(emu, '/contoso.com/oauth2/v2.0/token', { grant_type: 'client_credentials', client_id: 'x', scope: 'https://graph.microsoft.com/.default' });

    expect(result.status).toBe(429);
    expect(result.headers.get('retry-after')).toBe('3');
    expect(result.body).toMatchObject({ error: 'temporarily_unavailable', trace_id: expect.any(String) });
  });

  it('adds latency per request and per page, recorded in the fault log', async () => {
    emu.control.setFaults({ latency: { requestMs: 40, pageMs: 120, match: { surface: 'graph' } } });

    await graph('GET', '/users?$top=5');
    await graph('GET', '/organization');

    expect(emu.control.faultLog().map((r) => [r.kind, r.path, r.delayMs])).toEqual([
      ['latency', '/users', 40], ['page-latency', '/users', 120], ['latency', '/organization', 40],
    ]);
  });

  it('delays replication of a new application, service principal and role grant until the window passes', async () => {
    // Windows are long and then shortened at run time: the outcome never depends on how fast this machine is.
    const replicating = { applicationSeconds: 600, servicePrincipalSeconds: 600, roleGrantSeconds: 600 };
    emu.control.setFaults({ replication: replicating });
    const admin = graphClient(emu, await delegatedToken(emu, 'admin@fabrikam.com'));
    const created = await admin('PATCH', "/applications(uniqueName='replicated')", { displayName: 'Replicated' }, { Prefer: 'create-if-missing' });
    const secret = (await admin('POST', `/applications/${created.body.id}/addPassword`, {})).body.secretText;
    const token = () => postForm(emu, '/fabrikam.com/oauth2/v2.0/token', { grant_type: 'client_credentials', client_id: created.body.appId, client_secret: secret, scope: 'https://graph.microsoft.com/.default' });

    const spTooSoon = await admin('POST', '/servicePrincipals', { appId: created.body.appId });
    expect(spTooSoon.status).toBe(404);
    expect(spTooSoon.body.error).toMatchObject({ code: 'Request_ResourceNotFound', message: `Resource '${created.body.appId}' does not exist or one of its queried reference-property objects are not present.` });
    emu.control.setFaults({ replication: { ...replicating, applicationSeconds: 0 } });
    const sp = await admin('POST', '/servicePrincipals', { appId: created.body.appId });
    expect(sp.status).toBe(201);
    const graphSp = (await admin('GET', "/servicePrincipals(appId='00000003-0000-0000-c000-000000000000')")).body;
    const grant = () => admin('POST', `/servicePrincipals/${graphSp.id}/appRoleAssignedTo`, { principalId: sp.body.id, resourceId: graphSp.id, appRoleId: roleId('User.Read.All') });
    const grantTooSoon = await grant();
    expect(grantTooSoon.status).toBe(404);
    expect(grantTooSoon.body.error.message).toBe(`Resource '${sp.body.id}' does not exist or one of its queried reference-property objects are not present.`);
    const tokenTooSoon = await token();
    expect(tokenTooSoon.status).toBe(400);
    expect(tokenTooSoon.body).toMatchObject({ error: 'unauthorized_client', error_codes: [700016] });
    emu.control.setFaults({ replication: { ...replicating, applicationSeconds: 0, servicePrincipalSeconds: 0 } });
    expect((await grant()).status).toBe(201);
    const withoutRole = await token();
    expect(withoutRole.status).toBe(200);
    expect(decodeJwt(withoutRole.body.access_token).roles).toBeUndefined();
    emu.control.setFaults({ replication: { roleGrantSeconds: 0 } });
    expect(decodeJwt((await token()).body.access_token).roles).toEqual(['User.Read.All']);
  });

  it('refuses a credential that has not replicated yet: 7000215 for a secret, 700027 for a certificate', async () => {
    const admin = graphClient(emu, await delegatedToken(emu, 'admin@litware.com'));
    const { app } = await registerApplication(admin, 'creds', 'Creds', []);
    emu.control.setFaults({ replication: { credentialSeconds: 30 } });
    const secret = (await admin('POST', `/applications/${app.id}/addPassword`, {})).body.secretText;

    const result = await postForm(emu, '/litware.com/oauth2/v2.0/token', { grant_type: 'client_credentials', client_id: app.appId, client_secret: secret, scope: 'https://graph.microsoft.com/.default' });

    expect(result.status).toBe(401);
    expect(result.body).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
    const cert = await createCertificate();
    await addCertificate(admin, app.id, cert);
    const now = Math.floor(Date.now() / 1000);
    const assertion = await new SignJWT({}).setProtectedHeader({ alg: 'PS256', 'x5t#S256': Buffer.from(cert.sha256Thumbprint, 'hex').toString('base64url') })
      .setIssuer(app.appId).setSubject(app.appId).setAudience(`${emu.url}/litware.com/oauth2/v2.0/token`).setNotBefore(now).setExpirationTime(now + 600)
      .setJti(String(now)).sign(await importPKCS8(cert.privateKeyPem, 'PS256'));
    const withCert = await postForm(emu, '/litware.com/oauth2/v2.0/token', {
      grant_type: 'client_credentials', client_id: app.appId, scope: 'https://graph.microsoft.com/.default',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion,
    });
    expect(withCert.status).toBe(401);
    expect(withCert.body).toMatchObject({ error: 'invalid_client', error_codes: [700027] });
    emu.control.setFaults({});
    expect((await postForm(emu, '/litware.com/oauth2/v2.0/token', { grant_type: 'client_credentials', client_id: app.appId, client_secret: secret, scope: 'https://graph.microsoft.com/.default' })).status).toBe(200);
  });

  it('expires delta links after deltaTokenTtlSeconds with 410 and a Location to start over', async () => {
    const link = (await graph('GET', '/users/delta?$deltatoken=latest')).body['@odata.deltaLink'] as string;
    expect((await graph('GET', link.replace(`${emu.url}/v1.0`, ''))).status).toBe(200);
    emu.control.setFaults({ deltaTokenTtlSeconds: 0.05 });
    await sleep(100);

    const expired = await graph('GET', link.replace(`${emu.url}/v1.0`, ''));

    expect(expired.status).toBe(410);
    expect(expired.headers.get('location')).toBe(`${emu.url}/v1.0/users/delta?$deltatoken=`);
    expect(expired.body.error).toMatchObject({ code: 'resyncRequired', innerError: { 'request-id': expired.headers.get('request-id') } });
  });

  it('expires /users skip tokens after pageTokenTtlSeconds with Directory_ExpiredPageToken', async () => {
    const next = (await graph('GET', '/users?$top=10')).body['@odata.nextLink'] as string;
    emu.control.setFaults({ pageTokenTtlSeconds: 0.05 });
    await sleep(100);

    const result = await graph('GET', next.replace(`${emu.url}/v1.0`, ''));

    expect(result.status).toBe(400);
    expect(result.body.error).toMatchObject({ code: 'Directory_ExpiredPageToken', message: 'The specified page token value has expired and can no longer be included in your request.' });
  });
});
