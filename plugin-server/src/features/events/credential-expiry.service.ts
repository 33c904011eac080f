import { Injectable, Logger } from '@nestjs/common';
import { Transactions } from '../../db/transactions.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { CredentialNoticeRepository } from './credential-notice.repository.js';
import { EventsService } from './events.service.js';

export const CREDENTIAL_WARNING_DAYS = 30;

/** Tells the host, once per certificate, that an organization's credential expires within 30 days. */
@Injectable()
export class CredentialExpiryService {
  private readonly logger = new Logger(CredentialExpiryService.name);

  constructor(
    private readonly organizations: OrganizationsService,
    private readonly notices: CredentialNoticeRepository,
    private readonly events: EventsService,
    private readonly transactions: Transactions,
  ) {}

  /** Returns the ids of the events it wrote. */
  check(now = new Date()): string[] {
    const horizon = new Date(now.getTime() + CREDENTIAL_WARNING_DAYS * 24 * 3600_000);
    const written: string[] = [];
    for (const row of this.organizations.certificatesExpiringBefore(horizon)) {
      const thumbprint = row.certificateThumbprint!;
      if (this.notices.exists(row.id, thumbprint)) continue;
      this.transactions.run(() => {
        const eventId = this.events.emit(
          row.partnerId,
          'credential.expiring',
          { organizationId: row.id, customerId: row.customerId, tenantId: row.tenantId, thumbprintSha256: thumbprint, expiresAt: row.certificateExpiresAt!.toISOString() },
          row.id,
        );
        this.notices.insert({ organizationId: row.id, thumbprint, eventId, notifiedAt: now });
        written.push(eventId);
      });
    }
    if (written.length) this.logger.log(`Warned the host about ${written.length} credential(s) expiring within ${CREDENTIAL_WARNING_DAYS} days.`);
    return written;
  }
}
