import { Inject, Injectable } from '@nestjs/common';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { DATABASE, type Database } from '../../db/db.provider.js';
import { organization, syncRun, type SyncRunRow } from '../../db/schema/index.js';

export type { SyncRunRow };
export type NewSyncRun = Pick<SyncRunRow, 'id' | 'organizationId' | 'partnerId' | 'kind' | 'trigger' | 'status' | 'queuedAt'> &
  Partial<Pick<SyncRunRow, 'startedAt'>>;
export type SyncRunPatch = Partial<Omit<SyncRunRow, 'id' | 'organizationId' | 'partnerId' | 'queuedAt'>>;

@Injectable()
export class SyncRunRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  insert(values: NewSyncRun): SyncRunRow {
    return this.db.insert(syncRun).values(values).returning().get();
  }

  update(id: string, values: SyncRunPatch): SyncRunRow {
    return this.db.update(syncRun).set(values).where(eq(syncRun.id, id)).returning().get();
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

  /** Runs asked for by a technician and not started yet, oldest first (read through sync_run_queued_idx). */
  queued(limit: number): SyncRunRow[] {
    return this.db
      .select()
      .from(syncRun)
      .where(eq(syncRun.status, 'queued'))
      .orderBy(asc(syncRun.queuedAt))
      .limit(limit)
      .all();
  }

  active(organizationId: string): SyncRunRow | undefined {
    return this.db
      .select()
      .from(syncRun)
      .where(and(eq(syncRun.organizationId, organizationId), inArray(syncRun.status, ['queued', 'running'])))
      .get();
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
    this.db
      .delete(syncRun)
      .where(
        and(
          eq(syncRun.organizationId, organizationId),
          sql`${syncRun.id} not in (select ${syncRun.id} from ${syncRun} where ${syncRun.organizationId} = ${organizationId} order by ${syncRun.queuedAt} desc limit ${keep})`,
        ),
      )
      .run();
  }

  /** Organizations whose next sync is due, earliest first, read through organization_next_sync_idx. */
  due(now: Date, limit: number): string[] {
    return this.db
      .select({ id: organization.id })
      .from(organization)
      .where(and(sql`${organization.status} in ('connected', 'needs_attention')`, sql`${organization.nextSyncAt} <= ${now.getTime()}`))
      .orderBy(asc(organization.nextSyncAt))
      .limit(limit)
      .all()
      .map((row) => row.id);
  }
}
