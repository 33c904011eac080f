import { Injectable } from '@nestjs/common';
import type { Customer } from '@m365/contracts';
import { DomainError } from '../../common/errors/domain-error.js';
import { CustomerRepository, type CustomerRow } from './customer.repository.js';

@Injectable()
export class CustomersService {
  constructor(private readonly customers: CustomerRepository) {}

  list(partnerId: string, query: { search?: string; connectable?: boolean }): Customer[] {
    const search = query.search?.toLowerCase();
    return this.customers
      .listWithConnections(partnerId)
      .map((row) => ({
        id: row.customer.id,
        name: row.customer.name,
        domains: row.customer.domains,
        organizationId: row.organizationId ?? null,
        organizationStatus: row.organizationStatus ?? null,
        activeOnboardingId: row.activeOnboardingId ?? null,
      }))
      .filter((item) => !search || item.name.toLowerCase().includes(search) || item.domains.some((domain) => domain.includes(search)))
      .filter((item) => query.connectable === undefined || (item.organizationId === null && item.activeOnboardingId === null) === query.connectable);
  }

  find(partnerId: string, customerId: string): CustomerRow | undefined {
    return this.customers.get(partnerId, customerId);
  }

  get(partnerId: string, customerId: string): CustomerRow {
    const found = this.customers.get(partnerId, customerId);
    if (!found) throw new DomainError('CUSTOMER_NOT_FOUND', `Customer ${customerId} is not known; the host portal has not sent it yet.`, { customerId });
    return found;
  }

  upsert(partnerId: string, customerId: string, values: { name: string; domains: string[] }): void {
    this.customers.upsert(partnerId, customerId, values);
  }

  delete(partnerId: string, customerId: string): void {
    const connected = this.list(partnerId, {}).find((item) => item.id === customerId);
    if (connected?.organizationId || connected?.activeOnboardingId) {
      throw new DomainError(
        'CUSTOMER_ALREADY_CONNECTED',
        'This customer has a Microsoft 365 organization or an onboarding in progress; disconnect or cancel it first.',
        { customerId },
      );
    }
    this.customers.delete(partnerId, customerId);
  }
}
