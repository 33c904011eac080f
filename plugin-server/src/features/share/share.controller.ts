import { Controller, Header } from '@nestjs/common';
import { pluginApi, shareApi } from '@m365/contracts';
import { TsRestHandler, tsRestHandler } from '@ts-rest/nest';
import { Auth, CurrentPrincipal } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { ShareService } from './share.service.js';

@Controller()
export class ShareController {
  constructor(private readonly share: ShareService) {}

  @TsRestHandler(pluginApi.onboarding.createShareLink)
  createShareLink(@CurrentPrincipal() principal: Principal) {
    return tsRestHandler(pluginApi.onboarding.createShareLink, async ({ params }) => ({
      status: 201,
      body: this.share.create(principal, params.onboardingId),
    }));
  }

  @TsRestHandler(shareApi.getSharedOnboarding)
  @Auth('public')
  @Header('cache-control', 'no-store')
  @Header('referrer-policy', 'no-referrer')
  getSharedOnboarding() {
    return tsRestHandler(shareApi.getSharedOnboarding, async ({ params }) => ({ status: 200, body: this.share.view(params.token) }));
  }
}
