import type { EmulatorContext } from '../context.js';
import type { Application } from '../store/types.js';
import type { DeviceCodeEntry } from './device-codes.js';
import { resolveGraphScopes } from './scopes.js';
import {
  checkConditionalAccess, checkPassword, checkTenant, findAccount, planConsent, recordConsent, SignInError, type Account,
} from './sign-in.js';

export type DeviceCodeProblem = 'invalid_code' | 'expired_code' | 'code_already_used';

/** The code step of /devicelogin; [assumption] texts of Microsoft's page. */
export class UserCodeError extends Error {
  constructor(readonly problem: DeviceCodeProblem, message: string) {
    super(message);
  }
}

export function pendingEntry(ctx: EmulatorContext, userCode: string): DeviceCodeEntry {
  const entry = ctx.deviceCodes.byUserCode(userCode);
  if (!entry) throw new UserCodeError('invalid_code', "That code didn't work. Check the code and try again.");
  if (ctx.deviceCodes.isExpired(entry)) {
    throw new UserCodeError('expired_code', "The code you entered has expired. Get a new code from the device you're trying to sign in to and try again.");
  }
  if (entry.status !== 'pending') throw new UserCodeError('code_already_used', 'That code has already been used. Get a new code from the device you are trying to sign in to and try again.');
  return entry;
}

export function entryClient(ctx: EmulatorContext, entry: DeviceCodeEntry): Application {
  return ctx.directory.findClient(entry.clientId, entry.segment.kind === 'tenant' ? entry.segment.tenant : undefined)!;
}

/** Password step: credentials, tenant restriction, then Conditional Access, which marks the code blocked. */
export function authenticate(ctx: EmulatorContext, entry: DeviceCodeEntry, email: string, password: string | undefined): Account {
  const account = findAccount(ctx.directory, email);
  checkPassword(account, password);
  checkTenant(entry.segment, account, entryClient(ctx, entry));
  try {
    checkConditionalAccess(account, 'device_code');
  } catch (err) {
    if (err instanceof SignInError) entry.status = 'blocked';
    throw err;
  }
  return account;
}

export interface ConsentRequest {
  scopes: string[];
  /** Scopes to show on the consent page; empty when everything is consented already (no page). */
  needed: string[];
}

/** Which consent the sign-in needs; throws admin_consent_required for a user who cannot give it. */
export function consentFor(ctx: EmulatorContext, entry: DeviceCodeEntry, account: Account): ConsentRequest {
  const client = entryClient(ctx, entry);
  const consented = ctx.directory.consentedScopes(account.tenant, client.appId, account.user.id);
  const scopes = resolveGraphScopes(entry.requested, client, consented);
  const plan = planConsent(ctx.directory, account, client, scopes);
  return { scopes, needed: plan.needed };
}

/** The user said Continue on the consent page (or there was nothing to consent to). */
export function approve(ctx: EmulatorContext, entry: DeviceCodeEntry, account: Account, consent: ConsentRequest, forOrganization = true): void {
  recordConsent(ctx.directory, account, entryClient(ctx, entry), consent.needed, forOrganization);
  entry.account = account;
  entry.graphScopes = consent.scopes;
  entry.status = 'approved';
}

export function decline(entry: DeviceCodeEntry): void {
  entry.status = 'declined';
}
