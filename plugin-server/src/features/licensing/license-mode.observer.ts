import { Injectable, type OnModuleInit } from '@nestjs/common';
import { OrganizationsService, type OrganizationSettingsObserver } from '../organizations/organizations.service.js';
import { AutomaticLicensingService } from './automatic-licensing.service.js';

/** Manual -> automatic licenses every eligible user at once; automatic -> manual keeps the assignments as they are. */
@Injectable()
export class LicenseModeObserver implements OrganizationSettingsObserver, OnModuleInit {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly automatic: AutomaticLicensingService,
  ) {}

  onModuleInit(): void {
    this.organizations.observeSettings(this);
  }

  settingsChanged({ before, after, principal }: Parameters<OrganizationSettingsObserver['settingsChanged']>[0]): void {
    if (before.licenseMode === 'manual' && after.licenseMode === 'automatic' && after.status !== 'disconnected') {
      this.automatic.applyNow(after, 'mode_switch', principal.technicianId);
    }
  }
}
