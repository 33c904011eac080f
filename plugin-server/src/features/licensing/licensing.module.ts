import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { PartnersModule } from '../partners/partners.module.js';
import { UsersModule } from '../users/users.module.js';
import { AutomaticLicensingService } from './automatic-licensing.service.js';
import { LicenseModeObserver } from './license-mode.observer.js';
import { LicenseRepository } from './license.repository.js';
import { LicensingController } from './licensing.controller.js';
import { LicensingService } from './licensing.service.js';
import { SeatsRepository } from './seats.repository.js';
import { SeatsService } from './seats.service.js';

@Module({
  imports: [EventsModule, OrganizationsModule, PartnersModule, UsersModule],
  controllers: [LicensingController],
  providers: [SeatsRepository, SeatsService, LicenseRepository, LicensingService, AutomaticLicensingService, LicenseModeObserver],
  exports: [SeatsService, AutomaticLicensingService],
})
export class LicensingModule {}
