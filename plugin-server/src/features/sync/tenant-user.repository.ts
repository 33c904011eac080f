import { Inject, Injectable } from '@nestjs/common';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Statement } from 'better-sqlite3';
import { BULK_WRITER, type BulkWriter } from '../../db/bulk-writer.js';
import { DATABASE, type Database } from '../../db/db.provider.js';
import { awaitingMailboxLookup, eligibleUser, organizationKeyOf, tenantUser, type OrganizationRow } from '../../db/schema/index.js';
import { mailboxRuledOut, needsMailboxLookup, type IngestUser, type MailboxFacts } from './graph-user.util.js';

export interface RemovedUser {
  id: string;
  userPrincipalName: string;
  licensed: boolean;
}

/** Whose users a page writes: the organization's row key and its partner. */
export type UserOwner = Pick<OrganizationRow, 'userKey' | 'partnerId'>;

export interface UpsertResult {
  added: string[];
  changed: string[];
  pending: string[];
}

const PENDING = 1;
const ADDED = 2;
const CHANGED_NOW = 4;

export interface RunCounts {
  added: number;
  changed: number;
  removed: number;
}

export interface UserSummary {
  users: number;
  licensed: number;
  eligibleUnlicensed: number;
}

const CHANGED = [
  'user_principal_name', 'display_name', 'mail', 'account_enabled', 'user_type', 'has_exchange_plan', 'has_one_drive', 'deleted_in_tenant',
].map((column) => column === 'deleted_in_tenant' ? 'tenant_user.deleted_in_tenant = 1' : `tenant_user.${column} is not excluded.${column}`).join(' or ');

/** Right after an upsert (which undeletes the row): the user's mailbox is for a lookup to settle. */
const AWAITING_LOOKUP = "mailbox_purpose_known = 0 and has_exchange_plan = 0 and user_type = 'member'";

const AWAITING_LOOKUP_OF = `select 1 from tenant_user where organization_key = ? and id = ? and ${AWAITING_LOOKUP}`;

/** Values: has mailbox, shared, the same two again, the run's time, organization id, user id, the run's time. */
const SAVE_FACTS = `update tenant_user set has_mailbox = ?, is_shared_mailbox = ?, mailbox_purpose_known = 1,
    changed_at = case when has_mailbox is not ? or is_shared_mailbox is not ? then ? else changed_at end
  where organization_key = (select user_key from organization where id = ?) and id = ?
  returning changed_at is ?`;

/** What a lookup found stands: the account had and still has an address and no Exchange plan (graph-user.util.ts). */
const LOOKUP_STANDS = 'excluded.mailbox_purpose_known = 0 and excluded.has_exchange_plan = 0 and tenant_user.has_exchange_plan = 0 and tenant_user.mail is not null';

// mailbox_purpose_known comes in as 1 for an account without plan and address (no mailbox, nothing to ask), else 0.
const UPSERT = `insert into tenant_user (organization_key, id, partner_id, user_principal_name, display_name, mail, account_enabled, user_type,
    has_exchange_plan, has_mailbox, mailbox_purpose_known, has_one_drive, first_seen_at, last_seen_at, changed_at)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  on conflict (organization_key, id) do update set
    user_principal_name = excluded.user_principal_name, display_name = excluded.display_name, mail = excluded.mail,
    account_enabled = excluded.account_enabled, user_type = excluded.user_type, has_one_drive = excluded.has_one_drive,
    has_exchange_plan = excluded.has_exchange_plan,
    has_mailbox = case when excluded.has_exchange_plan = 1 then 1
      when ${LOOKUP_STANDS} and tenant_user.mailbox_purpose_known = 1 then tenant_user.has_mailbox else 0 end,
    is_shared_mailbox = case when ${LOOKUP_STANDS} and tenant_user.mailbox_purpose_known = 1 then tenant_user.is_shared_mailbox else 0 end,
    mailbox_purpose_known = case when excluded.mailbox_purpose_known = 1 then 1
      when ${LOOKUP_STANDS} then tenant_user.mailbox_purpose_known else 0 end,
    deleted_in_tenant = 0, deleted_at = null, last_seen_at = excluded.last_seen_at,
    changed_at = case when ${CHANGED} then excluded.last_seen_at else tenant_user.changed_at end`;

