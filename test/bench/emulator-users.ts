/**
 * Emulator benchmark: a full /users listing of the 100,000-user Northwind tenant, 999 per page, over HTTPS on loopback.
 * The emulator runs in its own process (built CLI), as it does next to the plugin.
 *
 *   npx tsc -b test/emulator && npx tsx test/bench/emulator-users.ts [--runs 3] [--select default|plugin]
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { startEmulatorProcess } from './emulator-process.js';

const PUBLIC_CLIENT_ID = 'c3f6a2d4-5b1e-4f7a-9c8d-2e0b7a6f1d35';
const USER_READ_ALL = 'df021288-bdef-4463-88db-98f22de89214';
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
/** The properties the plugin's user sync selects (m365-protocol.md 6.1). */
const PLUGIN_SELECT = 'id,userPrincipalName,displayName,mail,accountEnabled,userType,assignedLicenses,assignedPlans,onPremisesSyncEnabled,createdDateTime';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, select: { type: 'string', default: 'plugin' } } });

interface Reply { status: number; body: string }

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); undefined elsewhere. */
function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const emulator = await startEmulatorProcess();
  const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: readFileSync(emulator.caFile, 'utf8') });
  const call = (method: string, url: string, body?: string, headers: Record<string, string> = {}): Promise<Reply> =>
    new Promise((done, fail) => {
      const req = request(url, { method, agent, headers: { ...headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', fail);
      req.end(body);
    });
  const form = (path: string, fields: Record<string, string>) =>
    call('POST', `${emulator.url}${path}`, new URLSearchParams(fields).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
  const expectOk = (step: string, reply: Reply): Record<string, string> => {
    if (reply.status >= 300) throw new Error(`${step}: ${reply.status} ${reply.body}`);
    return reply.body ? (JSON.parse(reply.body) as Record<string, string>) : {};
  };

  try {
    const code = expectOk('devicecode', await form('/organizations/oauth2/v2.0/devicecode', {
      client_id: PUBLIC_CLIENT_ID, scope: 'Application.ReadWrite.All AppRoleAssignment.ReadWrite.All Directory.Read.All offline_access',
    }));
    expectOk('complete sign-in', await call('POST', `${emulator.url}/_emulator/device-codes/${code.user_code}/complete`,
      JSON.stringify({ email: 'admin@northwind.com' }), { 'content-type': 'application/json' }));
    const delegated = expectOk('token', await form('/organizations/oauth2/v2.0/token', {
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code', client_id: PUBLIC_CLIENT_ID, device_code: code.device_code,
    })).access_token!;
    const graph = (method: string, path: string, body?: unknown, token = delegated, headers: Record<string, string> = {}) =>
      call(method, `${emulator.url}/v1.0${path}`, body === undefined ? undefined : JSON.stringify(body),
        { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers });
    expectOk('register app', await graph('PATCH', "/applications(uniqueName='bench')", {
      displayName: 'Benchmark', requiredResourceAccess: [{ resourceAppId: GRAPH_APP_ID, resourceAccess: [{ id: USER_READ_ALL, type: 'Role' }] }],
    }, delegated, { Prefer: 'create-if-missing' }));
    const app = expectOk('read app', await graph('GET', "/applications(uniqueName='bench')"));
    const sp = expectOk('service principal', await graph('POST', '/servicePrincipals', { appId: app.appId }));
    const graphSp = expectOk('graph sp', await graph('GET', `/servicePrincipals(appId='${GRAPH_APP_ID}')`));
    expectOk('grant', await graph('POST', `/servicePrincipals/${graphSp.id}/appRoleAssignedTo`, { principalId: sp.id, resourceId: graphSp.id, appRoleId: USER_READ_ALL }));
    const secret = expectOk('secret', await graph('POST', `/applications/${app.id}/addPassword`, {})).secretText!;
    const appToken = expectOk('app token', await form('/northwind.com/oauth2/v2.0/token', {
      grant_type: 'client_credentials', client_id: app.appId, client_secret: secret, scope: 'https://graph.microsoft.com/.default',
    })).access_token!;

    const select = values.select === 'default' ? '' : `&$select=${PLUGIN_SELECT}`;
    const results: Array<{ users: number; pages: number; seconds: number; bytes: number; serverCpu: number | undefined }> = [];
    for (let run = 0; run < Number(values.runs); run++) {
      let next: string | undefined = `${emulator.url}/v1.0/users?$top=999${select}`;
      let users = 0;
      let pages = 0;
      let bytes = 0;
      const started = process.hrtime.bigint();
      const cpuBefore = cpuSeconds(emulator.pid);
      while (next) {
        const reply = await call('GET', next, undefined, { authorization: `Bearer ${appToken}` });
        if (reply.status !== 200) throw new Error(`page: ${reply.status} ${reply.body}`);
        const page = JSON.parse(reply.body) as { value: unknown[]; '@odata.nextLink'?: string };
        bytes += reply.body.length;
        users += page.value.length;
        pages += 1;
        next = page['@odata.nextLink'];
      }
      const cpuAfter = cpuSeconds(emulator.pid);
      const serverCpu = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
      results.push({ users, pages, bytes, serverCpu, seconds: Number(process.hrtime.bigint() - started) / 1e9 });
    }
    const rates = results.map((r) => r.users / r.seconds).sort((a, b) => a - b);
    console.log(`machine: ${cpus().length} CPUs, ${cpus()[0]?.model ?? 'unknown'}, node ${process.version}`);
    for (const [i, r] of results.entries()) {
      const cpu = r.serverCpu === undefined ? '' : `, emulator CPU ${r.serverCpu.toFixed(2)} s`;
      console.log(`run ${i + 1}: ${r.users} users, ${r.pages} pages, ${(r.bytes / r.users).toFixed(0)} B/user, ${r.seconds.toFixed(2)} s, ${Math.round(r.users / r.seconds)} users/s${cpu}`);
    }
    console.log(`median: ${Math.round(rates[Math.floor(rates.length / 2)]!)} users/s, best: ${Math.round(rates[rates.length - 1]!)} users/s`);
  } finally {
    agent.destroy();
    emulator.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
