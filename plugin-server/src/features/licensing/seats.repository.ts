import { Inject, Injectable } from '@nestjs/common';
import { and, eq, sql } from 'drizzle-orm';
import { DATABASE, type Database } from '../../db/db.provider.js';
import { tenantUser } from '../../db/schema/index.js';

@Injectable()
export class SeatsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  usedByPartner(partnerId: string): number {
    return this.db
      .select({ count: sql<number>`count(*)` })
      .from(tenantUser)
      .where(and(eq(tenantUser.partnerId, partnerId), eq(tenantUser.licensed, true)))
      .get()!.count;
  }
}