/**
 * Where a sync writes what Graph said. Every write of a run stamps `last_seen_at` with the run's
 * start, and `first_seen_at` / `changed_at` / `deleted_at` when they happen, so a run's counts and
 * a full listing's set difference are read back from the table. Callers hold the transaction.
 */
@Injectable()
export class TenantUserRepository {
  private statements?: Record<'upsert' | 'remove', Statement>;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(BULK_WRITER) private readonly writer: BulkWriter,
  ) {}

  /** What the page did: users added, users changed, and users whose mailbox a lookup must settle (graph-user.util.ts). */
  upsert(organization: UserOwner, users: IngestUser[], seenAt: Date): UpsertResult {
    const { upsert } = this.prepared();
    const seen = seenAt.getTime();
    const result: UpsertResult = { added: [], changed: [], pending: [] };
    for (const user of users) {
      // One integer back per row, not an object.
      const flags = upsert.get(upsertValues(organization, user, seen)) as number;
      if (flags & PENDING) result.pending.push(user.id);
      if (flags & ADDED) result.added.push(user.id);
      else if (flags & CHANGED_NOW) result.changed.push(user.id);
    }
    return result;
  }

  /**
   * A page of a full listing, whose counts are read back afterwards (runCounts): the same write as
   * `upsert` without a row back for each user, which cost a third of the write, made in one transaction
   * by the bulk writer (on its own thread when there is a database file). Resolves to the users a
   * mailbox lookup must settle, asked in that transaction of the few whose plans do not tell. Rows go
   * in primary-key order: the page's inserts then walk the key's index pages in order instead of at random.
   */
  upsertListed(organization: UserOwner, users: IngestUser[], seenAt: Date): Promise<string[]> {
    if (users.length === 0) return Promise.resolve([]);
    const seen = seenAt.getTime();
    const unsure = users.filter(needsMailboxLookup).map((user) => user.id);
    const inKeyOrder = [...users].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    // Not async, and only ids kept for the answer: the page's users are garbage once the rows are sent.
    const written = this.writer.write([
      { sql: UPSERT, rows: inKeyOrder.map((user) => upsertValues(organization, user, seen)) },
      { sql: AWAITING_LOOKUP_OF, rows: unsure.map((id) => [organization.userKey, id]), collect: true },
    ]);
    return written.then(([, awaiting]) => unsure.filter((_, index) => awaiting![index] !== undefined));
  }

  /** `@removed` users: gone from the tenant (soft or hard deleted). Returns those it changed. */
  remove(organizationId: string, ids: string[], seenAt: Date): RemovedUser[] {
    const { remove } = this.prepared();
    const removed: RemovedUser[] = [];
    for (const id of ids) {
      const row = remove.get({ seen: seenAt.getTime(), organizationId, id }) as { id: string; upn: string; licensed: number } | undefined;
      if (row) removed.push({ id: row.id, userPrincipalName: row.upn, licensed: row.licensed === 1 });
    }
    return removed;
  }

  /** After a full listing: users the listing did not return (nor the delta after it) are gone. */
  removeUnseen(organizationId: string, seenAt: Date): RemovedUser[] {
    const seen = seenAt.getTime();
    return this.db.$client
      .prepare(
        `update tenant_user set deleted_in_tenant = 1, deleted_at = ?, changed_at = ?
         where organization_key = (select user_key from organization where id = ?) and deleted_in_tenant = 0 and last_seen_at < ?
         returning id, user_principal_name as upn, licensed`,
      )
      .all(seen, seen, organizationId, seen)
      .map((row) => {
        const { id, upn, licensed } = row as { id: string; upn: string; licensed: number };
        return { id, userPrincipalName: upn, licensed: licensed === 1 };
      });
  }

  /** Members whose plans do not tell whether they have a mailbox (see graph-user.util.ts), in id order. */
  pendingMailboxLookups(organizationId: string, afterId: string, limit: number): string[] {
    return this.db
      .select({ id: tenantUser.id })
      .from(tenantUser)
      .where(
        and(
          eq(tenantUser.organizationKey, organizationKeyOf(organizationId)),
          awaitingMailboxLookup(tenantUser),
          gt(tenantUser.id, afterId),
        ),
      )
      .orderBy(tenantUser.id)
      .limit(limit)
      .all()
      .map((row) => row.id);
  }

  /** Through the bulk writer, like a listing's pages; resolves to the ids whose mailbox facts changed. */
  async saveMailboxFacts(organizationId: string, facts: MailboxFacts[], seenAt: Date): Promise<string[]> {
    if (facts.length === 0) return [];
    const seen = seenAt.getTime();
    const rows = facts.map((fact) => {
      const [mailbox, shared] = [bit(fact.hasMailbox), bit(fact.isSharedMailbox)];
      return [mailbox, shared, mailbox, shared, seen, organizationId, fact.id, seen];
    });
    const [changed] = await this.writer.write([{ sql: SAVE_FACTS, rows, collect: true }]);
    return facts.filter((_, index) => changed![index] === 1).map((fact) => fact.id);
  }

  runCounts(organizationId: string, seenAt: Date): RunCounts {
    return this.runTotals(organizationId, seenAt).counts;
  }

  summary(organizationId: string): UserSummary {
    const row = this.db.select(SUMMARY_COLUMNS).from(tenantUser).where(eq(tenantUser.organizationKey, organizationKeyOf(organizationId))).get()!;
    return summaryOf(row);
  }

  /** A full run's counts and the organization's summary after it, in one pass over its users (each pass costs ~0.1 s at 100,000). */
  runTotals(organizationId: string, seenAt: Date): { counts: RunCounts; summary: UserSummary } {
    const seen = seenAt.getTime();
    const row = this.db
      .select({
        added: sql<number>`coalesce(sum(${tenantUser.firstSeenAt} = ${seen}), 0)`,
        changed: sql<number>`coalesce(sum(${tenantUser.changedAt} = ${seen} and ${tenantUser.firstSeenAt} <> ${seen} and ${tenantUser.deletedAt} is not ${seen}), 0)`,
        removed: sql<number>`coalesce(sum(${tenantUser.deletedAt} = ${seen}), 0)`,
        ...SUMMARY_COLUMNS,
      })
      .from(tenantUser)
      .where(eq(tenantUser.organizationKey, organizationKeyOf(organizationId)))
      .get()!;
    return {
      counts: { added: Number(row.added), changed: Number(row.changed), removed: Number(row.removed) },
      summary: summaryOf(row),
    };
  }

  /** Prepared once per process: a 100,000-user listing runs the upsert 100,000 times. */
  private prepared() {
    this.statements ??= {
      upsert: this.db.$client.prepare(
        `${UPSERT}
         returning (${AWAITING_LOOKUP}) * ${PENDING}
           + (first_seen_at = last_seen_at) * ${ADDED} + (changed_at = last_seen_at) * ${CHANGED_NOW}`,
      ).pluck(),
      remove: this.db.$client.prepare(
        `update tenant_user set deleted_in_tenant = 1, deleted_at = @seen, changed_at = @seen, last_seen_at = @seen
         where organization_key = (select user_key from organization where id = @organizationId) and id = @id and deleted_in_tenant = 0
         returning id, user_principal_name as upn, licensed`,
      ),
    };
    return this.statements;
  }
}

const bit = (value: boolean) => (value ? 1 : 0);

const SUMMARY_COLUMNS = {
  users: sql<number>`coalesce(sum(${tenantUser.deletedInTenant} = 0), 0)`,
  licensed: sql<number>`coalesce(sum(${tenantUser.licensed} = 1 and ${tenantUser.deletedInTenant} = 0), 0)`,
  eligibleUnlicensed: sql<number>`coalesce(sum(${eligibleUser} and ${tenantUser.licensed} = 0), 0)`,
};

const summaryOf = (row: UserSummary): UserSummary => ({ users: Number(row.users), licensed: Number(row.licensed), eligibleUnlicensed: Number(row.eligibleUnlicensed) });

/** The UPSERT statement's positional values for one user. */
function upsertValues(organization: UserOwner, user: IngestUser, seen: number) {
  const exchange = bit(user.hasExchangePlan);
  return [
    organization.userKey, user.id, organization.partnerId, user.userPrincipalName, user.displayName, user.mail, bit(user.accountEnabled), user.userType,
    exchange, exchange, bit(mailboxRuledOut(user)), bit(user.hasOneDrive), seen, seen, seen,
  ];
}
