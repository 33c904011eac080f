import { Controller } from '@nestjs/common';
import { pluginApi } from '@m365/contracts';
import { TsRestHandler, tsRestHandler } from '@ts-rest/nest';
import { CurrentPrincipal } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { UsersService } from './users.service.js';

const routes = pluginApi.users;

@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @TsRestHandler(routes.listUsers)
  listUsers(@CurrentPrincipal() principal: Principal) {
    return tsRestHandler(routes.listUsers, async ({ params, query }) => ({
      status: 200,
      body: this.users.list(principal.partnerId, params.organizationId, query),
    }));
  }
}
