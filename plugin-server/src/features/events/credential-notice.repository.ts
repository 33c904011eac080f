import { Inject, Injectable } from '@nestjs/common';
import { and, eq } from 'drizzle-orm';
import { DATABASE, type Database } from '../../db/db.provider.js';
import { credentialNotice } from '../../db/schema/index.js';

@Injectable()
export class CredentialNoticeRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  exists(organizationId: string, thumbprint: string): boolean {
    return (
      this.db
        .select({ organizationId: credentialNotice.organizationId })
        .from(credentialNotice)
        .where(and(eq(credentialNotice.organizationId, organizationId), eq(credentialNotice.thumbprint, thumbprint)))
        .get() !== undefined
    );
  }

  insert(values: typeof credentialNotice.$inferInsert): void {
    this.db.insert(credentialNotice).values(values).run();
  }
}
