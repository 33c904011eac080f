import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { DevicesModule } from '../devices/devices.module.js';
import { EventsModule } from '../events/events.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { PartnersModule } from '../partners/partners.module.js';
import { SyncModule } from '../sync/sync.module.js';
import { DelegatedTokenStore } from './delegated-tokens.js';
import { DisconnectController } from './disconnect.controller.js';
import { OnboardingEventsController } from './onboarding-events.controller.js';
import { OnboardingController } from './onboarding.controller.js';
import { OnboardingEngine } from './onboarding.engine.js';
import { OnboardingLifecycle } from './onboarding.lifecycle.js';
import { OnboardingRepository } from './onboarding.repository.js';
import { OnboardingScheduler } from './onboarding.scheduler.js';
import { OnboardingService } from './onboarding.service.js';
import { PopupTokenVerifier } from './popup-token.verifier.js';
import { SignInService } from './sign-in.service.js';
import { CredentialStep } from './steps/credential.step.js';
import { FirstSyncStep } from './steps/first-sync.step.js';
import { GrantStep } from './steps/grant.step.js';
import { PropagationStep } from './steps/propagation.step.js';
import { RegisterAppStep } from './steps/register-app.step.js';
import { RemoveAppStep } from './steps/remove-app.step.js';
import { ServicePrincipalStep } from './steps/service-principal.step.js';
import { VerifyStep } from './steps/verify.step.js';

@Module({
  imports: [AuditModule, CustomersModule, DevicesModule, EventsModule, OrganizationsModule, PartnersModule, SyncModule],
  controllers: [OnboardingController, OnboardingEventsController, DisconnectController],
  providers: [
    OnboardingRepository,
    OnboardingService,
    OnboardingLifecycle,
    OnboardingEngine,
    OnboardingScheduler,
    SignInService,
    DelegatedTokenStore,
    PopupTokenVerifier,
    VerifyStep,
    RegisterAppStep,
    ServicePrincipalStep,
    GrantStep,
    CredentialStep,
    PropagationStep,
    FirstSyncStep,
    RemoveAppStep,
  ],
  exports: [OnboardingService, OnboardingEngine],
})
export class OnboardingModule {}
