import { Inject, Injectable } from '@nestjs/common';
import { and, eq, lt } from 'drizzle-orm';
import { DATABASE, type Database } from '../../db/db.provider.js';
import { hookReceipt, type HookReceiptRow } from '../../db/schema/index.js';

export type { HookReceiptRow };
export const PROCESSING = 102;

@Injectable()
export class HookReceiptRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Records the id as being processed; returns the existing receipt instead when the id is already known. */
  claim(partnerId: string, webhookId: string, requestHash: string, now: Date): HookReceiptRow | undefined {
    const inserted = this.db
      .insert(hookReceipt)
      .values({ partnerId, webhookId, requestHash, status: PROCESSING, body: null, receivedAt: now })
      .onConflictDoNothing()
      .returning()
      .get();
    return inserted ? undefined : this.get(partnerId, webhookId);
  }

  /** Takes over a claim whose processing was abandoned (a crash); true when this caller now holds it. */
  reclaim(partnerId: string, webhookId: string, staleBefore: Date, now: Date): boolean {
    return (
      this.db
        .update(hookReceipt)
        .set({ receivedAt: now })
        .where(and(this.key(partnerId, webhookId), eq(hookReceipt.status, PROCESSING), lt(hookReceipt.receivedAt, staleBefore)))
        .run().changes > 0
    );
  }

  complete(partnerId: string, webhookId: string, status: number, body: unknown): void {
    this.db.update(hookReceipt).set({ status, body: body ?? null }).where(this.key(partnerId, webhookId)).run();
  }

  /** Forgets a claim whose processing failed on our side, so the host's retry is processed afresh. */
  release(partnerId: string, webhookId: string): void {
    this.db.delete(hookReceipt).where(and(this.key(partnerId, webhookId), eq(hookReceipt.status, PROCESSING))).run();
  }

  /** One process owns the embedded database, so claims left by a previous run were never finished. */
  releaseAllProcessing(): number {
    return this.db.delete(hookReceipt).where(eq(hookReceipt.status, PROCESSING)).run().changes;
  }

  get(partnerId: string, webhookId: string): HookReceiptRow | undefined {
    return this.db.select().from(hookReceipt).where(this.key(partnerId, webhookId)).get();
  }

  deleteOlderThan(before: Date): number {
    return this.db.delete(hookReceipt).where(lt(hookReceipt.receivedAt, before)).run().changes;
  }

  private key(partnerId: string, webhookId: string) {
    return and(eq(hookReceipt.partnerId, partnerId), eq(hookReceipt.webhookId, webhookId));
  }
}
