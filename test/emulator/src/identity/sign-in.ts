import type { Directory, TenantSegment } from '../store/directory.js';
import type { Tenant } from '../store/tenant.js';
import type { Application, DirectoryUser } from '../store/types.js';
import { CONSENT_ADMIN_ROLES } from '../store/well-known.js';
import { consentPlan, type ConsentPlan } from './scopes.js';

export type SignInProblem =
  | 'personal_account'
  | 'unknown_domain'
  | 'unknown_user'
  | 'wrong_password'
  | 'disabled'
  | 'other_tenant'
  | 'blocked_by_conditional_access'
  | 'admin_consent_required';

/** A sign-in step that failed, with the text Microsoft's page shows and the AADSTS code when one is known. */
export class SignInError extends Error {
  constructor(readonly problem: SignInProblem, readonly aadsts: number | null, message: string) {
    super(message);
  }
}

/** [assumption] Microsoft account domains: on the organizations authority these are refused as personal accounts. */
const CONSUMER_DOMAINS = new Set(['outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'passport.com']);

export interface Account {
  tenant: Tenant;
  user: DirectoryUser;
}

/** The e-mail step of Microsoft's sign-in page. */
export function findAccount(directory: Directory, email: string): Account {
  const address = email.trim().toLowerCase();
  const domain = address.slice(address.lastIndexOf('@') + 1);
  if (CONSUMER_DOMAINS.has(domain)) {
    // [assumption] text of the work-or-school-only page for personal accounts.
    throw new SignInError('personal_account', 50020, "You can't sign in here with a personal account. Use your work or school account instead.");
  }
  const account = directory.findAccount(address);
  if (account) return account;
  if (!address.includes('@') || !directory.tenant(domain)) {
    throw new SignInError('unknown_domain', 50034, "We couldn't find an account with that username. Try another, or get a new Microsoft account.");
  }
  // [doc] AADSTS50034 UserAccountNotFound; [assumption] page wording.
  throw new SignInError('unknown_user', 50034, 'This username may be incorrect. Make sure you typed it correctly. Otherwise, contact your admin.');
}

/** The password step: [doc] 50126 wrong password, 50057 disabled account (checked after the password). */
export function checkPassword(account: Account, password: string | undefined): void {
  const { user } = account;
  if (password !== undefined && (user.password === null || user.password !== password)) {
    throw new SignInError('wrong_password', 50126, "Your account or password is incorrect. If you don't remember your password, reset it now.");
  }
  if (!user.accountEnabled) {
    throw new SignInError('disabled', 50057, 'Your account has been locked. Contact your support person to unlock it, then try again.');
  }
}

/** [doc] 50020: with a tenant-specific authority only that tenant's users may sign in. */
export function checkTenant(segment: TenantSegment, account: Account, client: Application): void {
  if (segment.kind === 'tenant' && segment.tenant.id !== account.tenant.id) {
    throw new SignInError('other_tenant', 50020,
      `User account '${account.user.userPrincipalName}' from identity provider 'https://sts.windows.net/${account.tenant.id}/' does not exist in tenant '${segment.tenant.displayName}' and cannot access the application '${client.appId}'(${client.displayName}) in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.`);
  }
}

/** [obs] 53003 when a Conditional Access policy blocks the device code flow (reference 1.6). */
export function checkConditionalAccess(account: Account, flow: 'device_code' | 'authorization_code'): void {
  if (flow === 'device_code' && account.tenant.blockDeviceCodeFlow) {
    throw new SignInError('blocked_by_conditional_access', 53003,
      'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.');
  }
}

export function canConsentForOrganization(user: DirectoryUser): boolean {
  return user.roles.some((r) => CONSENT_ADMIN_ROLES.has(r));
}

/** [doc] 90094: a user without an admin role cannot consent to permissions that need an admin. */
export function planConsent(directory: Directory, account: Account, client: Application, scopes: string[]): ConsentPlan {
  const plan = consentPlan(directory, account.tenant, account.user.id, client, scopes);
  if (plan.needsAdmin && !canConsentForOrganization(account.user)) {
    throw new SignInError('admin_consent_required', 90094,
      `${client.displayName} needs permission to access resources in your organization that only an admin can grant. Please ask an admin to grant permission to this app before you can use it.`);
  }
  return plan;
}

/**
 * Consent given on the consent page. An admin who leaves "Consent on behalf of your organization" ticked (the
 * control API always does) consents tenant-wide; everyone else only for themselves.
 */
export function recordConsent(directory: Directory, account: Account, client: Application, scopes: string[], forOrganization = true): void {
  const tenantWide = forOrganization && canConsentForOrganization(account.user);
  directory.grantConsent(account.tenant, client, scopes, tenantWide ? null : account.user.id);
}
