import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import type { OrganizationStatus } from '@m365/contracts';
import { DATABASE, type Database } from '../../db/db.provider.js';
import { customer, device, nextUserKey, organization, organizationKeyOf, tenantUser, type OrganizationRow } from '../../db/schema/index.js';

export type { OrganizationRow };
export type OrganizationView = OrganizationRow & {
  customerName: string;
  defaultDeviceName: string | null;
  userCount: number;
  licensedCount: number;
};
export type NewOrganization = Pick<
  OrganizationRow,
  'id' | 'partnerId' | 'customerId' | 'onboardingId' | 'applicationName' | 'licenseMode' | 'defaultDeviceId' | 'syncIntervalMinutes'
>;

@Injectable()
export class OrganizationRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  get(partnerId: string, id: string): OrganizationRow | undefined {
    return this.db.select().from(organization).where(and(eq(organization.partnerId, partnerId), eq(organization.id, id))).get();
  }

  /** Unscoped: only for background work that already holds the id from a scoped row. */
  getById(id: string): OrganizationRow | undefined {
    return this.db.select().from(organization).where(eq(organization.id, id)).get();
  }

  findLiveByTenant(partnerId: string, tenantId: string): (OrganizationRow & { customerName: string }) | undefined {
    const row = this.db
      .select({ organization, customerName: customer.name })
      .from(organization)
      .innerJoin(customer, and(eq(customer.partnerId, organization.partnerId), eq(customer.id, organization.customerId)))
      .where(and(eq(organization.partnerId, partnerId), eq(organization.tenantId, tenantId), sql`${organization.status} <> 'disconnected'`))
      .get();
    return row ? { ...row.organization, customerName: row.customerName } : undefined;
  }

  findLiveByCustomer(partnerId: string, customerId: string): OrganizationRow | undefined {
    return this.db
      .select()
      .from(organization)
      .where(and(eq(organization.partnerId, partnerId), eq(organization.customerId, customerId), sql`${organization.status} <> 'disconnected'`))
      .get();
  }

  liveUsingDevice(partnerId: string, deviceId: string): OrganizationRow[] {
    return this.db
      .select()
      .from(organization)
      .where(and(eq(organization.partnerId, partnerId), eq(organization.defaultDeviceId, deviceId), sql`${organization.status} <> 'disconnected'`))
      .all();
  }

  /** Organizations with a credential whose Default device is this one. */
  viewsForDevice(partnerId: string, deviceId: string): OrganizationView[] {
    const where = and(
      eq(organization.partnerId, partnerId),
      eq(organization.defaultDeviceId, deviceId),
      sql`${organization.status} in ('connected', 'needs_attention')`,
    )!;
    return this.views(where, 1000, 0);
  }

  /** Unscoped, for the scheduler that warns hosts: live organizations whose certificate expires before `before`. */
  withCertificateExpiringBefore(before: Date): OrganizationRow[] {
    return this.db
      .select()
      .from(organization)
      .where(
        and(
          sql`${organization.status} in ('connected', 'needs_attention')`,
          sql`${organization.certificateThumbprint} is not null`,
          lt(organization.certificateExpiresAt, before),
        ),
      )
      .all();
  }

  view(partnerId: string, id: string): OrganizationView | undefined {
    return this.views(and(eq(organization.partnerId, partnerId), eq(organization.id, id))!, 1, 0)[0];
  }

  list(
    partnerId: string,
    filter: { search?: string; status?: OrganizationStatus; customerId?: string },
    limit: number,
    offset: number,
  ): { items: OrganizationView[]; total: number } {
    const conditions: SQL[] = [eq(organization.partnerId, partnerId)];
    if (filter.status) conditions.push(eq(organization.status, filter.status));
    else conditions.push(sql`${organization.status} <> 'disconnected'`);
    if (filter.customerId) conditions.push(eq(organization.customerId, filter.customerId));
    if (filter.search) {
      const pattern = `%${filter.search.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      conditions.push(
        or(
          sql`${customer.name} like ${pattern} escape '\\'`,
          sql`${organization.tenantName} like ${pattern} escape '\\'`,
          sql`${organization.primaryDomain} like ${pattern} escape '\\'`,
        )!,
      );
    }
    const where = and(...conditions)!;
    const total = this.db
      .select({ count: sql<number>`count(*)` })
      .from(organization)
      .innerJoin(customer, and(eq(customer.partnerId, organization.partnerId), eq(customer.id, organization.customerId)))
      .where(where)
      .get()!.count;
    return { items: this.views(where, limit, offset), total };
  }

  insert(values: NewOrganization & { status: OrganizationStatus }): void {
    this.db.insert(organization).values({ ...values, userKey: nextUserKey }).run();
  }

  update(id: string, values: Partial<Omit<OrganizationRow, 'id' | 'partnerId' | 'createdAt'>>): void {
    this.db.update(organization).set(values).where(eq(organization.id, id)).run();
  }

  delete(id: string): void {
    this.db.delete(tenantUser).where(eq(tenantUser.organizationKey, organizationKeyOf(id))).run();
    this.db.delete(organization).where(eq(organization.id, id)).run();
  }

  private views(where: SQL, limit: number, offset: number): OrganizationView[] {
    // Correlated counts use the tenant_user primary key (organization key first), one range per row.
    return this.db
      .select({
        organization,
        customerName: customer.name,
        defaultDeviceName: device.name,
        userCount: sql<number>`(select count(*) from ${tenantUser} where ${tenantUser.organizationKey} = ${organization.userKey} and ${tenantUser.deletedInTenant} = 0)`,
        licensedCount: sql<number>`(select count(*) from ${tenantUser} where ${tenantUser.organizationKey} = ${organization.userKey} and ${tenantUser.licensed} = 1)`,
      })
      .from(organization)
      .innerJoin(customer, and(eq(customer.partnerId, organization.partnerId), eq(customer.id, organization.customerId)))
      .leftJoin(device, and(eq(device.partnerId, organization.partnerId), eq(device.id, organization.defaultDeviceId)))
      .where(where)
      .orderBy(asc(customer.name), asc(organization.id))
      .limit(limit)
      .offset(offset)
      .all()
      .map((row) => ({
        ...row.organization,
        customerName: row.customerName,
        defaultDeviceName: row.defaultDeviceName,
        userCount: Number(row.userCount),
        licensedCount: Number(row.licensedCount),
      }));
  }
}

