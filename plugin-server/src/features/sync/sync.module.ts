import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { LicensingModule } from '../licensing/licensing.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { UsersModule } from '../users/users.module.js';
import { realSleep } from './sync-graph.js';
import { SyncController } from './sync.controller.js';
import { SyncDispatcher } from './sync-dispatcher.service.js';
import { SyncIntervalObserver } from './sync-interval.observer.js';
import { SyncRecorder } from './sync-recorder.service.js';
import { SyncRunRepository } from './sync-run.repository.js';
import { SLEEP, SyncRunner } from './sync-runner.service.js';
import { SyncScheduler } from './sync.scheduler.js';
import { TenantUserRepository } from './tenant-user.repository.js';
import { UserSyncService } from './user-sync.service.js';

@Module({
  imports: [EventsModule, LicensingModule, OrganizationsModule, UsersModule],
  controllers: [SyncController],
  providers: [
    { provide: SLEEP, useValue: realSleep },
    TenantUserRepository,
    SyncRunRepository,
    SyncRunner,
    SyncRecorder,
    SyncDispatcher,
    SyncScheduler,
    SyncIntervalObserver,
    UserSyncService,
  ],
  exports: [UserSyncService],
})
export class SyncModule {}
