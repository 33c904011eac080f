import { Inject, Injectable } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import { DATABASE, type Database } from '../../db/db.provider.js';
import { shareLink, type ShareLinkRow } from '../../db/schema/index.js';

export type { ShareLinkRow };

@Injectable()
export class ShareLinkRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  insert(values: ShareLinkRow): void {
    this.db.insert(shareLink).values(values).run();
  }

  byTokenHash(tokenHash: string): ShareLinkRow | undefined {
    return this.db.select().from(shareLink).where(eq(shareLink.tokenHash, tokenHash)).get();
  }
}
