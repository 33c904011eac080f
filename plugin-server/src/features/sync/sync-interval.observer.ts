import { Injectable, type OnModuleInit } from '@nestjs/common';
import { OrganizationsService, type OrganizationSettingsObserver } from '../organizations/organizations.service.js';
import { SyncDispatcher } from './sync-dispatcher.service.js';
import { nextSyncAfter } from './sync-schedule.util.js';

/** A new User sync interval applies from the last sync; a running sync reschedules itself when it ends, a stopped one stays stopped. */
@Injectable()
export class SyncIntervalObserver implements OrganizationSettingsObserver, OnModuleInit {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly dispatcher: SyncDispatcher,
  ) {}

  onModuleInit(): void {
    this.organizations.observeSettings(this);
  }

  settingsChanged({ before, after }: Parameters<OrganizationSettingsObserver['settingsChanged']>[0]): void {
    if (before.syncIntervalMinutes === after.syncIntervalMinutes || after.nextSyncAt === null || this.dispatcher.isRunning(after.id)) return;
    this.organizations.update(after.id, { nextSyncAt: nextSyncAfter(after.lastSyncAt ?? new Date(), after.syncIntervalMinutes) });
  }
}
