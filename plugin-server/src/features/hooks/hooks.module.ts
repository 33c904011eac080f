import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module.js';
import { DevicesModule } from '../devices/devices.module.js';
import { LicensingModule } from '../licensing/licensing.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { PartnersModule } from '../partners/partners.module.js';
import { HookIdempotencyInterceptor } from './hook-idempotency.interceptor.js';
import { HookReceiptRepository } from './hook-receipt.repository.js';
import { HookSignatureGuard } from './hook-signature.guard.js';
import { HooksController } from './hooks.controller.js';
import { HooksService } from './hooks.service.js';

@Module({
  imports: [CustomersModule, DevicesModule, LicensingModule, OrganizationsModule, PartnersModule],
  controllers: [HooksController],
  providers: [HooksService, HookReceiptRepository, HookSignatureGuard, HookIdempotencyInterceptor],
})
export class HooksModule {}
