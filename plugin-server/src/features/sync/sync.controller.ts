import { Controller } from '@nestjs/common';
import { pluginApi } from '@m365/contracts';
import { TsRestHandler, tsRestHandler } from '@ts-rest/nest';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { UserSyncService } from './user-sync.service.js';

const routes = pluginApi.sync;

@Controller()
export class SyncController {
  constructor(private readonly sync: UserSyncService) {}

  @TsRestHandler(routes.listSyncRuns)
  listSyncRuns(@CurrentPrincipal() principal: Principal) {
    return tsRestHandler(routes.listSyncRuns, async ({ params, query }) => ({
      status: 200,
      body: this.sync.listRuns(principal.partnerId, params.organizationId, query),
    }));
  }

  @TsRestHandler(routes.startSync)
  @RequireRole('technician')
  startSync(@CurrentPrincipal() principal: Principal) {
    return tsRestHandler(routes.startSync, async ({ params }) => ({
      status: 202,
      body: this.sync.startSync(principal.partnerId, params.organizationId),
    }));
  }
}
