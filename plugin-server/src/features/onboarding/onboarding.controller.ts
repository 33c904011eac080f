import { Controller } from '@nestjs/common';
import { pluginApi } from '@m365/contracts';
import { TsRestHandler, tsRestHandler } from '@ts-rest/nest';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { OnboardingService } from './onboarding.service.js';

const routes = pluginApi.onboarding;

@Controller()
export class OnboardingController {
  constructor(private readonly onboarding: OnboardingService) {}

  @TsRestHandler(routes.listOnboardings)
  listOnboardings(@CurrentPrincipal() principal: Principal) {
    return tsRestHandler(routes.listOnboardings, async ({ query }) => ({
      status: 200,
      body: { items: this.onboarding.list(principal.partnerId, query) },
    }));
  }

  @TsRestHandler(routes.startOnboarding)
  @RequireRole('technician')
  startOnboarding(@CurrentPrincipal() principal: Principal) {
    return tsRestHandler(routes.startOnboarding, async ({ body }) => ({
      status: 201,
      body: await this.onboarding.start(principal, body.customerId, body.settings),
    }));
  }

  @TsRestHandler(routes.getOnboarding)
  getOnboarding(@CurrentPrincipal() principal: Principal) {
    return tsRestHandler(routes.getOnboarding, async ({ params }) => ({
      status: 200,
      body: this.onboarding.get(principal.partnerId, params.onboardingId),
    }));
  }

  @TsRestHandler(routes.renewSignInCode)
  @RequireRole('technician')
  renewSignInCode(@CurrentPrincipal() principal: Principal) {
    return tsRestHandler(routes.renewSignInCode, async ({ params }) => ({
      status: 200,
      body: await this.onboarding.renewSignInCode(principal.partnerId, params.onboardingId),
    }));
  }

  @TsRestHandler(routes.submitPopupSignIn)
  @RequireRole('technician')
  submitPopupSignIn(@CurrentPrincipal() principal: Principal) {
    return tsRestHandler(routes.submitPopupSignIn, async ({ params, body }) => ({
      status: 202,
      body: await this.onboarding.submitPopupSignIn(principal.partnerId, params.onboardingId, body.accessToken),
    }));
  }

  @TsRestHandler(routes.confirmTenant)
  @RequireRole('technician')
  confirmTenant(@CurrentPrincipal() principal: Principal) {
    return tsRestHandler(routes.confirmTenant, async ({ params }) => ({
      status: 202,
      body: this.onboarding.confirmTenant(principal.partnerId, params.onboardingId),
    }));
  }

  @TsRestHandler(routes.retryOnboarding)
  @RequireRole('technician')
  retryOnboarding(@CurrentPrincipal() principal: Principal) {
    return tsRestHandler(routes.retryOnboarding, async ({ params }) => ({
      status: 202,
      body: await this.onboarding.retry(principal.partnerId, params.onboardingId),
    }));
  }

  @TsRestHandler(routes.cancelOnboarding)
  @RequireRole('technician')
  cancelOnboarding(@CurrentPrincipal() principal: Principal) {
    return tsRestHandler(routes.cancelOnboarding, async ({ params }) => ({
      status: 200,
      body: this.onboarding.cancel(principal.partnerId, params.onboardingId, principal.technicianId),
    }));
  }

  @TsRestHandler(routes.getSignInConfig)
  getSignInConfig() {
    return tsRestHandler(routes.getSignInConfig, async () => ({ status: 200, body: this.onboarding.signInConfig() }));
  }

  @TsRestHandler(routes.startBatch)
  @RequireRole('technician')
  startBatch(@CurrentPrincipal() principal: Principal) {
    return tsRestHandler(routes.startBatch, async ({ body }) => ({
      status: 201,
      body: await this.onboarding.startBatch(principal, body.customerIds, body.settings),
    }));
  }

  @TsRestHandler(routes.getBatch)
  getBatch(@CurrentPrincipal() principal: Principal) {
    return tsRestHandler(routes.getBatch, async ({ params }) => ({
      status: 200,
      body: this.onboarding.getBatch(principal.partnerId, params.batchId),
    }));
  }

  @TsRestHandler(routes.listBatches)
  listBatches(@CurrentPrincipal() principal: Principal) {
    return tsRestHandler(routes.listBatches, async () => ({ status: 200, body: { items: this.onboarding.listBatches(principal.partnerId) } }));
  }
}
