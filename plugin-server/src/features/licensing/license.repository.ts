import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, inArray, lt, not, sql } from 'drizzle-orm';
import type { Statement } from 'better-sqlite3';
import type { LicenseChange } from '@m365/contracts';
import { DATABASE, type Database } from '../../db/db.provider.js';
import { automaticCandidate, eligibleUser, licenseChange, organization, organizationKeyOf, tenantUser, type LicenseChangeRow } from '../../db/schema/index.js';

export type { LicenseChangeRow };

export interface SeatHolder {
  id: string;
  userPrincipalName: string;
}

export interface ChangeContext {
  partnerId: string;
  organizationId: string;
  reason: LicenseChange['reason'];
  actor: string;
  at: Date;
}

/** License state of tenant users and the record of every change; callers hold the transaction. */
@Injectable()
export class LicenseRepository {
  private statements?: { assign: Statement; release: Statement; record: Statement };

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /**
   * The next automatic candidates. `ordered`: in the deterministic order (first seen, then UPN, then
   * id), which costs a sort and matters only when the pool cannot take them all; otherwise index order.
   */
  candidates(organizationId: string, limit: number, ordered: boolean): SeatHolder[] {
    const order = ordered ? sql`order by ${tenantUser.firstSeenAt}, ${tenantUser.userPrincipalName}, ${tenantUser.id}` : sql``;
    return this.db.all<SeatHolder>(
      sql`select ${tenantUser.id} as id, ${tenantUser.userPrincipalName} as userPrincipalName from ${tenantUser} indexed by tenant_user_candidate_idx
          where ${tenantUser.organizationKey} = ${organizationKeyOf(organizationId)} and ${automaticCandidate} ${order} limit ${limit}`,
    );
  }

  // INDEXED BY: without statistics SQLite may walk another index of the organization instead; this reads only the candidates.
  countCandidates(organizationId: string): number {
    return this.db.get<{ count: number }>(
      sql`select count(*) as count from ${tenantUser} indexed by tenant_user_candidate_idx where ${tenantUser.organizationKey} = ${organizationKeyOf(organizationId)} and ${automaticCandidate}`,
    ).count;
  }

  /** Marks every remaining candidate as waiting for a seat; returns how many were not marked before. */
  markWaiting(organizationId: string): number {
    return this.db.run(
      sql`update ${tenantUser} indexed by tenant_user_candidate_idx set unlicensed_reason = 'no_seats_left'
          where ${tenantUser.organizationKey} = ${organizationKeyOf(organizationId)} and ${automaticCandidate} and ${tenantUser.unlicensedReason} is null`,
    ).changes;
  }

  /** The partner's organizations in automatic mode, connected, with users waiting for a seat; first connected first. */
  organizationsWaitingForSeats(partnerId: string): { id: string; partnerId: string }[] {
    return this.db.all<{ id: string; partnerId: string }>(
      sql`select ${organization.id} as id, ${organization.partnerId} as partnerId from ${organization}
          where ${organization.partnerId} = ${partnerId} and ${organization.licenseMode} = 'automatic'
            and ${organization.status} in ('connected', 'needs_attention')
            and exists (select 1 from ${tenantUser} indexed by tenant_user_candidate_idx
              where ${tenantUser.organizationKey} = ${organization.userKey} and ${automaticCandidate} and ${tenantUser.unlicensedReason} = 'no_seats_left')
          order by ${organization.connectedAt}, ${organization.id}`,
    );
  }

  /** Licensed users that are no longer eligible (guests, or neither mailbox nor OneDrive); deleted ones are released on deletion. */
  licensedIneligible(organizationId: string, limit: number, amongIds?: string[]): SeatHolder[] {
    if (amongIds?.length === 0) return [];
    return this.db
      .select({ id: tenantUser.id, userPrincipalName: tenantUser.userPrincipalName })
      .from(tenantUser)
      .where(
        and(
          eq(tenantUser.organizationKey, organizationKeyOf(organizationId)),
          amongIds ? inArray(tenantUser.id, amongIds) : undefined,
          eq(tenantUser.licensed, true),
          eq(tenantUser.deletedInTenant, false),
          not(eligibleUser),
        ),
      )
      .limit(limit)
      .all();
  }

  assign(context: ChangeContext, users: SeatHolder[]): void {
    const { assign, record } = this.prepared();
    const at = context.at.getTime();
    for (const user of users) {
      if (assign.run(at, context.organizationId, user.id).changes) record.run(this.recordValues(context, user, 'assigned'));
    }
  }

  release(context: ChangeContext, users: SeatHolder[]): void {
    const { release, record } = this.prepared();
    for (const user of users) {
      if (release.run(context.organizationId, user.id).changes) record.run(this.recordValues(context, user, 'unassigned'));
    }
  }

  changes(organizationId: string, beforeSequence: number | undefined, limit: number): LicenseChangeRow[] {
    const conditions = [eq(licenseChange.organizationId, organizationId)];
    if (beforeSequence !== undefined) conditions.push(lt(licenseChange.sequence, beforeSequence));
    return this.db
      .select()
      .from(licenseChange)
      .where(and(...conditions))
      .orderBy(desc(licenseChange.sequence))
      .limit(limit)
      .all();
  }

  countChanges(organizationId: string): number {
    return this.db.select({ count: sql<number>`count(*)` }).from(licenseChange).where(eq(licenseChange.organizationId, organizationId)).get()!.count;
  }

  private recordValues(context: ChangeContext, user: SeatHolder, action: LicenseChange['action']) {
    return [context.partnerId, context.organizationId, user.id, user.userPrincipalName, action, context.reason, context.actor, context.at.getTime()];
  }

  /** Prepared once: licensing a 100,000-user tenant runs these statements 100,000 times. */
  private prepared() {
    this.statements ??= {
      assign: this.db.$client.prepare(
        'update tenant_user set licensed = 1, licensed_at = ?, unlicensed_reason = null where organization_key = (select user_key from organization where id = ?) and id = ? and licensed = 0',
      ),
      release: this.db.$client.prepare(
        'update tenant_user set licensed = 0, licensed_at = null where organization_key = (select user_key from organization where id = ?) and id = ? and licensed = 1',
      ),
      record: this.db.$client.prepare(
        'insert into license_change (partner_id, organization_id, user_id, user_principal_name, action, reason, actor, at) values (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
    };
    return this.statements;
  }
}
