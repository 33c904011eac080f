import { Inject, Injectable } from '@nestjs/common';
import { eq, sql } from 'drizzle-orm';
import { DATABASE, type Database } from '../../db/db.provider.js';
import { partner } from '../../db/schema/index.js';

@Injectable()
export class PartnerRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  ensure(id: string): void {
    this.db.insert(partner).values({ id }).onConflictDoNothing().run();
  }

  get(id: string) {
    return this.db.select().from(partner).where(eq(partner.id, id)).get();
  }

  setSeatPool(id: string, total: number): void {
    this.db
      .insert(partner)
      .values({ id, seatPoolTotal: total })
      .onConflictDoUpdate({ target: partner.id, set: { seatPoolTotal: total, updatedAt: sql`excluded.updated_at` } })
      .run();
  }
}
