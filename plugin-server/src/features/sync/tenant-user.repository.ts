import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, sql } from 'drizzle-orm';
import { DATABASE, type Database } from '../../db/db.provider.js';
import { tenantUser, type TenantUserRow } from '../../db/schema/index.js';

export type { TenantUserRow };
export type SyncedUser = Pick<
  TenantUserRow,
  'id' | 'userPrincipalName' | 'displayName' | 'mail' | 'accountEnabled' | 'userType' | 'hasMailbox' | 'hasOneDrive' | 'isSharedMailbox'
>;

@Injectable()
export class TenantUserRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Inserts or refreshes one page of users in a single transaction. */
  upsertPage(organizationId: string, partnerId: string, users: SyncedUser[], seenAt: Date): void {
    if (users.length === 0) return;
    this.db.transaction((tx) => {
      for (const user of users) {
        tx.insert(tenantUser)
          .values({ ...user, organizationId, partnerId, firstSeenAt: seenAt, lastSeenAt: seenAt })
          .onConflictDoUpdate({
            target: [tenantUser.organizationId, tenantUser.id],
            set: { ...user, lastSeenAt: seenAt, deletedInTenant: false },
          })
          .run();
      }
    });
  }

  eligibleUnlicensed(organizationId: string): TenantUserRow[] {
    return this.db
      .select()
      .from(tenantUser)
      .where(
        and(
          eq(tenantUser.organizationId, organizationId),
          eq(tenantUser.licensed, false),
          eq(tenantUser.deletedInTenant, false),
          eq(tenantUser.userType, 'member'),
          sql`(${tenantUser.hasMailbox} = 1 or ${tenantUser.hasOneDrive} = 1)`,
        ),
      )
      .orderBy(asc(tenantUser.userPrincipalName))
      .all();
  }

  license(organizationId: string, ids: string[], at: Date): void {
    this.db.transaction((tx) => {
      for (const id of ids) {
        tx.update(tenantUser)
          .set({ licensed: true, licensedAt: at, unlicensedReason: null })
          .where(and(eq(tenantUser.organizationId, organizationId), eq(tenantUser.id, id)))
          .run();
      }
    });
  }

  markUnlicensed(organizationId: string, ids: string[], reason: 'no_seats_left'): void {
    this.db.transaction((tx) => {
      for (const id of ids) {
        tx.update(tenantUser).set({ unlicensedReason: reason }).where(and(eq(tenantUser.organizationId, organizationId), eq(tenantUser.id, id))).run();
      }
    });
  }

  countLicensedForPartner(partnerId: string): number {
    return this.db
      .select({ count: sql<number>`count(*)` })
      .from(tenantUser)
      .where(and(eq(tenantUser.partnerId, partnerId), eq(tenantUser.licensed, true)))
      .get()!.count;
  }

  counts(organizationId: string): { users: number; licensed: number } {
    const row = this.db
      .select({ users: sql<number>`count(*)`, licensed: sql<number>`coalesce(sum(${tenantUser.licensed}), 0)` })
      .from(tenantUser)
      .where(and(eq(tenantUser.organizationId, organizationId), eq(tenantUser.deletedInTenant, false)))
      .get()!;
    return { users: Number(row.users), licensed: Number(row.licensed) };
  }
}
