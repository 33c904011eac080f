import { Controller } from '@nestjs/common';
import { pluginApi } from '@m365/contracts';
import { TsRestHandler, tsRestHandler } from '@ts-rest/nest';
import { CurrentPrincipal } from './auth.decorators.js';
import type { Principal } from './principal.js';

@Controller()
export class SessionController {
  @TsRestHandler(pluginApi.identity.getSession)
  getSession(@CurrentPrincipal() principal: Principal) {
    return tsRestHandler(pluginApi.identity.getSession, async () => ({ status: 200, body: principal }));
  }
}
