import { Inject, Injectable } from '@nestjs/common';
import { and, asc, desc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { ACTIVE_ONBOARDING_STATUSES, type OnboardingStatus } from '@m365/contracts';
import { DATABASE, type Database } from '../../db/db.provider.js';
import { onboarding, onboardingBatch, type OnboardingBatchRow, type OnboardingRow } from '../../db/schema/index.js';

export type { OnboardingBatchRow, OnboardingRow };
export type OnboardingPatch = Partial<Omit<OnboardingRow, 'id' | 'partnerId' | 'createdAt'>>;
export type NewOnboarding = typeof onboarding.$inferInsert;

const RUNNABLE: OnboardingStatus[] = ['awaiting_sign_in', 'queued', 'configuring'];

@Injectable()
export class OnboardingRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  get(partnerId: string, id: string): OnboardingRow | undefined {
    return this.db.select().from(onboarding).where(and(eq(onboarding.partnerId, partnerId), eq(onboarding.id, id))).get();
  }

  /** Unscoped: the engine works on ids it took from the due list. */
  getById(id: string): OnboardingRow | undefined {
    return this.db.select().from(onboarding).where(eq(onboarding.id, id)).get();
  }

  list(partnerId: string, filter: { customerId?: string; batchId?: string; active?: boolean }): OnboardingRow[] {
    const conditions = [eq(onboarding.partnerId, partnerId)];
    if (filter.customerId) conditions.push(eq(onboarding.customerId, filter.customerId));
    if (filter.batchId) conditions.push(eq(onboarding.batchId, filter.batchId));
    if (filter.active === true) conditions.push(inArray(onboarding.status, [...ACTIVE_ONBOARDING_STATUSES]));
    if (filter.active === false) conditions.push(sql`${onboarding.status} not in ('awaiting_sign_in', 'awaiting_confirmation', 'queued', 'configuring')`);
    return this.db.select().from(onboarding).where(and(...conditions)).orderBy(desc(onboarding.createdAt)).limit(500).all();
  }

  activeForCustomer(partnerId: string, customerId: string): OnboardingRow | undefined {
    return this.db
      .select()
      .from(onboarding)
      .where(and(eq(onboarding.partnerId, partnerId), eq(onboarding.customerId, customerId), inArray(onboarding.status, [...ACTIVE_ONBOARDING_STATUSES])))
      .get();
  }

  insert(values: NewOnboarding): void {
    this.db.insert(onboarding).values(values).run();
  }

  update(id: string, values: OnboardingPatch): OnboardingRow {
    return this.db.update(onboarding).set(values).where(eq(onboarding.id, id)).returning().get();
  }

  /** Ids whose next action is due and that nobody holds, oldest first. */
  due(now: Date, limit: number): string[] {
    return this.db
      .select({ id: onboarding.id })
      .from(onboarding)
      .where(
        and(
          inArray(onboarding.status, RUNNABLE),
          lte(onboarding.nextRunAt, now),
          or(isNull(onboarding.leaseUntil), lt(onboarding.leaseUntil, now)),
        ),
      )
      .orderBy(asc(onboarding.nextRunAt))
      .limit(limit)
      .all()
      .map((row) => row.id);
  }

  /** Takes the lease if it is free or expired; returns the row when this caller now holds it. */
  acquireLease(id: string, owner: string, now: Date, until: Date): OnboardingRow | undefined {
    return this.db
      .update(onboarding)
      .set({ leaseOwner: owner, leaseUntil: until })
      .where(and(eq(onboarding.id, id), or(isNull(onboarding.leaseUntil), lt(onboarding.leaseUntil, now), eq(onboarding.leaseOwner, owner))))
      .returning()
      .get();
  }

  releaseLease(id: string, owner: string): void {
    this.db
      .update(onboarding)
      .set({ leaseOwner: null, leaseUntil: null })
      .where(and(eq(onboarding.id, id), eq(onboarding.leaseOwner, owner)))
      .run();
  }

  /** One process owns an embedded SQLite file, so leases left by a previous (crashed) run are void. */
  releaseAllLeases(): number {
    return this.db.update(onboarding).set({ leaseOwner: null, leaseUntil: null }).where(sql`${onboarding.leaseUntil} is not null`).run().changes;
  }

  countConfiguring(): number {
    return this.db.select({ count: sql<number>`count(*)` }).from(onboarding).where(eq(onboarding.status, 'configuring')).get()!.count;
  }

  /** Moves the oldest queued onboardings into the free configuration slots. */
  promoteQueued(slots: number, now: Date): number {
    if (slots <= 0) return 0;
    const ids = this.db
      .select({ id: onboarding.id })
      .from(onboarding)
      .where(eq(onboarding.status, 'queued'))
      .orderBy(asc(onboarding.updatedAt))
      .limit(slots)
      .all()
      .map((row) => row.id);
    if (ids.length === 0) return 0;
    return this.db.update(onboarding).set({ status: 'configuring', nextRunAt: now }).where(inArray(onboarding.id, ids)).run().changes;
  }

  /** Failed onboardings still holding a delegated token past the retention window lose it. */
  expireStaleTokens(before: Date): number {
    return this.db
      .update(onboarding)
      .set({ accessTokenEnc: null, refreshTokenEnc: null, accessTokenExpiresAt: null })
      .where(and(eq(onboarding.status, 'failed'), lt(onboarding.updatedAt, before), sql`${onboarding.accessTokenEnc} is not null`))
      .run().changes;
  }

  insertBatch(values: typeof onboardingBatch.$inferInsert): void {
    this.db.insert(onboardingBatch).values(values).run();
  }

  updateBatch(id: string, values: Partial<Pick<OnboardingBatchRow, 'rejected'>>): void {
    this.db.update(onboardingBatch).set(values).where(eq(onboardingBatch.id, id)).run();
  }

  getBatch(partnerId: string, id: string): OnboardingBatchRow | undefined {
    return this.db.select().from(onboardingBatch).where(and(eq(onboardingBatch.partnerId, partnerId), eq(onboardingBatch.id, id))).get();
  }

  listBatches(partnerId: string): OnboardingBatchRow[] {
    return this.db.select().from(onboardingBatch).where(eq(onboardingBatch.partnerId, partnerId)).orderBy(desc(onboardingBatch.createdAt)).limit(50).all();
  }

  /**
   * Stamps the onboardings as watched now, leaving out those stamped less than `freshMs` ago: a screen
   * polling every second would otherwise write (and wait its turn for the write lock) on every read.
   */
  markWatched(rows: Pick<OnboardingRow, 'id' | 'watchedAt'>[], now: Date, freshMs: number): void {
    const ids = rows.filter((row) => !row.watchedAt || now.getTime() - row.watchedAt.getTime() >= freshMs).map((row) => row.id);
    if (ids.length) this.db.update(onboarding).set({ watchedAt: now }).where(inArray(onboarding.id, ids)).run();
  }
}
