import { Controller } from '@nestjs/common';
import { pluginApi } from '@m365/contracts';
import { TsRestHandler, tsRestHandler } from '@ts-rest/nest';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { OnboardingService } from './onboarding.service.js';

const route = pluginApi.organizations.disconnectOrganization;

/** Disconnect lives here because removing the application needs a sign-in, which this feature runs. */
@Controller()
export class DisconnectController {
  constructor(private readonly onboarding: OnboardingService) {}

  @TsRestHandler(route)
  @RequireRole('admin')
  disconnectOrganization(@CurrentPrincipal() principal: Principal) {
    return tsRestHandler(route, async ({ params, body }) => ({
      status: 200,
      body: await this.onboarding.disconnect(principal, params.organizationId, body),
    }));
  }
}
