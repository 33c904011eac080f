import { Controller } from '@nestjs/common';
import { pluginApi } from '@m365/contracts';
import { TsRestHandler, tsRestHandler } from '@ts-rest/nest';
import { CurrentPrincipal } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { CustomersService } from './customers.service.js';

const routes = pluginApi.customers;

@Controller()
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @TsRestHandler(routes.listCustomers)
  listCustomers(@CurrentPrincipal() principal: Principal) {
    return tsRestHandler(routes.listCustomers, async ({ query }) => ({
      status: 200,
      body: { items: this.customers.list(principal.partnerId, query) },
    }));
  }
}
