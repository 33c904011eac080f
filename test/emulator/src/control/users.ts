import type { SeedUser } from '../store/seed.js';
import type { PlanService } from '../store/skus.js';
import type { Tenant } from '../store/tenant.js';
import { buildUser, qualifyUpn, SeedError, serviceEnabled } from '../store/tenant-factory.js';
import type { DirectoryUser, MailboxPurpose } from '../store/types.js';
import type { DirectoryRoleName } from '../store/well-known.js';
import { newGuid } from '../util/hash.js';
import { ControlError } from './errors.js';

/** A user as the control API returns it (the password stays inside). */
export type ControlUser = Omit<DirectoryUser, 'password'> & { deleted: 'soft' | 'hard' | null };

export interface UserChanges {
  displayName?: string;
  givenName?: string | null;
  surname?: string | null;
  userPrincipalName?: string;
  mail?: string | null;
  accountEnabled?: boolean;
  jobTitle?: string | null;
  department?: string | null;
  licenses?: SeedUser['licenses'];
  mailbox?: MailboxPurpose | null;
  oneDrive?: boolean;
  password?: string | null;
  roles?: DirectoryRoleName[];
}

export function toControlUser(user: DirectoryUser, deleted: 'soft' | 'hard' | undefined): ControlUser {
  const { password: _password, ...rest } = user;
  return { ...rest, deleted: deleted ?? null };
}

function checkDomain(tenant: Tenant, upn: string): void {
  const domain = upn.slice(upn.lastIndexOf('@') + 1);
  if (!tenant.hasDomain(domain)) throw new ControlError(400, 'invalid_domain', `${domain} is not a verified domain of ${tenant.displayName}`);
  if (tenant.findUser(upn)) throw new ControlError(409, 'user_exists', `${upn} already exists in ${tenant.displayName}`);
}

export function addUser(tenant: Tenant, input: SeedUser): ControlUser {
  let user: DirectoryUser;
  try {
    user = buildUser(tenant.id, tenant.defaultDomain, { ...input, id: input.id ?? newGuid() }, 'User');
  } catch (err) {
    if (err instanceof SeedError) throw new ControlError(400, 'invalid_user', err.message);
    throw err;
  }
  checkDomain(tenant, user.userPrincipalName);
  return toControlUser(tenant.users.add(user).user, undefined);
}

function locate(tenant: Tenant, key: string, includeDeleted = false) {
  const entry = tenant.users.find(key, includeDeleted);
  if (!entry) throw new ControlError(404, 'user_not_found', `No user ${key} in ${tenant.displayName}`);
  return entry;
}

export function getUser(tenant: Tenant, key: string): ControlUser {
  const { position, user } = locate(tenant, key, true);
  return toControlUser(user, tenant.users.deletion(position));
}

/** Applies changes; a license change without explicit mailbox/oneDrive recomputes both from the plans. */
export function updateUser(tenant: Tenant, key: string, changes: UserChanges): ControlUser {
  const { position, user } = locate(tenant, key);
  const next: DirectoryUser = { ...user };
  if (changes.userPrincipalName !== undefined) {
    const upn = qualifyUpn(changes.userPrincipalName, tenant.defaultDomain);
    if (upn !== user.userPrincipalName) checkDomain(tenant, upn);
    next.userPrincipalName = upn;
  }
  for (const field of ['displayName', 'givenName', 'surname', 'mail', 'accountEnabled', 'jobTitle', 'department', 'password'] as const) {
    if (changes[field] !== undefined) (next as unknown as Record<string, unknown>)[field] = changes[field];
  }
  if (changes.roles !== undefined) next.roles = [...changes.roles];
  if (changes.licenses !== undefined) {
    const rebuilt = buildUser(tenant.id, tenant.defaultDomain, {
      userPrincipalName: next.userPrincipalName, displayName: next.displayName, licenses: changes.licenses,
    }, 'User');
    next.licenses = rebuilt.licenses;
    if (changes.mailbox === undefined && (user.mailboxPurpose === 'user' || user.mailboxPurpose === null)) {
      next.mailboxPurpose = serviceEnabled(next.licenses, 'exchange') ? 'user' : null;
      if (next.mailboxPurpose && !next.mail) next.mail = next.userPrincipalName;
    }
    if (changes.oneDrive === undefined) next.oneDriveProvisioned = serviceEnabled(next.licenses, 'SharePoint' satisfies PlanService);
  }
  if (changes.mailbox !== undefined) next.mailboxPurpose = changes.mailbox;
  // [doc] Exchange gives every mailbox a primary SMTP address, which the directory shows as mail.
  if (next.mailboxPurpose && !next.mail) next.mail = next.userPrincipalName;
  if (changes.oneDrive !== undefined) next.oneDriveProvisioned = changes.oneDrive;
  tenant.users.replace(position, next);
  return toControlUser(next, undefined);
}

export function deleteUser(tenant: Tenant, key: string, permanent: boolean): void {
  const { position } = locate(tenant, key, permanent);
  tenant.users.remove(position, permanent ? 'hard' : 'soft');
}

export function restoreUser(tenant: Tenant, key: string): ControlUser {
  const { position, user } = locate(tenant, key, true);
  if (tenant.users.deletion(position) !== 'soft') throw new ControlError(409, 'not_restorable', `${key} is not soft-deleted`);
  tenant.users.restore(position);
  return toControlUser(user, undefined);
}
