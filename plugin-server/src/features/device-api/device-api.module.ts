import { Module } from '@nestjs/common';
import { DevicesModule } from '../devices/devices.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { UsersModule } from '../users/users.module.js';
import { DeviceApiController } from './device-api.controller.js';
import { DeviceApiService } from './device-api.service.js';

@Module({
  imports: [DevicesModule, OrganizationsModule, UsersModule],
  controllers: [DeviceApiController],
  providers: [DeviceApiService],
})
export class DeviceApiModule {}
