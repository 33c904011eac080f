import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, sql } from 'drizzle-orm';
import { DATABASE, type Database } from '../../db/db.provider.js';
import { customer, organization, tenantUser } from '../../db/schema/index.js';

export interface OrganizationSeats {
  organizationId: string;
  customerName: string;
  used: number;
}

/** Seats are the licensed users of the partner's organizations that are not disconnected. */
@Injectable()
export class SeatsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Counted inside tenant_user_licensed_idx (partner, organization) without reading the rows. */
  usedByPartner(partnerId: string): number {
    return this.db
      .select({ count: sql<number>`count(*)` })
      .from(tenantUser)
      .where(
        and(
          eq(tenantUser.partnerId, partnerId),
          eq(tenantUser.licensed, true),
          sql`${tenantUser.organizationKey} in (select ${organization.userKey} from ${organization} where ${organization.partnerId} = ${partnerId} and ${organization.status} <> 'disconnected')`,
        ),
      )
      .get()!.count;
  }

  byOrganization(partnerId: string): OrganizationSeats[] {
    return this.db
      .select({
        organizationId: organization.id,
        customerName: customer.name,
        used: sql<number>`(select count(*) from ${tenantUser} where ${tenantUser.partnerId} = ${organization.partnerId} and ${tenantUser.organizationKey} = ${organization.userKey} and ${tenantUser.licensed} = 1)`,
      })
      .from(organization)
      .innerJoin(customer, and(eq(customer.partnerId, organization.partnerId), eq(customer.id, organization.customerId)))
      .where(and(eq(organization.partnerId, partnerId), sql`${organization.status} <> 'disconnected'`))
      .orderBy(asc(customer.name), asc(organization.id))
      .all()
      .map((row) => ({ ...row, used: Number(row.used) }));
  }
}
