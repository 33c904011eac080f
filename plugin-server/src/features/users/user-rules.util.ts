import type { LicenseMode, UnlicensedReason } from '@m365/contracts';

export interface UserFacts {
  userType: 'member' | 'guest';
  deletedInTenant: boolean;
  hasMailbox: boolean;
  hasOneDrive: boolean;
  accountEnabled: boolean;
  isSharedMailbox: boolean;
  licensed: boolean;
}

/** A member (not a guest) still in the tenant with a mailbox or a OneDrive; shared mailboxes included. */
export function isEligible(user: UserFacts): boolean {
  return user.userType === 'member' && !user.deletedInTenant && (user.hasMailbox || user.hasOneDrive);
}

/** Automatic mode licenses enabled users and shared mailboxes; a disabled ordinary user keeps a seat it has but gets no new one. */
export function isAutomaticCandidate(user: UserFacts): boolean {
  return !user.licensed && isEligible(user) && (user.accountEnabled || user.isSharedMailbox);
}

/** Why a user holds no seat, derived from its state and the organization's mode. */
export function unlicensedReason(user: UserFacts, mode: LicenseMode): UnlicensedReason | null {
  if (user.licensed) return null;
  if (user.deletedInTenant) return 'deleted';
  if (user.userType === 'guest') return 'guest';
  if (!user.hasMailbox && !user.hasOneDrive) return 'no_mailbox_or_onedrive';
  if (mode === 'manual') return 'manual_mode';
  if (!user.accountEnabled && !user.isSharedMailbox) return 'disabled';
  return 'no_seats_left';
}

/** The sentence shown when a technician tries to license a user that cannot hold a seat. */
export function ineligibleMessage(user: UserFacts & { userPrincipalName: string }): string {
  if (user.deletedInTenant) return `${user.userPrincipalName} was deleted in the tenant.`;
  if (user.userType === 'guest') return `${user.userPrincipalName} is a guest; guests have no mailbox or OneDrive in this tenant.`;
  return `${user.userPrincipalName} has neither a mailbox nor a OneDrive to back up.`;
}
