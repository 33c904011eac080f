import { Injectable } from '@nestjs/common';
import type { CustomerStatus, Organization } from '@m365/contracts';
import { CustomersService } from '../customers/customers.service.js';
import { OnboardingService } from '../onboarding/onboarding.service.js';
import { OrganizationsService } from '../organizations/organizations.service.js';

/** What the host's dashboards show per customer: its organization, its latest onboarding, licensed users. */
@Injectable()
export class CustomerStatusService {
  constructor(
    private readonly customers: CustomersService,
    private readonly organizations: OrganizationsService,
    private readonly onboarding: OnboardingService,
  ) {}

  /** Reading one customer's status counts as watching its sign-in code, which keeps it renewed. */
  get(partnerId: string, customerId: string): CustomerStatus {
    this.customers.get(partnerId, customerId);
    return this.status(partnerId, customerId, true);
  }

  list(partnerId: string): CustomerStatus[] {
    return this.customers.list(partnerId, {}).map((customer) => this.status(partnerId, customer.id, false));
  }

  private status(partnerId: string, customerId: string, watch: boolean): CustomerStatus {
    const organization = this.organization(partnerId, customerId);
    let latest = this.onboarding.list(partnerId, { customerId })[0];
    if (latest && watch && latest.status === 'awaiting_sign_in') latest = this.onboarding.get(partnerId, latest.id);
    return {
      customerId,
      organizationId: organization?.id ?? null,
      organizationStatus: organization?.status ?? null,
      onboarding: latest ? { id: latest.id, status: latest.status, signIn: latest.signIn } : null,
      usersLicensed: organization?.licensedCount ?? 0,
      lastSyncAt: organization?.lastSync?.at ?? null,
    };
  }

  /** The live organization, or else the most recently disconnected one. */
  private organization(partnerId: string, customerId: string): Organization | undefined {
    const live = this.organizations.findLiveByCustomer(partnerId, customerId);
    if (live) return this.organizations.get(partnerId, live.id);
    const { items } = this.organizations.list(partnerId, { customerId, status: 'disconnected', limit: 100 });
    return items.sort((a, b) => (b.disconnectedAt ?? '').localeCompare(a.disconnectedAt ?? ''))[0];
  }
}
