import { Controller } from '@nestjs/common';
import { pluginApi } from '@m365/contracts';
import { TsRestHandler, tsRestHandler } from '@ts-rest/nest';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { LicensingService } from './licensing.service.js';

const routes = pluginApi.licensing;

@Controller()
export class LicensingController {
  constructor(private readonly licensing: LicensingService) {}

  @TsRestHandler(routes.assignLicenses)
  @RequireRole('technician')
  assignLicenses(@CurrentPrincipal() principal: Principal) {
    return tsRestHandler(routes.assignLicenses, async ({ params, body }) => ({
      status: 200,
      body: this.licensing.assign(principal, params.organizationId, body),
    }));
  }

  @TsRestHandler(routes.unassignLicenses)
  @RequireRole('technician')
  unassignLicenses(@CurrentPrincipal() principal: Principal) {
    return tsRestHandler(routes.unassignLicenses, async ({ params, body }) => ({
      status: 200,
      body: this.licensing.unassign(principal, params.organizationId, body),
    }));
  }

  @TsRestHandler(routes.listLicenseChanges)
  listLicenseChanges(@CurrentPrincipal() principal: Principal) {
    return tsRestHandler(routes.listLicenseChanges, async ({ params, query }) => ({
      status: 200,
      body: this.licensing.listChanges(principal.partnerId, params.organizationId, query),
    }));
  }

  @TsRestHandler(routes.getSeats)
  getSeats(@CurrentPrincipal() principal: Principal) {
    return tsRestHandler(routes.getSeats, async () => ({ status: 200, body: this.licensing.partnerSeats(principal.partnerId) }));
  }
}
