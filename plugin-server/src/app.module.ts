import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { CommonModule } from './common/common.module.js';
import { ApiExceptionFilter } from './common/errors/api-exception.filter.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './db/database.module.js';
import { AuthModule } from './features/auth/auth.module.js';
import { DeviceApiModule } from './features/device-api/device-api.module.js';
import { DocsModule } from './features/docs/docs.module.js';
import { CredentialExpiryModule } from './features/events/credential-expiry.module.js';
import { EventsModule } from './features/events/events.module.js';
import { CustomersModule } from './features/customers/customers.module.js';
import { DevicesModule } from './features/devices/devices.module.js';
import { HealthModule } from './features/health/health.module.js';
import { HooksModule } from './features/hooks/hooks.module.js';
import { LicensingModule } from './features/licensing/licensing.module.js';
import { OnboardingModule } from './features/onboarding/onboarding.module.js';
import { OrganizationsModule } from './features/organizations/organizations.module.js';
import { ShareModule } from './features/share/share.module.js';
import { SyncModule } from './features/sync/sync.module.js';
import { UsersModule } from './features/users/users.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ScheduleModule.forRoot(),
        DatabaseModule,
        CommonModule,
        AuthModule,
        HealthModule,
        DocsModule,
        CustomersModule,
        DevicesModule,
        OrganizationsModule,
        OnboardingModule,
        HooksModule,
        EventsModule,
        CredentialExpiryModule,
        ShareModule,
        DeviceApiModule,
        UsersModule,
        LicensingModule,
        SyncModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }],
    };
  }
}
