import type { Organization, OrganizationSettings, UserSyncIntervalMinutes } from '@m365/contracts';
import type { OrganizationRow, OrganizationView } from './organization.repository.js';

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function settingsOf(row: OrganizationRow): OrganizationSettings {
  return {
    applicationName: row.applicationName,
    licenseMode: row.licenseMode,
    defaultDeviceId: row.defaultDeviceId,
    userSyncIntervalMinutes: row.syncIntervalMinutes as UserSyncIntervalMinutes,
  };
}

export function toOrganization(row: OrganizationView): Organization {
  return {
    id: row.id,
    customerId: row.customerId,
    customerName: row.customerName,
    tenantId: row.tenantId,
    tenantName: row.tenantName,
    primaryDomain: row.primaryDomain,
    status: row.status,
    onboardingId: row.onboardingId,
    attention:
      row.attentionReason && row.attentionSince
        ? { reason: row.attentionReason, message: row.attentionMessage ?? '', since: row.attentionSince.toISOString() }
        : null,
    settings: settingsOf(row),
    defaultDeviceName: row.defaultDeviceName,
    userCount: row.userCount,
    licensedCount: row.licensedCount,
    applicationId: row.applicationAppId,
    certificate:
      row.certificateThumbprint && row.certificateExpiresAt
        ? { thumbprintSha256: row.certificateThumbprint, expiresAt: row.certificateExpiresAt.toISOString() }
        : null,
    lastSync:
      row.lastSyncAt && row.lastSyncStatus
        ? { at: row.lastSyncAt.toISOString(), status: row.lastSyncStatus, message: row.lastSyncMessage }
        : null,
    nextSyncAt: iso(row.nextSyncAt),
    connectedAt: iso(row.connectedAt),
    disconnectedAt: iso(row.disconnectedAt),
  };
}
