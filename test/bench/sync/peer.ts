/**
 * What the plugin's full sync is compared with, in its own process: (a) Microsoft's Graph SDK
 * PageIterator walking /users 999 at a time, as a user would write it; (b) bare fetch + JSON.parse
 * of the very pages the plugin's sharded listing reads, with the same parallelism. No database.
 * Prints one JSON line (PeerResult).
 */
import { parseArgs } from 'node:util';
import { Client, PageIterator, type PageCollection } from '@microsoft/microsoft-graph-client';
import { control, type PeerResult } from './bench-support.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    'client-id': { type: 'string' },
    tenant: { type: 'string' },
    peer: { type: 'string' },
    'page-ms': { type: 'string', default: '0' },
    concurrency: { type: 'string', default: '8' },
  },
});
const url = values.url!;
const tenant = values.tenant!;
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const USER_READ_ALL = 'df021288-bdef-4463-88db-98f22de89214';
/** The plugin's $select (plugin-server/src/features/sync/graph-user.util.ts). */
const SELECT = 'id,userPrincipalName,displayName,mail,accountEnabled,userType,assignedPlans';
const PREFIXES = [...'abcdefghijklmnopqrstuvwxyz0123456789'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped Graph answers, read field by field below
async function json(response: Response, step: string): Promise<any> {
  if (response.status >= 300) throw new Error(`${step}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** An app-only token for a throwaway application with User.Read.All and a client secret. */
async function appToken(): Promise<string> {
  const form = (path: string, fields: Record<string, string>) =>
    fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });
  const code = await json(await form('/organizations/oauth2/v2.0/devicecode', { client_id: values['client-id']!, scope: 'Application.ReadWrite.All AppRoleAssignment.ReadWrite.All Directory.Read.All offline_access' }), 'devicecode');
  await control(url, 'POST', `/device-codes/${code.user_code}/complete`, { email: `admin@${tenant}` });
  const delegated = (await json(await form('/organizations/oauth2/v2.0/token', { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', client_id: values['client-id']!, device_code: code.device_code }), 'token')).access_token;
  const graph = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}/v1.0${path}`, { method, headers: { authorization: `Bearer ${delegated}`, 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  await json(await graph('PATCH', "/applications(uniqueName='sync-bench-peer')", { displayName: 'Sync benchmark peer', requiredResourceAccess: [{ resourceAppId: GRAPH_APP_ID, resourceAccess: [{ id: USER_READ_ALL, type: 'Role' }] }] }, { Prefer: 'create-if-missing' }), 'app').catch(() => undefined);
  const app = await json(await graph('GET', "/applications(uniqueName='sync-bench-peer')"), 'read app');
  const sp = (await json(await graph('GET', `/servicePrincipals?$filter=appId eq '${app.appId}'`), 'find sp')).value[0] ?? (await json(await graph('POST', '/servicePrincipals', { appId: app.appId }), 'sp'));
  const graphSp = await json(await graph('GET', `/servicePrincipals(appId='${GRAPH_APP_ID}')`), 'graph sp');
  await graph('POST', `/servicePrincipals/${graphSp.id}/appRoleAssignedTo`, { principalId: sp.id, resourceId: graphSp.id, appRoleId: USER_READ_ALL });
  const secret = (await json(await graph('POST', `/applications/${app.id}/addPassword`, {}), 'secret')).secretText;
  return (await json(await form(`/${tenant}/oauth2/v2.0/token`, { grant_type: 'client_credentials', client_id: app.appId, client_secret: secret, scope: 'https://graph.microsoft.com/.default' }), 'app token')).access_token;
}

async function pageIterator(token: string): Promise<Omit<PeerResult, 'peer' | 'seconds'>> {
  const client = Client.init({ authProvider: (done) => done(null, token), baseUrl: `${url}/`, customHosts: new Set([new URL(url).hostname]), defaultVersion: 'v1.0' });
  let users = 0;
  let pages = 0;
  const fetchPage = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    pages += 1;
    return fetchPage(input, init);
  };
  try {
    const first: PageCollection = await client.api('/users').select(SELECT).top(999).get();
    await new PageIterator(client, first, () => {
      users += 1;
      return true;
    }).iterate();
  } finally {
    globalThis.fetch = fetchPage;
  }
  return { users, pages };
}

/** The plugin's shard pages, first pages first then the shard with most left, `concurrency` in flight; fetch + JSON.parse only. */
async function fetchShards(token: string, concurrency: number): Promise<Omit<PeerResult, 'peer' | 'seconds'>> {
  const headers = { authorization: `Bearer ${token}`, ConsistencyLevel: 'eventual' };
  const remaining = new Map<string, number>();
  const queue: { prefix: string; link: string; first: boolean }[] = PREFIXES.map((prefix) => ({
    prefix, first: true, link: `${url}/v1.0/users?$select=${SELECT}&$top=999&$count=true&$filter=startswith(userPrincipalName,'${prefix}')`,
  }));
  let users = 0;
  let pages = 0;
  const take = () => {
    const firstIndex = queue.findIndex((task) => task.first);
    if (firstIndex >= 0) return queue.splice(firstIndex, 1)[0];
    let best = -1;
    queue.forEach((task, index) => {
      if (best < 0 || (remaining.get(task.prefix) ?? 0) > (remaining.get(queue[best]!.prefix) ?? 0)) best = index;
    });
    return best < 0 ? undefined : queue.splice(best, 1)[0];
  };
  let active = 0;
  await new Promise<void>((resolve, reject) => {
    const pump = () => {
      for (let task = active < concurrency ? take() : undefined; task; task = active < concurrency ? take() : undefined) {
        active += 1;
        const current = task;
        fetch(current.link, { headers })
          .then((response) => json(response, 'page'))
          .then((page: { value: unknown[]; '@odata.nextLink'?: string; '@odata.count'?: number }) => {
            active -= 1;
            pages += 1;
            users += page.value.length;
            if (current.first) remaining.set(current.prefix, page['@odata.count'] ?? 0);
            remaining.set(current.prefix, (remaining.get(current.prefix) ?? 0) - page.value.length);
            if (page['@odata.nextLink']) queue.push({ prefix: current.prefix, link: page['@odata.nextLink'], first: false });
            pump();
          })
          .catch(reject);
      }
      if (active === 0 && queue.length === 0) resolve();
    };
    pump();
  });
  return { users, pages };
}

async function main(): Promise<void> {
  const token = await appToken();
  const pageMs = Number(values['page-ms']);
  await control(url, 'PUT', '/faults', pageMs ? { latency: { pageMs } } : {});
  const started = process.hrtime.bigint();
  const counted = values.peer === 'page-iterator' ? await pageIterator(token) : await fetchShards(token, Number(values.concurrency));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await control(url, 'PUT', '/faults', {});
  const result: PeerResult = { peer: values.peer === 'page-iterator' ? 'page-iterator' : 'fetch', seconds, ...counted };
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
