import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module.js';
import { DevicesModule } from '../devices/devices.module.js';
import { LicensingModule } from '../licensing/licensing.module.js';
import { OnboardingModule } from '../onboarding/onboarding.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { PartnersModule } from '../partners/partners.module.js';
import { CustomerStatusService } from './customer-status.service.js';
import { HookIdempotencyInterceptor } from './hook-idempotency.interceptor.js';
import { HookReceiptRepository } from './hook-receipt.repository.js';
import { HookReceiptsService } from './hook-receipts.service.js';
import { HooksController } from './hooks.controller.js';
import { HooksScheduler } from './hooks.scheduler.js';
import { HooksService } from './hooks.service.js';

@Module({
  imports: [CustomersModule, DevicesModule, LicensingModule, OnboardingModule, OrganizationsModule, PartnersModule],
  controllers: [HooksController],
  providers: [HooksService, CustomerStatusService, HookReceiptRepository, HookReceiptsService, HookIdempotencyInterceptor, HooksScheduler],
})
export class HooksModule {}
