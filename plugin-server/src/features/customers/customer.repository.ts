import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { DATABASE, type Database } from '../../db/db.provider.js';
import { customer, onboarding, organization } from '../../db/schema/index.js';

export type CustomerRow = typeof customer.$inferSelect;

@Injectable()
export class CustomerRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  get(partnerId: string, id: string): CustomerRow | undefined {
    return this.db.select().from(customer).where(and(eq(customer.partnerId, partnerId), eq(customer.id, id))).get();
  }

  /** Customers with their live organization and active onboarding, if any. */
  listWithConnections(partnerId: string) {
    const live = this.db
      .select({ customerId: organization.customerId, id: organization.id, status: organization.status })
      .from(organization)
      .where(and(eq(organization.partnerId, partnerId), sql`${organization.status} <> 'disconnected'`))
      .as('live');
    const active = this.db
      .select({ customerId: onboarding.customerId, id: onboarding.id })
      .from(onboarding)
      .where(and(eq(onboarding.partnerId, partnerId), inArray(onboarding.status, ['awaiting_sign_in', 'awaiting_confirmation', 'queued', 'configuring'])))
      .as('active');
    return this.db
      .select({ customer, organizationId: live.id, organizationStatus: live.status, activeOnboardingId: active.id })
      .from(customer)
      .leftJoin(live, eq(live.customerId, customer.id))
      .leftJoin(active, eq(active.customerId, customer.id))
      .where(eq(customer.partnerId, partnerId))
      .orderBy(asc(customer.name))
      .all();
  }

  upsert(partnerId: string, id: string, values: { name: string; domains: string[] }): void {
    this.db
      .insert(customer)
      .values({ partnerId, id, ...values })
      .onConflictDoUpdate({
        target: [customer.partnerId, customer.id],
        set: { name: values.name, domains: values.domains, updatedAt: sql`excluded.updated_at` },
      })
      .run();
  }

  delete(partnerId: string, id: string): boolean {
    return this.db.delete(customer).where(and(eq(customer.partnerId, partnerId), eq(customer.id, id))).run().changes > 0;
  }
}
