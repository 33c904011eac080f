import type { LicenseMode, OrganizationUser } from '@m365/contracts';
import type { TenantUserRow } from './users.repository.js';
import { isEligible, unlicensedReason } from './user-rules.util.js';

export function toOrganizationUser(row: TenantUserRow, mode: LicenseMode): OrganizationUser {
  return {
    id: row.id,
    userPrincipalName: row.userPrincipalName,
    displayName: row.displayName,
    mail: row.mail,
    accountEnabled: row.accountEnabled,
    userType: row.userType,
    isSharedMailbox: row.isSharedMailbox,
    hasMailbox: row.hasMailbox,
    hasOneDrive: row.hasOneDrive,
    deletedInTenant: row.deletedInTenant,
    eligible: isEligible(row),
    licensed: row.licensed,
    licensedAt: row.licensedAt?.toISOString() ?? null,
    unlicensedReason: unlicensedReason(row, mode),
    firstSeenAt: row.firstSeenAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
  };
}
