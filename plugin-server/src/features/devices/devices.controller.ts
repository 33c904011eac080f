import { Controller } from '@nestjs/common';
import { pluginApi } from '@m365/contracts';
import { TsRestHandler, tsRestHandler } from '@ts-rest/nest';
import { CurrentPrincipal } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { DevicesService } from './devices.service.js';

const routes = pluginApi.devices;

@Controller()
export class DevicesController {
  constructor(private readonly devices: DevicesService) {}

  @TsRestHandler(routes.listDevices)
  listDevices(@CurrentPrincipal() principal: Principal) {
    return tsRestHandler(routes.listDevices, async () => ({ status: 200, body: { items: this.devices.list(principal.partnerId) } }));
  }
}
