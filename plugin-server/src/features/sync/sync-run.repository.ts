import { Inject, Injectable } from '@nestjs/common';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { DATABASE, type Database } from '../../db/db.provider.js';
import { organization, syncRun, type OrganizationRow, type SyncRunRow } from '../../db/schema/index.js';

export type { SyncRunRow };
export type NewSyncRun = Pick<SyncRunRow, 'id' | 'organizationId' | 'partnerId' | 'kind' | 'trigger' | 'status' | 'queuedAt'>;
export type FinishedSyncRun = Pick<
  SyncRunRow,
  | 'kind' | 'trigger' | 'status' | 'finishedAt' | 'usersAdded' | 'usersChanged' | 'usersRemoved' | 'pages' | 'requests'
  | 'throttleWaits' | 'throttleWaitMs' | 'errorCode' | 'errorMessage'
>;

const p = (name: string) => sql.placeholder(name);
/** An update's SET takes no placeholder of its own: values go in raw, timestamps as milliseconds. */
const raw = (name: string) => sql`${sql.placeholder(name)}`;

/**
 * Sync runs, and the due organizations they come from. The statements the scheduler runs for every
 * sync are prepared once: with hundreds of organizations they run tens of thousands of times a day.
 */
@Injectable()
export class SyncRunRepository {
  private readonly statements;

  constructor(@Inject(DATABASE) private readonly db: Database) {
    this.statements = {
      insert: db
        .insert(syncRun)
        .values({
          id: p('id'), organizationId: p('organizationId'), partnerId: p('partnerId'), kind: p('kind'), trigger: p('trigger'),
          status: p('status'), queuedAt: p('queuedAt'),
        })
        .returning()
        .prepare(),
      start: db.update(syncRun).set({ status: 'running', startedAt: raw('startedAt') }).where(eq(syncRun.id, p('id'))).returning().prepare(),
      finish: db
        .update(syncRun)
        .set({
          kind: raw('kind'), trigger: raw('trigger'), status: raw('status'), finishedAt: raw('finishedAt'), usersAdded: raw('usersAdded'),
          usersChanged: raw('usersChanged'), usersRemoved: raw('usersRemoved'), pages: raw('pages'), requests: raw('requests'),
          throttleWaits: raw('throttleWaits'), throttleWaitMs: raw('throttleWaitMs'), errorCode: raw('errorCode'), errorMessage: raw('errorMessage'),
        })
        .where(eq(syncRun.id, p('id')))
        .returning()
        .prepare(),
      // Read through sync_run_queued_idx: the partial index needs exactly `status = 'queued'`.
      queued: db.select().from(syncRun).where(sql`${syncRun.status} = 'queued'`).orderBy(asc(syncRun.queuedAt)).limit(p('limit')).prepare(),
      active: db
        .select()
        .from(syncRun)
        .where(and(eq(syncRun.organizationId, p('organizationId')), inArray(syncRun.status, ['queued', 'running'])))
        .limit(1)
        .prepare(),
      // Read through organization_next_sync_idx, whose condition it repeats word for word.
      due: db
        .select()
        .from(organization)
        .where(and(sql`${organization.status} in ('connected', 'needs_attention')`, sql`${organization.nextSyncAt} <= ${p('now')}`))
        .orderBy(asc(organization.nextSyncAt))
        .limit(p('limit'))
        .prepare(),
      prune: db
        .delete(syncRun)
        .where(
          and(
            eq(syncRun.organizationId, p('organizationId')),
            sql`${syncRun.id} not in (select ${syncRun.id} from ${syncRun} where ${syncRun.organizationId} = ${p('organizationId')} order by ${syncRun.queuedAt} desc limit ${p('keep')})`,
          ),
        )
        .prepare(),
    };
  }

  insert(values: NewSyncRun): SyncRunRow {
    return this.statements.insert.get(values)!;
  }

  start(id: string, startedAt: Date): SyncRunRow {
    return this.statements.start.get({ id, startedAt: startedAt.getTime() })!;
  }

  finish(id: string, values: FinishedSyncRun): SyncRunRow {
    return this.statements.finish.get({ id, ...values, finishedAt: values.finishedAt?.getTime() ?? null })!;
  }

  get(partnerId: string, id: string): SyncRunRow | undefined {
    return this.db.select().from(syncRun).where(and(eq(syncRun.partnerId, partnerId), eq(syncRun.id, id))).get();
  }

  /** Newest first. */
  list(organizationId: string, limit: number, offset: number): { items: SyncRunRow[]; total: number } {
    const where = eq(syncRun.organizationId, organizationId);
    const items = this.db.select().from(syncRun).where(where).orderBy(desc(syncRun.queuedAt), desc(syncRun.id)).limit(limit).offset(offset).all();
    const total = this.db.select({ count: sql<number>`count(*)` }).from(syncRun).where(where).get()!.count;
    return { items, total };
  }

  /** Runs asked for by a technician and not started yet, oldest first. */
  queued(limit: number): SyncRunRow[] {
    return this.statements.queued.all({ limit });
  }

  active(organizationId: string): SyncRunRow | undefined {
    return this.statements.active.get({ organizationId });
  }

  /** Runs a stopped process left running end as failed; returns their organizations. */
  failInterrupted(at: Date): string[] {
    return this.db
      .update(syncRun)
      .set({ status: 'failed', finishedAt: at, errorCode: 'INTERNAL', errorMessage: 'The server stopped during this sync; it runs again now.' })
      .where(eq(syncRun.status, 'running'))
      .returning({ organizationId: syncRun.organizationId })
      .all()
      .map((row) => row.organizationId);
  }

  /** Keeps the newest `keep` runs of an organization. */
  prune(organizationId: string, keep: number): void {
    this.statements.prune.run({ organizationId, keep });
  }

  /** Organizations whose next sync is due, earliest first. */
  due(now: Date, limit: number): OrganizationRow[] {
    return this.statements.due.all({ now: now.getTime(), limit });
  }
}
