import { Controller } from '@nestjs/common';
import { pluginApi } from '@m365/contracts';
import { TsRestHandler, tsRestHandler } from '@ts-rest/nest';
import { CurrentPrincipal } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { EventsService } from './events.service.js';

const routes = pluginApi.events;

@Controller()
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @TsRestHandler(routes.listEvents)
  listEvents(@CurrentPrincipal() principal: Principal) {
    return tsRestHandler(routes.listEvents, async ({ query }) => ({ status: 200, body: this.events.list(principal.partnerId, query) }));
  }
}
