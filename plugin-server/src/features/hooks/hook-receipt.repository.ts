import { Inject, Injectable } from '@nestjs/common';
import { and, eq, lt } from 'drizzle-orm';
import { DATABASE, type Database } from '../../db/db.provider.js';
import { hookReceipt, type HookReceiptRow } from '../../db/schema/index.js';

@Injectable()
export class HookReceiptRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  get(partnerId: string, webhookId: string): HookReceiptRow | undefined {
    return this.db.select().from(hookReceipt).where(and(eq(hookReceipt.partnerId, partnerId), eq(hookReceipt.webhookId, webhookId))).get();
  }

  insert(row: HookReceiptRow): void {
    this.db.insert(hookReceipt).values(row).onConflictDoNothing().run();
  }

  deleteOlderThan(before: Date): number {
    return this.db.delete(hookReceipt).where(lt(hookReceipt.receivedAt, before)).run().changes;
  }
}
