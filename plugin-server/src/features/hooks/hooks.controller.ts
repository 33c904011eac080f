import { Controller, UseGuards, UseInterceptors } from '@nestjs/common';
import { hooksApi } from '@m365/contracts';
import { TsRestHandler, tsRestHandler } from '@ts-rest/nest';
import { Auth } from '../auth/auth.decorators.js';
import { HookIdempotencyInterceptor } from './hook-idempotency.interceptor.js';
import { HookSignatureGuard } from './hook-signature.guard.js';
import { HooksService } from './hooks.service.js';

const ok = { status: 200 as const, body: { ok: true as const } };

@Controller()
@Auth('hook')
@UseGuards(HookSignatureGuard)
@UseInterceptors(HookIdempotencyInterceptor)
export class HooksController {
  constructor(private readonly hooks: HooksService) {}

  @TsRestHandler(hooksApi.upsertCustomer)
  upsertCustomer() {
    return tsRestHandler(hooksApi.upsertCustomer, async ({ params, body }) => {
      this.hooks.upsertCustomer(params.partnerId, params.customerId, body);
      return ok;
    });
  }

  @TsRestHandler(hooksApi.deleteCustomer)
  deleteCustomer() {
    return tsRestHandler(hooksApi.deleteCustomer, async ({ params }) => {
      this.hooks.deleteCustomer(params.partnerId, params.customerId);
      return ok;
    });
  }

  @TsRestHandler(hooksApi.upsertDevice)
  upsertDevice() {
    return tsRestHandler(hooksApi.upsertDevice, async ({ params, body }) => {
      this.hooks.upsertDevice(params.partnerId, params.deviceId, body);
      return ok;
    });
  }

  @TsRestHandler(hooksApi.deleteDevice)
  deleteDevice() {
    return tsRestHandler(hooksApi.deleteDevice, async ({ params }) => {
      this.hooks.deleteDevice(params.partnerId, params.deviceId);
      return ok;
    });
  }

  @TsRestHandler(hooksApi.setSeatPool)
  setSeatPool() {
    return tsRestHandler(hooksApi.setSeatPool, async ({ params, body }) => ({
      status: 200,
      body: this.hooks.setSeatPool(params.partnerId, body.totalSeats),
    }));
  }
}
