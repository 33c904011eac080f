import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../emulator.js';
import { SKUS } from '../store/skus.js';
import { graphClient, startTestEmulator, type GraphCall, type Json } from '../test/helpers.js';
import { appOnlyToken } from '../test/onboarding.js';

describe('/users and per-user resources', () => {
  let emu: RunningEmulator;
  let contoso: GraphCall;
  let northwind: GraphCall;

  beforeAll(async () => {
    emu = await startTestEmulator();
    contoso = graphClient(emu, await appOnlyToken(emu, 'contoso.com'));
    northwind = graphClient(emu, await appOnlyToken(emu, 'northwind.com'));
  });

  afterAll(async () => {
    await emu.close();
  });

  async function listAll(graph: GraphCall, path: string, headers: Record<string, string> = {}): Promise<Json[]> {
    const items: Json[] = [];
    let next: string | undefined = path;
    while (next) {
      const page = await graph('GET', next.replace(`${emu.url}/v1.0`, ''), undefined, headers);
      expect(page.status).toBe(200);
      items.push(...page.body.value);
      next = page.body['@odata.nextLink'];
    }
    return items;
  }

  const EVENTUAL = { ConsistencyLevel: 'eventual' };

  it('seeds Contoso with 50 users: shared mailboxes, guests, disabled and unlicensed accounts', async () => {
    const users = await listAll(contoso, '/users?$select=id,userPrincipalName,accountEnabled,userType,assignedLicenses,mail&$top=999');
    const shared = [];
    for (const u of users.filter((x) => x.accountEnabled === false && x.assignedLicenses.length === 0 && x.userType === 'Member')) {
      const settings = await contoso('GET', `/users/${u.id}/mailboxSettings?$select=userPurpose`);
      if (settings.body.userPurpose === 'shared') shared.push(u.userPrincipalName);
    }

    expect(users).toHaveLength(50);
    expect(shared).toEqual(expect.arrayContaining(['info@contoso.com', 'sales@contoso.com', 'support@contoso.com']));
    expect(users.filter((u) => u.userType === 'Guest').length).toBeGreaterThanOrEqual(2);
    expect(users.filter((u) => u.accountEnabled === false && u.assignedLicenses.length > 0).length).toBeGreaterThanOrEqual(1);
    expect(users.find((u) => u.userPrincipalName === 'intern@contoso.com')).toMatchObject({ assignedLicenses: [], mail: null });
  });

  it('pages 100 users by default, keeps the query in nextLink, and refuses $top=1000', async () => {
    const first = await contoso('GET', '/users?$select=id,displayName');
    const refused = await contoso('GET', '/users?$top=1000');

    expect(first.body.value).toHaveLength(50);
    expect((await northwind('GET', '/users')).body.value).toHaveLength(100);
    const next = (await northwind('GET', '/users?$select=id,displayName&$top=999')).body['@odata.nextLink'];
    expect(next).toMatch(/\/v1\.0\/users\?\$select=id,displayName&\$top=999&\$skiptoken=[\w-]+\.[\w-]+$/);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'Request_UnsupportedQuery', message: "Invalid page size specified: '1000'. Must be between 1 and 999 inclusive." });
  });

  it('returns the documented default properties without $select', async () => {
    const [user] = (await contoso('GET', '/users?$top=1')).body.value;

    expect(Object.keys(user).sort()).toEqual(['businessPhones', 'displayName', 'givenName', 'id', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName']);
  });

  it('filters with startswith and counts with ConsistencyLevel: eventual, across pages', async () => {
    const listed = await listAll(northwind, "/users?$filter=startswith(userPrincipalName,'ad')&$select=userPrincipalName&$top=999");
    const counted = await northwind('GET', "/users/$count?$filter=startswith(userPrincipalName,'ad')", undefined, EVENTUAL);
    const withCount = await northwind('GET', "/users?$filter=startswith(userPrincipalName,'ad')&$count=true&$top=5", undefined, EVENTUAL);

    expect(listed.length).toBeGreaterThan(999);
    expect(listed.every((u) => u.userPrincipalName.startsWith('ad'))).toBe(true);
    expect(counted.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(Number(counted.body)).toBe(listed.length);
    expect(withCount.body['@odata.count']).toBe(listed.length);
    expect(Number((await northwind('GET', '/users/$count', undefined, EVENTUAL)).body)).toBe(100_000);
  });

  it('requires ConsistencyLevel: eventual and $count=true for advanced queries', async () => {
    const unsupported = { code: 'Request_UnsupportedQuery', message: 'Unsupported Query.' };

    expect((await contoso('GET', '/users/$count')).body.error).toMatchObject(unsupported);
    expect((await contoso('GET', '/users?$count=true')).body.error).toMatchObject(unsupported);
    expect((await contoso('GET', "/users?$filter=userType ne 'Guest'")).body.error).toMatchObject(unsupported);
    expect((await contoso('GET', "/users?$filter=userType ne 'Guest'", undefined, EVENTUAL)).body.error).toMatchObject(unsupported);
    const advanced = await contoso('GET', "/users?$filter=not(userType eq 'Member')&$count=true&$select=userType", undefined, EVENTUAL);
    expect(advanced.status).toBe(200);
    expect(advanced.body.value.length).toBeGreaterThan(0);
    expect(advanced.body.value.every((u: { userType: string }) => u.userType === 'Guest')).toBe(true);
  });

  it('supports eq on userType and accountEnabled, and refuses unknown $select properties', async () => {
    const guests = await listAll(contoso, "/users?$filter=userType eq 'Guest'&$select=userPrincipalName,userType");
    const disabled = await listAll(contoso, '/users?$filter=accountEnabled eq false&$select=accountEnabled');
    const bad = await contoso('GET', '/users?$select=id,shoeSize');
    const single = await contoso('GET', '/users?$select=mailboxSettings');

    expect(guests.every((u) => u.userType === 'Guest' && u.userPrincipalName.includes('#ext#'))).toBe(true);
    expect(disabled.length).toBeGreaterThanOrEqual(5);
    expect(bad.body.error).toMatchObject({ code: 'Request_BadRequest', message: "Could not find a property named 'shoeSize' on type 'microsoft.graph.user'." });
    expect(single.status).toBe(501);
  });

  it('reads single users of the lazily generated tenant by id and by UPN', async () => {
    const [listed] = (await northwind('GET', '/users?$top=1&$filter=startswith(userPrincipalName,\'zara\')&$select=id,userPrincipalName')).body.value;

    const byId = await northwind('GET', `/users/${listed.id}?$select=id,userPrincipalName`);
    const byUpn = await northwind('GET', `/users/${encodeURIComponent(listed.userPrincipalName)}?$select=id`);
    const missing = await northwind('GET', '/users/00000000-0000-4000-8000-000000000000');

    expect(byId.body).toMatchObject(listed);
    expect(byUpn.body.id).toBe(listed.id);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('Request_ResourceNotFound');
  });

  it('derives mailbox and OneDrive presence from plans, with the documented errors', async () => {
    const kiosk = (await contoso('GET', '/users/kiosk@contoso.com?$select=assignedLicenses,assignedPlans')).body;
    const sharePointPlan = SKUS.SPE_E3.servicePlans.find((p) => p.servicePlanName === 'SHAREPOINTENTERPRISE')!.servicePlanId;

    expect(kiosk.assignedLicenses).toEqual([{ skuId: SKUS.SPE_E3.skuId, disabledPlans: expect.arrayContaining([sharePointPlan]) }]);
    expect(kiosk.assignedPlans).toEqual(expect.arrayContaining([
      expect.objectContaining({ service: 'exchange', capabilityStatus: 'Enabled' }),
      expect.objectContaining({ servicePlanId: sharePointPlan, capabilityStatus: 'Deleted' }),
    ]));
    expect((await contoso('GET', '/users/admin@contoso.com/mailboxSettings')).body).toMatchObject({ userPurpose: 'user', language: { locale: 'en-US' } });
    expect((await contoso('GET', '/users/boardroom@contoso.com/mailboxSettings')).body.userPurpose).toBe('room');
    const noMailbox = await contoso('GET', '/users/intern@contoso.com/mailboxSettings');
    expect(noMailbox.status).toBe(404);
    expect(noMailbox.body.error).toMatchObject({ code: 'MailboxNotEnabledForRESTAPI', message: 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.' });
    expect((await contoso('GET', '/users/admin@contoso.com/drive')).body).toMatchObject({ driveType: 'business', owner: { user: { displayName: 'Contoso Administrator' } } });
    for (const upn of ['new.hire@contoso.com', 'kiosk@contoso.com', 'info@contoso.com']) {
      const drive = await contoso('GET', `/users/${upn}/drive`);
      expect(drive.status).toBe(404);
      expect(drive.body.error).toMatchObject({ code: 'ResourceNotFound', message: "User's mysite not found." });
    }
  });

  it('lists subscribed SKUs with consumed units', async () => {
    const organizationReader = graphClient(emu, await appOnlyToken(emu, 'contoso.com', ['Organization.Read.All']));
    expect((await contoso('GET', '/subscribedSkus')).status).toBe(403);
    const skus = (await organizationReader('GET', '/subscribedSkus')).body.value;
    const e3 = skus.find((s: { skuPartNumber: string }) => s.skuPartNumber === 'SPE_E3');

    expect(e3).toMatchObject({ skuId: SKUS.SPE_E3.skuId, appliesTo: 'User', capabilityStatus: 'Enabled', prepaidUnits: { enabled: expect.any(Number) } });
    expect(e3.consumedUnits).toBeGreaterThan(10);
    expect(e3.servicePlans.map((p: { servicePlanName: string }) => p.servicePlanName)).toContain('EXCHANGE_S_ENTERPRISE');
  });

  it('refuses an edited skip token', async () => {
    const next: string = (await northwind('GET', '/users?$top=2')).body['@odata.nextLink'];
    const edited = next.replace(/skiptoken=(\w)/, (_, c: string) => `skiptoken=${c === 'e' ? 'f' : 'e'}`);

    const result = await northwind('GET', edited.replace(`${emu.url}/v1.0`, ''));

    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe('Directory_ExpiredPageToken');
  });
  it('answers a startswith(userPrincipalName) shard from its prefix index exactly as a scan does, after changes too', async () => {
    const indexed = "/users?$filter=startswith(userPrincipalName,'a')&$select=id,userPrincipalName&$top=999";
    // Two comparisons: not one prefix, so the emulator scans every position.
    const scanned = "/users?$filter=startswith(userPrincipalName,'a') or startswith(userPrincipalName,'ab')&$select=id,userPrincipalName&$top=999";
    const shardOf = async () => {
      const count = await northwind('GET', "/users?$filter=startswith(userPrincipalName,'a')&$count=true&$top=1&$select=id", undefined, EVENTUAL);
      return { listed: await listAll(northwind, indexed), reference: await listAll(northwind, scanned), count: count.body['@odata.count'] };
    };
    const before = await shardOf();
    const [moved, deleted] = before.listed;
    emu.control.updateUser('northwind.com', moved.userPrincipalName, { userPrincipalName: 'zz-moved@northwind.com' });
    emu.control.deleteUser('northwind.com', deleted.userPrincipalName);
    const added = emu.control.addUser('northwind.com', { userPrincipalName: 'aa-new', displayName: 'A New' });
    const after = await shardOf();

    expect(before.listed.length).toBeGreaterThan(999);
    expect(before.listed).toEqual(before.reference);
    expect(before.count).toBe(before.listed.length);
    expect(after.listed).toEqual(after.reference);
    expect(after.count).toBe(before.count - 1);
    expect(after.listed.map((u) => u.id)).not.toContain(moved.id);
    expect(after.listed.map((u) => u.id)).not.toContain(deleted.id);
    expect(after.listed.at(-1)).toEqual({ id: added.id, userPrincipalName: added.userPrincipalName });
  });
});
