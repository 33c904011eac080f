import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, inArray, not, or, sql, type SQL } from 'drizzle-orm';
import type { UserCounts, UserFilter } from '@m365/contracts';
import { DATABASE, type Database } from '../../db/db.provider.js';
import { eligibleUser, organization, tenantUser, type TenantUserRow } from '../../db/schema/index.js';
import type { UserCursor } from './user-cursor.util.js';

export type { TenantUserRow };
export type UserQueryFilter = Omit<UserFilter, 'deleted'> & { deleted?: boolean };

/** Position after the last user of a selection, in licensing order (first seen, UPN, id). */
export interface SelectionKey {
  firstSeenAt: Date;
  userPrincipalName: string;
  id: string;
}

const upnNoCase = sql`${tenantUser.userPrincipalName} collate nocase`;

@Injectable()
export class UsersRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** One page in (UPN case-insensitive, id) order, read through tenant_user_upn_idx. */
  page(organizationId: string, filter: UserQueryFilter, after: UserCursor | undefined, limit: number): TenantUserRow[] {
    const { search, ...rest } = filter;
    const keyset = after
      ? sql`(${upnNoCase} > ${after.userPrincipalName} or (${upnNoCase} = ${after.userPrincipalName} and ${tenantUser.id} > ${after.id}))`
      : undefined;
    const select = (prefix?: SQL) => this.db.select().from(tenantUser).where(and(this.where(organizationId, rest), prefix, keyset));
    if (!search) return select().orderBy(upnNoCase, asc(tenantUser.id)).limit(limit).all();
    // One range per index, then a sort of the matches: SQLite would otherwise walk the whole UPN index in order.
    return select(this.upnPrefix(search))
      .union(select(this.namePrefix(search)))
      .orderBy(sql`${sql.identifier('user_principal_name')} collate nocase`, sql`${sql.identifier('id')}`)
      .limit(limit)
      .all();
  }

  countMatching(organizationId: string, filter: UserQueryFilter): number {
    return this.db.select({ count: sql<number>`count(*)` }).from(tenantUser).where(this.where(organizationId, filter)).get()!.count;
  }

  counts(organizationId: string): UserCounts {
    const row = this.db
      .select({
        total: sql<number>`coalesce(sum(${tenantUser.deletedInTenant} = 0), 0)`,
        licensed: sql<number>`coalesce(sum(${tenantUser.licensed} = 1 and ${tenantUser.deletedInTenant} = 0), 0)`,
        eligible: sql<number>`coalesce(sum(${eligibleUser}), 0)`,
        eligibleUnlicensed: sql<number>`coalesce(sum(${eligibleUser} and ${tenantUser.licensed} = 0), 0)`,
        deleted: sql<number>`coalesce(sum(${tenantUser.deletedInTenant} = 1), 0)`,
      })
      .from(tenantUser)
      .where(eq(tenantUser.organizationKey, this.keyOf(organizationId)))
      .get()!;
    return {
      total: Number(row.total),
      licensed: Number(row.licensed),
      eligible: Number(row.eligible),
      eligibleUnlicensed: Number(row.eligibleUnlicensed),
      deleted: Number(row.deleted),
    };
  }

  byIds(organizationId: string, ids: string[]): TenantUserRow[] {
    if (ids.length === 0) return [];
    return this.db
      .select()
      .from(tenantUser)
      .where(and(eq(tenantUser.organizationKey, this.keyOf(organizationId)), inArray(tenantUser.id, ids)))
      .all();
  }

  /** Users matching a filter in licensing order, a chunk at a time. */
  selection(organizationId: string, filter: UserQueryFilter, after: SelectionKey | undefined, limit: number): TenantUserRow[] {
    const conditions = [this.where(organizationId, filter)];
    if (after) {
      const at = after.firstSeenAt.getTime();
      conditions.push(
        sql`(${tenantUser.firstSeenAt}, ${tenantUser.userPrincipalName}, ${tenantUser.id}) > (${at}, ${after.userPrincipalName}, ${after.id})`,
      );
    }
    return this.db
      .select()
      .from(tenantUser)
      .where(and(...conditions))
      .orderBy(asc(tenantUser.firstSeenAt), asc(tenantUser.userPrincipalName), asc(tenantUser.id))
      .limit(limit)
      .all();
  }

  /** Read first: with a subquery in its place SQLite scans the table for each side of the search's OR. */
  private keyOf(organizationId: string): number {
    return this.db.select({ key: organization.userKey }).from(organization).where(eq(organization.id, organizationId)).get()?.key ?? -1;
  }

  private where(organizationId: string, filter: UserQueryFilter): SQL {
    const conditions: SQL[] = [eq(tenantUser.organizationKey, this.keyOf(organizationId)), eq(tenantUser.deletedInTenant, filter.deleted ?? false)];
    if (filter.licensed !== undefined) conditions.push(eq(tenantUser.licensed, filter.licensed));
    if (filter.hasMailbox !== undefined) conditions.push(eq(tenantUser.hasMailbox, filter.hasMailbox));
    if (filter.hasOneDrive !== undefined) conditions.push(eq(tenantUser.hasOneDrive, filter.hasOneDrive));
    if (filter.userType !== undefined) conditions.push(eq(tenantUser.userType, filter.userType));
    if (filter.eligible !== undefined) conditions.push(filter.eligible ? eligibleUser : not(eligibleUser));
    if (filter.search) conditions.push(or(this.upnPrefix(filter.search), this.namePrefix(filter.search))!);
    return and(...conditions)!;
  }

  /** Ranges rather than LIKE: each reads its case-insensitive index. */
  private upnPrefix(prefix: string): SQL {
    return sql`(${upnNoCase} >= ${prefix} and ${upnNoCase} < ${`${prefix}\u{10FFFF}`})`;
  }

  private namePrefix(prefix: string): SQL {
    return sql`(${tenantUser.displayName} collate nocase >= ${prefix} and ${tenantUser.displayName} collate nocase < ${`${prefix}\u{10FFFF}`})`;
  }
}
