import { Injectable, Logger } from '@nestjs/common';
import { GraphGateway } from '../../common/graph/graph-gateway.js';
import { AppTokenProvider } from '../../common/identity/app-token.provider.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { PartnersService } from '../partners/partners.service.js';
import { TenantUserRepository, type SyncedUser } from './tenant-user.repository.js';

interface GraphUser {
  id: string;
  userPrincipalName: string;
  displayName: string | null;
  mail: string | null;
  accountEnabled: boolean | null;
  userType: string | null;
  assignedPlans?: { service: string; capabilityStatus: string }[];
}

export interface SyncSummary {
  usersFound: number;
  usersLicensed: number;
  eligibleUnlicensed: number;
}

const SELECT = 'id,userPrincipalName,displayName,mail,accountEnabled,userType,assignedPlans';

/** Reads the organization's users app-only and licenses them per the organization's mode. */
@Injectable()
export class UserSyncService {
  private readonly logger = new Logger(UserSyncService.name);

  constructor(
    private readonly organizations: OrganizationsService,
    private readonly users: TenantUserRepository,
    private readonly partners: PartnersService,
    private readonly graph: GraphGateway,
    private readonly tokens: AppTokenProvider,
  ) {}

  async firstSync(organizationId: string): Promise<SyncSummary> {
    const organization = this.organizations.byId(organizationId)!;
    const credential = this.organizations.appCredential(organization);
    const session = this.graph.session(async () => (await this.tokens.acquire(credential)).accessToken);
    const seenAt = new Date();
    let link: string | null = `/users?$select=${SELECT}&$top=999`;
    let found = 0;
    while (link) {
      const page: { value: GraphUser[]; nextLink: string | null } = await session.page<GraphUser>(link);
      this.users.upsertPage(organization.id, organization.partnerId, page.value.map(toSyncedUser), seenAt);
      found += page.value.length;
      link = page.nextLink;
    }
    if (organization.licenseMode === 'automatic') this.licenseEligible(organization.id, organization.partnerId);
    const counts = this.users.counts(organization.id);
    const eligibleUnlicensed = this.users.eligibleUnlicensed(organization.id).length;
    this.logger.log(`Organization ${organization.id}: ${found} users read, ${counts.licensed} licensed`);
    return { usersFound: found, usersLicensed: counts.licensed, eligibleUnlicensed };
  }

  private licenseEligible(organizationId: string, partnerId: string): void {
    const candidates = this.users.eligibleUnlicensed(organizationId).filter((user) => user.accountEnabled || user.isSharedMailbox);
    const available = Math.max(this.partners.seatPool(partnerId) - this.users.countLicensedForPartner(partnerId), 0);
    const granted = candidates.slice(0, available);
    this.users.license(organizationId, granted.map((user) => user.id), new Date());
    this.users.markUnlicensed(organizationId, candidates.slice(available).map((user) => user.id), 'no_seats_left');
  }
}

function toSyncedUser(user: GraphUser): SyncedUser {
  const enabled = (service: string) =>
    (user.assignedPlans ?? []).some((plan) => plan.service.toLowerCase() === service && plan.capabilityStatus === 'Enabled');
  return {
    id: user.id,
    userPrincipalName: user.userPrincipalName,
    displayName: user.displayName,
    mail: user.mail,
    accountEnabled: user.accountEnabled ?? false,
    userType: user.userType === 'Guest' ? 'guest' : 'member',
    hasMailbox: enabled('exchange'),
    hasOneDrive: enabled('sharepoint'),
    isSharedMailbox: false,
  };
}
