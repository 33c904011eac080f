import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../emulator.js';
import { graphClient, startTestEmulator, type GraphCall } from '../test/helpers.js';
import { appOnlyToken } from '../test/onboarding.js';

describe('$batch and /users/delta', () => {
  let emu: RunningEmulator;
  let graph: GraphCall;

  beforeAll(async () => {
    emu = await startTestEmulator();
    graph = graphClient(emu, await appOnlyToken(emu, 'contoso.com'));
  });

  afterAll(async () => {
    await emu.close();
  });

  const relative = (link: string) => link.replace(`${emu.url}/v1.0`, '');

  it('answers each request of a batch with its own status, headers and body', async () => {
    const result = await graph('POST', '/$batch', {
      requests: [
        { id: '1', method: 'GET', url: '/users/info@contoso.com/mailboxSettings?$select=userPurpose' },
        { id: '2', method: 'GET', url: 'users/intern@contoso.com/mailboxSettings' },
        { id: '3', method: 'GET', url: '/users/admin@contoso.com/drive?$select=driveType' },
      ],
    });

    expect(result.status).toBe(200);
    const byId = Object.fromEntries(result.body.responses.map((r: { id: string }) => [r.id, r]));
    expect(byId['1']).toMatchObject({ status: 200, body: { userPurpose: 'shared' }, headers: { 'Content-Type': expect.stringContaining('application/json') } });
    expect(byId['2']).toMatchObject({ status: 404, body: { error: { code: 'MailboxNotEnabledForRESTAPI' } } });
    expect(byId['3']).toMatchObject({ status: 200, body: { driveType: 'business' } });
  });

  it('gives 424 to requests that depend on a failed one', async () => {
    const result = await graph('POST', '/$batch', {
      requests: [
        { id: 'b', method: 'GET', url: '/users/admin@contoso.com?$select=id', dependsOn: ['a'] },
        { id: 'a', method: 'GET', url: '/users/nobody@contoso.com' },
      ],
    });

    const byId = Object.fromEntries(result.body.responses.map((r: { id: string }) => [r.id, r]));
    expect(byId.a.status).toBe(404);
    expect(byId.b).toMatchObject({ status: 424, body: { error: { code: 'FailedDependency' } } });
  });

  it('refuses more than 20 requests, duplicate ids and unknown dependencies with an outer 400', async () => {
    const request = (id: string) => ({ id, method: 'GET', url: '/organization' });

    const tooMany = await graph('POST', '/$batch', { requests: Array.from({ length: 21 }, (_, i) => request(String(i))) });
    const duplicate = await graph('POST', '/$batch', { requests: [request('x'), request('X')] });
    const unknown = await graph('POST', '/$batch', { requests: [{ ...request('1'), dependsOn: ['9'] }] });

    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toBe('Batch request limit exceeded. The maximum number of requests allowed in a batch is 20.');
    expect(duplicate.status).toBe(400);
    expect(unknown.status).toBe(400);
  });

  it('caps delta pages at 200 users whatever $top says and ends with a deltaLink', async () => {
    const fabrikam = graphClient(emu, await appOnlyToken(emu, 'fabrikam.com'));
    const sizes: number[] = [];
    let page = await fabrikam('GET', '/users/delta?$select=id,displayName&$top=999');
    sizes.push(page.body.value.length);
    while (page.body['@odata.nextLink']) {
      expect(page.body['@odata.nextLink']).toMatch(/\/v1\.0\/users\/delta\?\$skiptoken=/);
      page = await fabrikam('GET', relative(page.body['@odata.nextLink']));
      sizes.push(page.body.value.length);
    }

    expect(sizes).toEqual(Array.from({ length: 25 }, () => 200));
    expect(page.body['@odata.deltaLink']).toMatch(/\/v1\.0\/users\/delta\?\$deltatoken=/);
  });

  it('returns only a fresh deltaLink for $deltatoken=latest', async () => {
    const latest = await graph('GET', '/users/delta?$deltatoken=latest&$select=id,mail');

    expect(latest.body.value).toEqual([]);
    const later = await graph('GET', relative(latest.body['@odata.deltaLink']));
    expect(later.body.value).toEqual([]);
    emu.control.updateUser('contoso.com', 'user@contoso.com', { mail: 'renamed@contoso.com' });
    const changed = await graph('GET', relative(later.body['@odata.deltaLink']));
    expect(changed.body.value).toEqual([{ id: emu.control.getUser('contoso.com', 'user@contoso.com').id, mail: 'renamed@contoso.com' }]);
  });

  it('refuses both tokens in one request, and answers 410 with a Location for an expired or unknown delta token', async () => {
    const latest = await graph('GET', '/users/delta?$deltatoken=latest&$select=id');
    const link = relative(latest.body['@odata.deltaLink']);
    const both = await graph('GET', `${link}&$skiptoken=abc`);
    emu.control.expireDeltaTokens('contoso.com');

    const expired = await graph('GET', link);
    const unknown = await graph('GET', '/users/delta?$deltatoken=not-a-token');

    expect(both.status).toBe(400);
    expect(both.body.error.message).toBe("Both skiptoken and deltatoken can't be in the same request");
    for (const result of [expired, unknown]) {
      expect(result.status).toBe(410);
      expect(result.body.error.code).toBe('resyncRequired');
    }
    expect(expired.headers.get('location')).toBe(`${emu.url}/v1.0/users/delta?$select=id&$deltatoken=`);
    const restart = await graph('GET', relative(expired.headers.get('location')!));
    expect(restart.status).toBe(200);
    expect(restart.body.value).toHaveLength(50);
    expect(Object.keys(restart.body.value[0])).toEqual(['id']);
  });
});
