import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { PartnersModule } from '../partners/partners.module.js';
import { TenantUserRepository } from './tenant-user.repository.js';
import { UserSyncService } from './user-sync.service.js';

@Module({
  imports: [OrganizationsModule, PartnersModule],
  providers: [TenantUserRepository, UserSyncService],
  exports: [UserSyncService],
})
export class SyncModule {}
