import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuditRecord } from '@m365/contracts';
import type { AuditRecordRow } from './audit.repository.js';
import { AuditRepository, type NewAuditRecord } from './audit.repository.js';

type Entry = Omit<NewAuditRecord, 'id'>;

/** Who did what to which tenant, kept after disconnects; never holds secrets. */
@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  record(entry: Entry): void {
    this.audit.insert({ id: randomUUID(), ...entry });
  }

  updateOnboarding(onboardingId: string, values: Parameters<AuditRepository['updateByOnboarding']>[1]): void {
    this.audit.updateByOnboarding(onboardingId, values);
  }

  listForOrganization(partnerId: string, organizationId: string): AuditRecord[] {
    return this.audit.listForOrganization(partnerId, organizationId).map(toAuditRecord);
  }
}

function toAuditRecord(row: AuditRecordRow): AuditRecord {
  return {
    id: row.id,
    kind: row.kind,
    organizationId: row.organizationId,
    customerId: row.customerId,
    technicianId: row.technicianId,
    consentedBy: row.consentedBy,
    tenantId: row.tenantId,
    tenantName: row.tenantName,
    applicationId: row.applicationId,
    permissionsGranted: row.permissionsGranted,
    certificate:
      row.certificateThumbprint && row.certificateExpiresAt
        ? { thumbprintSha256: row.certificateThumbprint, expiresAt: row.certificateExpiresAt.toISOString() }
        : null,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    outcome: row.outcome,
    details: row.details,
  };
}
