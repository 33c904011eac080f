import { Controller, UseInterceptors } from '@nestjs/common';
import { hooksApi } from '@m365/contracts';
import { TsRestHandler, tsRestHandler } from '@ts-rest/nest';
import { Auth, HookPartner } from '../auth/auth.decorators.js';
import { CustomerStatusService } from './customer-status.service.js';
import { HookIdempotencyInterceptor } from './hook-idempotency.interceptor.js';
import { HooksService } from './hooks.service.js';

const ok = { status: 200 as const, body: { ok: true as const } };

/** Host -> plugin hooks; the signature names the partner, so the path's partnerId is the verified one. */
@Controller()
@Auth('hook')
@UseInterceptors(HookIdempotencyInterceptor)
export class HooksController {
  constructor(
    private readonly hooks: HooksService,
    private readonly statuses: CustomerStatusService,
  ) {}

  @TsRestHandler(hooksApi.upsertCustomer)
  upsertCustomer(@HookPartner() partnerId: string) {
    return tsRestHandler(hooksApi.upsertCustomer, async ({ params, body }) => {
      this.hooks.upsertCustomer(partnerId, params.customerId, body);
      return ok;
    });
  }

  @TsRestHandler(hooksApi.deleteCustomer)
  deleteCustomer(@HookPartner() partnerId: string) {
    return tsRestHandler(hooksApi.deleteCustomer, async ({ params }) => {
      this.hooks.deleteCustomer(partnerId, params.customerId);
      return ok;
    });
  }

  @TsRestHandler(hooksApi.upsertDevice)
  upsertDevice(@HookPartner() partnerId: string) {
    return tsRestHandler(hooksApi.upsertDevice, async ({ params, body }) => {
      this.hooks.upsertDevice(partnerId, params.deviceId, body);
      return ok;
    });
  }

  @TsRestHandler(hooksApi.deleteDevice)
  deleteDevice(@HookPartner() partnerId: string) {
    return tsRestHandler(hooksApi.deleteDevice, async ({ params }) => {
      this.hooks.deleteDevice(partnerId, params.deviceId);
      return ok;
    });
  }

  @TsRestHandler(hooksApi.setSeatPool)
  setSeatPool(@HookPartner() partnerId: string) {
    return tsRestHandler(hooksApi.setSeatPool, async ({ body }) => ({
      status: 200,
      body: await this.hooks.setSeatPool(partnerId, body.totalSeats),
    }));
  }

  @TsRestHandler(hooksApi.startOnboardings)
  startOnboardings(@HookPartner() partnerId: string) {
    return tsRestHandler(hooksApi.startOnboardings, async ({ body }) => ({
      status: 202,
      body: await this.hooks.startOnboardings(partnerId, body),
    }));
  }

  @TsRestHandler(hooksApi.getCustomerStatus)
  getCustomerStatus(@HookPartner() partnerId: string) {
    return tsRestHandler(hooksApi.getCustomerStatus, async ({ params }) => ({
      status: 200,
      body: this.statuses.get(partnerId, params.customerId),
    }));
  }

  @TsRestHandler(hooksApi.listCustomerStatuses)
  listCustomerStatuses(@HookPartner() partnerId: string) {
    return tsRestHandler(hooksApi.listCustomerStatuses, async () => ({
      status: 200,
      body: { items: this.statuses.list(partnerId) },
    }));
  }
}
