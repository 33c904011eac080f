import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { CredentialExpiryScheduler } from './credential-expiry.scheduler.js';
import { CredentialExpiryService } from './credential-expiry.service.js';
import { CredentialNoticeRepository } from './credential-notice.repository.js';
import { EventsModule } from './events.module.js';

/** Apart from EventsModule because it reads organizations, which themselves emit events. */
@Module({
  imports: [EventsModule, OrganizationsModule],
  providers: [CredentialNoticeRepository, CredentialExpiryService, CredentialExpiryScheduler],
})
export class CredentialExpiryModule {}
