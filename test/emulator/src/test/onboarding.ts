import { GRAPH_APP_ID, GRAPH_APP_ROLES } from '../store/well-known.js';
import type { RunningEmulator } from '../emulator.js';
import { delegatedToken, graphClient, postForm, type GraphCall } from './helpers.js';
import type { TestCertificate } from './certificates.js';

/** The application permissions a mailbox + OneDrive backup asks for, as the plugin will. */
export const BACKUP_ROLES = ['User.Read.All', 'Mail.ReadWrite', 'Calendars.ReadWrite', 'Contacts.ReadWrite', 'Files.ReadWrite.All', 'MailboxSettings.Read'];

export function roleId(value: string): string {
  return GRAPH_APP_ROLES.find((r) => r.value === value)!.id;
}

export interface RegisteredApp {
  app: { id: string; appId: string; displayName: string };
  sp: { id: string };
  graphSp: { id: string; appRoles: Array<{ id: string; value: string }> };
}

function expectStatus(step: string, actual: number, expected: number[], body: unknown): void {
  if (!expected.includes(actual)) throw new Error(`${step}: HTTP ${actual} ${JSON.stringify(body)}`);
}

/** The delegated part of onboarding (reference section 0, steps 4-8), written the way the plugin will call Graph. */
export async function registerApplication(graph: GraphCall, uniqueName: string, displayName: string, roles = BACKUP_ROLES): Promise<RegisteredApp> {
  const upsert = await graph('PATCH', `/applications(uniqueName='${uniqueName}')`, {
    displayName,
    signInAudience: 'AzureADMyOrg',
    requiredResourceAccess: [{ resourceAppId: GRAPH_APP_ID, resourceAccess: roles.map((r) => ({ id: roleId(r), type: 'Role' })) }],
  }, { Prefer: 'create-if-missing' });
  expectStatus('upsert application', upsert.status, [201, 204], upsert.body);
  const app = (await graph('GET', `/applications(uniqueName='${uniqueName}')?$select=id,appId,displayName`)).body;
  let sp = await graph('POST', '/servicePrincipals', { appId: app.appId });
  if (sp.status === 409) sp = await graph('GET', `/servicePrincipals(appId='${app.appId}')`);
  expectStatus('create service principal', sp.status, [200, 201], sp.body);
  const graphSp = await graph('GET', `/servicePrincipals(appId='${GRAPH_APP_ID}')?$select=id,appId,displayName,appRoles`);
  expectStatus('resolve Graph service principal', graphSp.status, [200], graphSp.body);
  for (const role of roles) {
    const grant = await graph('POST', `/servicePrincipals/${graphSp.body.id}/appRoleAssignedTo`, {
      principalId: sp.body.id, resourceId: graphSp.body.id, appRoleId: roleId(role),
    });
    expectStatus(`grant ${role}`, grant.status, [201], grant.body);
  }
  return { app, sp: sp.body, graphSp: graphSp.body };
}

/** [doc reference 4.10] register a certificate by PATCHing the whole keyCredentials collection. */
export async function addCertificate(graph: GraphCall, applicationId: string, cert: TestCertificate): Promise<void> {
  const result = await graph('PATCH', `/applications/${applicationId}`, {
    keyCredentials: [{ type: 'AsymmetricX509Cert', usage: 'Verify', key: cert.derBase64, displayName: 'CN=M365 Backup Test' }],
  });
  expectStatus('add certificate', result.status, [204], result.body);
}

/** An app-only Graph token for a tenant: register an app with `roles` as its admin, add a secret, client credentials. */
export async function appOnlyToken(emu: RunningEmulator, tenantDomain: string, roles = ['User.Read.All', 'MailboxSettings.Read', 'Files.Read.All']): Promise<string> {
  const graph = graphClient(emu, await delegatedToken(emu, `admin@${tenantDomain}`));
  const { app } = await registerApplication(graph, `app-only-${roles.length}`, 'App-only test client', roles);
  const secret = (await graph('POST', `/applications/${app.id}/addPassword`, {})).body.secretText as string;
  const result = await postForm(emu, `/${tenantDomain}/oauth2/v2.0/token`, {
    grant_type: 'client_credentials', client_id: app.appId, client_secret: secret, scope: 'https://graph.microsoft.com/.default',
  });
  if (result.status !== 200) throw new Error(`client credentials failed: ${JSON.stringify(result.body)}`);
  return result.body.access_token;
}
