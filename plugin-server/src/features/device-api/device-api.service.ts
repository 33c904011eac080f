import { Inject, Injectable } from '@nestjs/common';
import type { AssignedUser, Assignment, DeviceAccessToken, Organization, OrganizationUser, Page } from '@m365/contracts';
import { DomainError } from '../../common/errors/domain-error.js';
import { AppTokenProvider } from '../../common/identity/app-token.provider.js';
import { classify } from '../../common/retry/retry-policy.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import type { DevicePrincipal } from '../auth/principal.js';
import { DevicesService } from '../devices/devices.service.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { UsersService } from '../users/users.service.js';

/**
 * What a backup device may know: the organizations it is the Default device of, their licensed users,
 * and short-lived app-only Graph tokens for them. The certificate itself never leaves the server.
 */
@Injectable()
export class DeviceApiService {
  constructor(
    private readonly devices: DevicesService,
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
    private readonly tokens: AppTokenProvider,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  listAssignments(device: DevicePrincipal): Assignment[] {
    return this.assigned(device).map((organization) => ({
      organizationId: organization.id,
      customerId: organization.customerId,
      customerName: organization.customerName,
      tenantId: organization.tenantId!,
      tenantName: organization.tenantName ?? organization.customerName,
      licensedUsers: organization.licensedCount,
    }));
  }

  listAssignedUsers(device: DevicePrincipal, organizationId: string, page: { cursor?: string; limit: number }): Page<AssignedUser> {
    const organization = this.assignment(device, organizationId);
    const result = this.users.list(device.partnerId, organization.id, { ...page, licensed: true, deleted: false });
    return { items: result.items.map(toAssignedUser), nextCursor: result.nextCursor, total: result.total };
  }

  async createAccessToken(device: DevicePrincipal, organizationId: string): Promise<DeviceAccessToken> {
    const organization = this.assignment(device, organizationId);
    const credential = this.organizations.appCredential(this.organizations.row(device.partnerId, organization.id));
    try {
      const token = await this.tokens.acquire(credential);
      return { accessToken: token.accessToken, expiresAt: token.expiresAt.toISOString(), tenantId: credential.tenantId, graphBaseUrl: this.config.microsoft.graphUrl };
    } catch (error) {
      throw tokenError(error);
    }
  }

  /** A device the host no longer lists has no assignments, whatever its token says. */
  private assigned(device: DevicePrincipal): Organization[] {
    if (!this.devices.find(device.partnerId, device.deviceId)) return [];
    return this.organizations.listAssignedTo(device.partnerId, device.deviceId).filter((organization) => organization.tenantId);
  }

  private assignment(device: DevicePrincipal, organizationId: string): Organization {
    const organization = this.assigned(device).find((candidate) => candidate.id === organizationId);
    if (!organization) {
      throw new DomainError('ORGANIZATION_NOT_FOUND', `Organization ${organizationId} is not assigned to this device.`, { organizationId });
    }
    return organization;
  }
}

function toAssignedUser(user: OrganizationUser): AssignedUser {
  return {
    id: user.id,
    userPrincipalName: user.userPrincipalName,
    displayName: user.displayName,
    isSharedMailbox: user.isSharedMailbox,
    workloads: { mailbox: user.hasMailbox, contacts: user.hasMailbox, calendar: user.hasMailbox, oneDrive: user.hasOneDrive },
  };
}

function tokenError(error: unknown): DomainError {
  const classification = classify(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (classification.kind === 'throttled') {
    return new DomainError('GRAPH_THROTTLED', 'Microsoft asked us to slow down; ask again shortly.', { retryAfterMs: classification.retryAfterMs ?? null });
  }
  if (classification.retry) return new DomainError('GRAPH_UNAVAILABLE', `Microsoft could not issue a token right now (${detail}); ask again shortly.`);
  return new DomainError('GRAPH_REQUEST_FAILED', `Microsoft refused the organization's credential: ${detail}`);
}
