import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { DevicesModule } from '../devices/devices.module.js';
import { EventsModule } from '../events/events.module.js';
import { OrganizationRepository } from './organization.repository.js';
import { OrganizationsController } from './organizations.controller.js';
import { OrganizationsService } from './organizations.service.js';

@Module({
  imports: [DevicesModule, AuditModule, EventsModule],
  controllers: [OrganizationsController],
  providers: [OrganizationRepository, OrganizationsService],
  exports: [OrganizationsService],
})
export class OrganizationsModule {}
