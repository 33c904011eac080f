import { Inject, Injectable } from '@nestjs/common';
import type {
  DisconnectOrganizationInput,
  ListOrganizationsQuery,
  Organization,
  OrganizationSettings,
  OrganizationSettingsPatch,
  OrganizationStatus,
  Page,
} from '@m365/contracts';
import { bindingOf, SecretBox } from '../../common/crypto/secret-box.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { decodeOffset, nextOffsetCursor } from '../../common/http/offset-cursor.js';
import type { AppCredential } from '../../common/identity/app-token.provider.js';
import { Transactions } from '../../db/transactions.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { DevicesService } from '../devices/devices.service.js';
import { EventsService } from '../events/events.service.js';
import { settingsOf, toOrganization } from './organization.mapper.js';
import { OrganizationRepository, type NewOrganization, type OrganizationRow } from './organization.repository.js';

export const CERTIFICATE_KEY_COLUMN = 'certificate_key_enc';

/** Features that react to a settings change (licensing on a mode switch, sync on an interval change). */
export interface OrganizationSettingsObserver {
  /** Called once the change is saved; the rows are before and after it. */
  settingsChanged(change: { before: OrganizationRow; after: OrganizationRow; principal: Principal }): void;
}

@Injectable()
export class OrganizationsService {
  private readonly settingsObservers: OrganizationSettingsObserver[] = [];

  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly devices: DevicesService,
    private readonly audit: AuditService,
    private readonly events: EventsService,
    private readonly transactions: Transactions,
    @Inject(SecretBox) private readonly secrets: SecretBox,
  ) {}

  list(partnerId: string, query: ListOrganizationsQuery): Page<Organization> {
    const offset = decodeOffset(query.cursor);
    const { items, total } = this.organizations.list(partnerId, query, query.limit, offset);
    return { items: items.map(toOrganization), nextCursor: nextOffsetCursor(offset, items.length, total), total };
  }

  get(partnerId: string, organizationId: string): Organization {
    const view = this.organizations.view(partnerId, organizationId);
    if (!view) throw notFound(organizationId);
    return toOrganization(view);
  }

  row(partnerId: string, organizationId: string): OrganizationRow {
    const row = this.organizations.get(partnerId, organizationId);
    if (!row) throw notFound(organizationId);
    return row;
  }

  getSettings(partnerId: string, organizationId: string): OrganizationSettings {
    return settingsOf(this.row(partnerId, organizationId));
  }

  updateSettings(partnerId: string, organizationId: string, patch: OrganizationSettingsPatch, principal: Principal): OrganizationSettings {
    const row = this.row(partnerId, organizationId);
    if (row.status === 'disconnected') throw new DomainError('ORGANIZATION_NOT_CONNECTED', 'This organization is disconnected; add it again to change its settings.');
    if (patch.applicationName !== undefined && patch.applicationName !== row.applicationName && row.applicationObjectId) {
      throw new DomainError(
        'ORGANIZATION_APPLICATION_NAME_LOCKED',
        'The application is already registered in the tenant under its name; renaming means adding the organization again.',
        { applicationName: row.applicationName },
      );
    }
    if (patch.defaultDeviceId !== undefined) this.devices.resolveDefault(partnerId, patch.defaultDeviceId);
    const changes: Partial<OrganizationRow> = {};
    if (patch.applicationName !== undefined) changes.applicationName = patch.applicationName;
    if (patch.licenseMode !== undefined) changes.licenseMode = patch.licenseMode;
    if (patch.defaultDeviceId !== undefined) {
      changes.defaultDeviceId = patch.defaultDeviceId;
      if (row.attentionReason === 'default_device_missing') Object.assign(changes, NO_ATTENTION);
    }
    if (patch.userSyncIntervalMinutes !== undefined) changes.syncIntervalMinutes = patch.userSyncIntervalMinutes;
    this.transactions.run(() => {
      this.organizations.update(row.id, changes);
      this.recordChange(row, principal, 'settings_changed', 'changed', { before: settingsOf(row), changes: patch });
    });
    const after = this.row(partnerId, organizationId);
    for (const observer of this.settingsObservers) observer.settingsChanged({ before: row, after, principal });
    return settingsOf(after);
  }

  private recordChange(
    row: OrganizationRow,
    principal: Principal,
    kind: 'settings_changed' | 'disconnect',
    outcome: 'changed' | 'disconnected',
    details: Record<string, unknown>,
  ): void {
    const now = new Date();
    this.audit.record({
      partnerId: row.partnerId,
      kind,
      organizationId: row.id,
      onboardingId: null,
      customerId: row.customerId,
      technicianId: principal.technicianId,
      consentedBy: null,
      tenantId: row.tenantId,
      tenantName: row.tenantName,
      applicationId: row.applicationAppId,
      certificateThumbprint: row.certificateThumbprint,
      certificateExpiresAt: row.certificateExpiresAt,
      startedAt: now,
      finishedAt: now,
      outcome,
      details,
    });
  }

  observeSettings(observer: OrganizationSettingsObserver): void {
    this.settingsObservers.push(observer);
  }

  disconnect(partnerId: string, organizationId: string, input: DisconnectOrganizationInput, principal: Principal): Organization {
    const row = this.row(partnerId, organizationId);
    if (row.status === 'disconnected') return this.get(partnerId, organizationId);
    const now = new Date();
    this.transactions.run(() => {
      this.organizations.update(row.id, {
        status: 'disconnected',
        disconnectedAt: now,
        certificateKeyEnc: null,
        deltaLinkEnc: null,
        nextSyncAt: null,
        attentionReason: null,
        attentionMessage: null,
        attentionSince: null,
      });
      this.recordChange(row, principal, 'disconnect', 'disconnected', {
        reason: input.reason ?? null,
        credentialDeleted: true,
        applicationRemovalRequested: input.removeApplication ?? false,
        applicationRemoved: false,
      });
      this.events.emit(partnerId, 'organization.disconnected', { organizationId: row.id, customerId: row.customerId, tenantId: row.tenantId, applicationRemoved: false }, row.id);
    });
    return this.get(partnerId, organizationId);
  }

  /** The organization's app-only credential, decrypted for a token request; never returned by the API. */
  appCredential(row: OrganizationRow): AppCredential {
    if (!row.tenantId || !row.applicationAppId || !row.certificateThumbprint || !row.certificateKeyEnc) {
      throw new DomainError('ORGANIZATION_NOT_CONNECTED', 'This organization has no credential; add it again.');
    }
    return {
      tenantId: row.tenantId,
      clientId: row.applicationAppId,
      thumbprintSha256: row.certificateThumbprint,
      privateKeyPem: this.secrets.open(row.certificateKeyEnc, bindingOf('organization', row.id, CERTIFICATE_KEY_COLUMN)),
    };
  }

  sealCertificateKey(organizationId: string, privateKeyPem: string): string {
    return this.secrets.seal(privateKeyPem, bindingOf('organization', organizationId, CERTIFICATE_KEY_COLUMN));
  }

  findLiveByTenant(partnerId: string, tenantId: string) {
    return this.organizations.findLiveByTenant(partnerId, tenantId);
  }

  findLiveByCustomer(partnerId: string, customerId: string) {
    return this.organizations.findLiveByCustomer(partnerId, customerId);
  }

  listAuditRecords(partnerId: string, organizationId: string) {
    this.row(partnerId, organizationId);
    return this.audit.listForOrganization(partnerId, organizationId);
  }

  /** The host deleted a device: organizations backed up by it need another Default device. */
  markDeviceMissing(partnerId: string, deviceId: string): string[] {
    const affected = this.organizations.liveUsingDevice(partnerId, deviceId);
    const now = new Date();
    const message = 'The Default device was removed from the portal. Pick another Default device in Settings.';
    this.transactions.run(() => {
      for (const row of affected) {
        this.organizations.update(row.id, {
          status: row.status === 'connected' ? 'needs_attention' : row.status,
          attentionReason: 'default_device_missing',
          attentionMessage: message,
          attentionSince: now,
        });
        const ref = { organizationId: row.id, customerId: row.customerId, tenantId: row.tenantId };
        this.events.emit(partnerId, 'device.default_missing', { ...ref, deviceId }, row.id);
        this.events.emit(partnerId, 'organization.needs_attention', { ...ref, reason: 'default_device_missing', message }, row.id);
      }
    });
    return affected.map((row) => row.id);
  }

  clearDeviceMissing(partnerId: string, deviceId: string): void {
    for (const row of this.organizations.liveUsingDevice(partnerId, deviceId)) {
      if (row.attentionReason === 'default_device_missing') this.organizations.update(row.id, NO_ATTENTION);
    }
  }

  /** Lifecycle transitions, driven by the onboarding and sync features. */
  create(values: NewOrganization & { status: OrganizationStatus }): void {
    this.organizations.insert(values);
  }

  update(organizationId: string, values: Parameters<OrganizationRepository['update']>[1]): void {
    this.organizations.update(organizationId, values);
  }

  discard(organizationId: string): void {
    this.organizations.delete(organizationId);
  }

  /** Organizations (with a credential) that this backup device backs up. */
  listAssignedTo(partnerId: string, deviceId: string): Organization[] {
    return this.organizations.viewsForDevice(partnerId, deviceId).map(toOrganization);
  }

  /** Unscoped: live organizations whose certificate expires before `before` (host warnings). */
  certificatesExpiringBefore(before: Date): OrganizationRow[] {
    return this.organizations.withCertificateExpiringBefore(before);
  }

  /** Unscoped read for background work that got the id from a partner-scoped row. */
  byId(organizationId: string): OrganizationRow | undefined {
    return this.organizations.getById(organizationId);
  }
}

const NO_ATTENTION = { attentionReason: null, attentionMessage: null, attentionSince: null, status: 'connected' } as const;

function notFound(organizationId: string): DomainError {
  return new DomainError('ORGANIZATION_NOT_FOUND', `Organization ${organizationId} was not found.`, { organizationId });
}
