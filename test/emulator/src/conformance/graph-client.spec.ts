import { Client, PageIterator, type PageCollection } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../emulator.js';
import { startTestEmulator } from '../test/helpers.js';
import { appOnlyToken } from '../test/onboarding.js';

interface DeltaUser {
  id: string;
  displayName?: string;
  accountEnabled?: boolean;
  '@removed'?: { reason: string };
}

describe('@microsoft/microsoft-graph-client against the emulator', () => {
  let emu: RunningEmulator;
  let client: Client;

  beforeAll(async () => {
    emu = await startTestEmulator();
    const token = await appOnlyToken(emu, 'fabrikam.com');
    client = Client.init({
      authProvider: (done) => done(null, token),
      baseUrl: `${emu.url}/`,
      customHosts: new Set([new URL(emu.url).hostname]),
    });
  });

  afterAll(async () => {
    await emu.close();
  });

  async function collect<T>(first: PageCollection): Promise<{ items: T[]; deltaLink: string | undefined }> {
    const items: T[] = [];
    const iterator = new PageIterator(client, first, (item) => {
      items.push(item as T);
      return true;
    });
    await iterator.iterate();
    return { items, deltaLink: iterator.getDeltaLink() };
  }

  it('walks all 5,000 Fabrikam users with PageIterator, 999 per page', async () => {
    const first = await client.api('/users').select('id,userPrincipalName,accountEnabled').top(999).get();
    expect(first.value).toHaveLength(999);
    expect(first['@odata.nextLink']).toMatch(new RegExp(`^${emu.url}/v1\\.0/users\\?.*\\$skiptoken=`));

    const { items } = await collect<{ id: string; userPrincipalName: string }>(first);

    expect(items).toHaveLength(5000);
    expect(new Set(items.map((u) => u.id)).size).toBe(5000);
    expect(items.every((u) => /@fabrikam\.(com|onmicrosoft\.com)$/.test(u.userPrincipalName))).toBe(true);
  });

  it('runs a delta round trip: full round, then exactly the changes made through the control API', async () => {
    const initial = await collect<DeltaUser>(await client.api('/users/delta').select('id,displayName,accountEnabled').get());
    expect(initial.items).toHaveLength(5000);
    expect(initial.deltaLink).toMatch(new RegExp(`^${emu.url}/v1\\.0/users/delta\\?\\$deltatoken=`));
    const [toRename, toDisable, toDelete, toPurge] = initial.items.slice(10, 14) as [DeltaUser, DeltaUser, DeltaUser, DeltaUser];
    const added = emu.control.addUser('fabrikam.com', { userPrincipalName: 'new.colleague', displayName: 'New Colleague', licenses: ['SPE_E3'] });
    emu.control.updateUser('fabrikam.com', toRename.id, { displayName: 'Renamed Person' });
    emu.control.disableUser('fabrikam.com', toDisable.id);
    emu.control.deleteUser('fabrikam.com', toDelete.id);
    emu.control.deleteUser('fabrikam.com', toPurge.id, { permanent: true });

    const changes = await collect<DeltaUser>(await client.api(initial.deltaLink!).get());

    const byId = new Map(changes.items.map((u) => [u.id, u]));
    expect(changes.items).toHaveLength(5);
    expect(byId.get(added.id)).toMatchObject({ displayName: 'New Colleague', accountEnabled: true });
    expect(byId.get(toRename.id)).toMatchObject({ displayName: 'Renamed Person' });
    expect(byId.get(toDisable.id)).toMatchObject({ accountEnabled: false });
    expect(byId.get(toDelete.id)?.['@removed']).toEqual({ reason: 'changed' });
    expect(byId.get(toPurge.id)?.['@removed']).toEqual({ reason: 'deleted' });
    const quiet = await collect<DeltaUser>(await client.api(changes.deltaLink!).get());
    expect(quiet.items).toEqual([]);
  });

  it('spreads many changes over several delta pages of at most 200 users', async () => {
    const { deltaLink } = await collect<DeltaUser>(await client.api('/users/delta').query({ $deltatoken: 'latest' }).get());
    for (let i = 0; i < 450; i++) emu.control.addUser('fabrikam.com', { userPrincipalName: `bulk.hire${i}`, displayName: `Bulk Hire ${i}` });
    const pageSizes: number[] = [];

    let page = await client.api(deltaLink!).get();
    pageSizes.push(page.value.length);
    while (page['@odata.nextLink']) {
      page = await client.api(page['@odata.nextLink']).get();
      pageSizes.push(page.value.length);
    }

    expect(pageSizes).toEqual([200, 200, 50]);
    expect(page['@odata.deltaLink']).toBeDefined();
  });
});
