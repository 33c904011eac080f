import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database } from '../../db/db.provider.js';
import { outboxEvent, type OutboxEventRow } from '../../db/schema/index.js';

export type { OutboxEventRow };

@Injectable()
export class OutboxRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  insert(values: typeof outboxEvent.$inferInsert): void {
    this.db.insert(outboxEvent).values(values).run();
  }
}
