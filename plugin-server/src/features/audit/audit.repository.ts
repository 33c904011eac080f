import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq } from 'drizzle-orm';
import { DATABASE, type Database } from '../../db/db.provider.js';
import { auditRecord, type AuditRecordRow } from '../../db/schema/index.js';

export type { AuditRecordRow };
export type NewAuditRecord = Omit<AuditRecordRow, 'createdAt' | 'updatedAt' | 'permissionsGranted' | 'details'> &
  Partial<Pick<AuditRecordRow, 'permissionsGranted' | 'details'>>;

@Injectable()
export class AuditRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  insert(values: NewAuditRecord): void {
    this.db.insert(auditRecord).values(values).run();
  }

  /** Each onboarding (connecting or removing) has exactly one audit record, kept up to date. */
  updateByOnboarding(onboardingId: string, values: Partial<Omit<AuditRecordRow, 'id' | 'partnerId' | 'kind'>>): void {
    this.db.update(auditRecord).set(values).where(eq(auditRecord.onboardingId, onboardingId)).run();
  }

  listForOrganization(partnerId: string, organizationId: string): AuditRecordRow[] {
    return this.db
      .select()
      .from(auditRecord)
      .where(and(eq(auditRecord.partnerId, partnerId), eq(auditRecord.organizationId, organizationId)))
      .orderBy(desc(auditRecord.startedAt))
      .all();
  }
}
