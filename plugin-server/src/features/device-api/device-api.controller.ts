import { Controller } from '@nestjs/common';
import { deviceApi } from '@m365/contracts';
import { TsRestHandler, tsRestHandler } from '@ts-rest/nest';
import { Auth, CurrentDevice } from '../auth/auth.decorators.js';
import type { DevicePrincipal } from '../auth/principal.js';
import { DeviceApiService } from './device-api.service.js';

@Controller()
@Auth('device')
export class DeviceApiController {
  constructor(private readonly devices: DeviceApiService) {}

  @TsRestHandler(deviceApi.listAssignments)
  listAssignments(@CurrentDevice() device: DevicePrincipal) {
    return tsRestHandler(deviceApi.listAssignments, async () => ({
      status: 200,
      body: { deviceId: device.deviceId, items: this.devices.listAssignments(device) },
    }));
  }

  @TsRestHandler(deviceApi.listAssignedUsers)
  listAssignedUsers(@CurrentDevice() device: DevicePrincipal) {
    return tsRestHandler(deviceApi.listAssignedUsers, async ({ params, query }) => ({
      status: 200,
      body: this.devices.listAssignedUsers(device, params.organizationId, query),
    }));
  }

  @TsRestHandler(deviceApi.createAccessToken)
  createAccessToken(@CurrentDevice() device: DevicePrincipal) {
    return tsRestHandler(deviceApi.createAccessToken, async ({ params }) => ({
      status: 200,
      body: await this.devices.createAccessToken(device, params.organizationId),
    }));
  }
}
