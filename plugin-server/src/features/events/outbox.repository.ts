import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, lte, sql } from 'drizzle-orm';
import { DATABASE, type Database } from '../../db/db.provider.js';
import { outboxEvent, type OutboxEventRow } from '../../db/schema/index.js';

export type { OutboxEventRow };
export type DeliveryStatus = OutboxEventRow['status'];

/** No earlier event of the same lane (partner + organization, or the partner alone) is still pending. */
const isLaneHead = sql`not exists (
  select 1 from ${outboxEvent} as earlier
  where earlier.status = 'pending'
    and earlier.partner_id = ${outboxEvent.partnerId}
    and earlier.organization_id is ${outboxEvent.organizationId}
    and earlier.sequence < ${outboxEvent.sequence}
)`;

@Injectable()
export class OutboxRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  insert(values: typeof outboxEvent.$inferInsert): void {
    this.db.insert(outboxEvent).values(values).run();
  }

  /** The first pending event of each lane, when it is due; oldest first. */
  dueLaneHeads(now: Date, limit: number): OutboxEventRow[] {
    return this.db
      .select()
      .from(outboxEvent)
      .where(and(eq(outboxEvent.status, 'pending'), lte(outboxEvent.nextAttemptAt, now), isLaneHead))
      .orderBy(outboxEvent.sequence)
      .limit(limit)
      .all();
  }

  /** The lane's first pending event if it is due. */
  dueHeadOf(partnerId: string, organizationId: string | null, now: Date): OutboxEventRow | undefined {
    return this.db
      .select()
      .from(outboxEvent)
      .where(
        and(
          eq(outboxEvent.status, 'pending'),
          eq(outboxEvent.partnerId, partnerId),
          sql`${outboxEvent.organizationId} is ${organizationId}`,
          lte(outboxEvent.nextAttemptAt, now),
          isLaneHead,
        ),
      )
      .orderBy(outboxEvent.sequence)
      .limit(1)
      .get();
  }

  markDelivered(id: string, attempts: number, at: Date): void {
    this.db.update(outboxEvent).set({ status: 'delivered', attempts, deliveredAt: at, nextAttemptAt: null, lastError: null }).where(eq(outboxEvent.id, id)).run();
  }

  markAttemptFailed(id: string, attempts: number, lastError: string, nextAttemptAt: Date | null): void {
    this.db
      .update(outboxEvent)
      .set({ attempts, lastError, nextAttemptAt, status: nextAttemptAt ? 'pending' : 'failed' })
      .where(eq(outboxEvent.id, id))
      .run();
  }

  page(partnerId: string, status: DeliveryStatus | undefined, limit: number, offset: number): { items: OutboxEventRow[]; total: number } {
    const where = and(eq(outboxEvent.partnerId, partnerId), status ? eq(outboxEvent.status, status) : undefined);
    const total = this.db.select({ count: sql<number>`count(*)` }).from(outboxEvent).where(where).get()!.count;
    const items = this.db.select().from(outboxEvent).where(where).orderBy(desc(outboxEvent.sequence)).limit(limit).offset(offset).all();
    return { items, total: Number(total) };
  }
}
