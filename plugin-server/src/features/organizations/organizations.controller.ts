import { Controller } from '@nestjs/common';
import { pluginApi } from '@m365/contracts';
import { TsRestHandler, tsRestHandler } from '@ts-rest/nest';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { OrganizationsService } from './organizations.service.js';

const routes = pluginApi.organizations;

@Controller()
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @TsRestHandler(routes.listOrganizations)
  listOrganizations(@CurrentPrincipal() principal: Principal) {
    return tsRestHandler(routes.listOrganizations, async ({ query }) => ({
      status: 200,
      body: this.organizations.list(principal.partnerId, query),
    }));
  }

  @TsRestHandler(routes.getOrganization)
  getOrganization(@CurrentPrincipal() principal: Principal) {
    return tsRestHandler(routes.getOrganization, async ({ params }) => ({
      status: 200,
      body: this.organizations.get(principal.partnerId, params.organizationId),
    }));
  }

  @TsRestHandler(routes.getOrganizationSettings)
  getOrganizationSettings(@CurrentPrincipal() principal: Principal) {
    return tsRestHandler(routes.getOrganizationSettings, async ({ params }) => ({
      status: 200,
      body: this.organizations.getSettings(principal.partnerId, params.organizationId),
    }));
  }

  @TsRestHandler(routes.updateOrganizationSettings)
  @RequireRole('technician')
  updateOrganizationSettings(@CurrentPrincipal() principal: Principal) {
    return tsRestHandler(routes.updateOrganizationSettings, async ({ params, body }) => ({
      status: 200,
      body: this.organizations.updateSettings(principal.partnerId, params.organizationId, body, principal),
    }));
  }

  @TsRestHandler(routes.listAuditRecords)
  listAuditRecords(@CurrentPrincipal() principal: Principal) {
    return tsRestHandler(routes.listAuditRecords, async ({ params }) => ({
      status: 200,
      body: { items: this.organizations.listAuditRecords(principal.partnerId, params.organizationId) },
    }));
  }
}
