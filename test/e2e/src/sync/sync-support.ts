import diagnostics from 'node:diagnostics_channel';
import type { OnboardingSettingsInput, OrganizationUser, SyncRun } from '@m365/contracts';
import type { ControlUser } from '@m365/emulator';
import { callHook } from '@m365/host-portal';
import { onboard } from '../support/onboard.js';
import { PARTNER, type Stack } from '../support/stack.js';

/** Onboards the customer owning `domain` with its admin and returns the organization id. */
export async function connect(stack: Stack, domain: string, settings: OnboardingSettingsInput = {}): Promise<string> {
  const onboarding = await onboard(stack, domain, `admin@${domain}`, settings);
  if (onboarding.status !== 'connected') throw new Error(`Onboarding of ${domain} ended ${onboarding.status}: ${JSON.stringify(onboarding.failure)}`);
  return onboarding.organizationId!;
}

/** Every user of the organization through the API, page by page (deleted ones too when asked). */
export async function allUsers(stack: Stack, organizationId: string, deleted = false): Promise<OrganizationUser[]> {
  const users: OrganizationUser[] = [];
  let cursor: string | undefined;
  do {
    const page = await stack.api.users.listUsers({ params: { organizationId }, query: { limit: 500, cursor, deleted: deleted ? 'true' : 'false' } });
    if (page.status !== 200) throw new Error(`listUsers answered ${page.status}: ${JSON.stringify(page.body)}`);
    users.push(...page.body.items);
    cursor = page.body.nextCursor ?? undefined;
  } while (cursor);
  return users;
}

export async function syncRuns(stack: Stack, organizationId: string): Promise<SyncRun[]> {
  const runs = await stack.api.sync.listSyncRuns({ params: { organizationId }, query: { limit: 100 } });
  if (runs.status !== 200) throw new Error(`listSyncRuns answered ${runs.status}`);
  return runs.body.items;
}

/** "Sync now", then waits until that run has ended. */
export async function syncNow(stack: Stack, organizationId: string, timeoutMs = 60_000): Promise<SyncRun> {
  const started = await stack.api.sync.startSync({ params: { organizationId } });
  if (started.status !== 202) throw new Error(`startSync answered ${started.status}: ${JSON.stringify(started.body)}`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = (await syncRuns(stack, organizationId)).find((item) => item.id === started.body.id);
    if (run && (run.status === 'succeeded' || run.status === 'failed')) return run;
    if (Date.now() > deadline) throw new Error(`Sync ${started.body.id} did not end: ${JSON.stringify(run)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function setSeatPool(stack: Stack, totalSeats: number): Promise<void> {
  const result = await callHook(stack.url, stack.hookSecret, 'PUT', `/partners/${PARTNER}/seat-pool`, { totalSeats });
  if (result.status !== 200) throw new Error(`seat-pool hook answered ${result.status}: ${result.body}`);
}

/** What the plugin should store for an emulator user, by the rule of graph-user.util.ts. */
export function expectedFromEmulator(user: ControlUser) {
  const member = user.userType === 'Member';
  const enabledService = (service: string) =>
    user.licenses.some((license) => !license.disabledServices.includes(service as never) && licensedService(license.sku, service));
  return {
    id: user.id,
    userPrincipalName: user.userPrincipalName,
    displayName: user.displayName,
    mail: user.mail,
    accountEnabled: user.accountEnabled,
    userType: member ? 'member' : 'guest',
    hasMailbox: member && (enabledService('exchange') || user.mailboxPurpose !== null),
    isSharedMailbox: member && !enabledService('exchange') && user.mailboxPurpose === 'shared',
    hasOneDrive: member && enabledService('SharePoint'),
    deletedInTenant: false,
  };
}

const SKU_SERVICES: Record<string, string[]> = {
  SPE_E3: ['exchange', 'SharePoint'],
  SPB: ['exchange', 'SharePoint'],
  O365_BUSINESS_ESSENTIALS: ['exchange', 'SharePoint'],
  EXCHANGESTANDARD: ['exchange'],
};

function licensedService(sku: string, service: string): boolean {
  return SKU_SERVICES[sku]?.includes(service) ?? false;
}

export function stored(user: OrganizationUser) {
  const { id, userPrincipalName, displayName, mail, accountEnabled, userType, hasMailbox, isSharedMailbox, hasOneDrive, deletedInTenant } = user;
  return { id, userPrincipalName, displayName, mail, accountEnabled, userType, hasMailbox, isSharedMailbox, hasOneDrive, deletedInTenant };
}

interface UndiciRequest {
  origin: string | URL;
  method: string;
  path: string;
}

/**
 * Records every request the in-process server sends to `origin` (Graph and the identity platform),
 * through the diagnostics channels of undici, which both the Graph client's handler and fetch use.
 */
export function recordGraphRequests(origin: string) {
  const log: { sentAt: number; receivedAt: number; method: string; url: string; status: number; retryAfter: string | null }[] = [];
  const wanted = new URL(origin).origin;
  const sentAt = new WeakMap<UndiciRequest, number>();
  const onCreate = (message: unknown) => {
    sentAt.set((message as { request: UndiciRequest }).request, Date.now());
  };
  const onHeaders = (message: unknown) => {
    const { request, response } = message as { request: UndiciRequest; response: { statusCode: number; headers: Buffer[] } };
    if (new URL(String(request.origin)).origin !== wanted) return;
    log.push({
      sentAt: sentAt.get(request) ?? Date.now(), receivedAt: Date.now(), method: request.method, url: `${wanted}${request.path}`,
      status: response.statusCode, retryAfter: rawHeader(response.headers, 'retry-after'),
    });
  };
  diagnostics.subscribe('undici:request:create', onCreate);
  diagnostics.subscribe('undici:request:headers', onHeaders);
  return {
    log,
    restore: () => {
      diagnostics.unsubscribe('undici:request:create', onCreate);
      diagnostics.unsubscribe('undici:request:headers', onHeaders);
    },
  };
}

/** A header from undici's raw list (name, value, name, value, ...). */
function rawHeader(headers: Buffer[], name: string): string | null {
  for (let index = 0; index + 1 < headers.length; index += 2) if (headers[index]!.toString().toLowerCase() === name) return headers[index + 1]!.toString();
  return null;
}
