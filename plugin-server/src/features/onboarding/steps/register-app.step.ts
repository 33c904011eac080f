import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OrganizationsService } from '../../organizations/organizations.service.js';
import { APPLICATION_PERMISSIONS, GRAPH_APP_ID } from '../permissions.js';
import { done, type OnboardingStepHandler, type StepContext, type StepResult } from './step.js';

interface GraphApplication {
  id: string;
  appId: string;
  displayName: string;
}

/** One stable key per partner: a re-run, a crash or a later re-onboarding finds the same application. */
export function applicationUniqueName(partnerId: string): string {
  return `m365-backup-${createHash('sha256').update(partnerId).digest('hex').slice(0, 24)}`;
}

/** Registers the application by upsert on its uniqueName, so it is never created twice. */
@Injectable()
export class RegisterAppStep implements OnboardingStepHandler {
  readonly step = 'register_app' as const;
  readonly expectReplication = false;

  constructor(private readonly organizations: OrganizationsService) {}

  async run(context: StepContext): Promise<StepResult> {
    const graph = await context.delegatedGraph();
    const row = context.onboarding;
    const path = `/applications(uniqueName='${applicationUniqueName(row.partnerId)}')`;
    const body = {
      displayName: row.settings.applicationName,
      signInAudience: 'AzureADMyOrg',
      requiredResourceAccess: [
        { resourceAppId: GRAPH_APP_ID, resourceAccess: APPLICATION_PERMISSIONS.map((permission) => ({ id: permission.id, type: 'Role' })) },
      ],
    };
    // 201 with the new application when created; 204 without a body when it already existed.
    const created = await graph.patch<GraphApplication | undefined>(path, body, { Prefer: 'create-if-missing' });
    const application = created?.appId ? created : await graph.get<GraphApplication>(`${path}?$select=id,appId,displayName`);
    context.save({ applicationObjectId: application.id, applicationAppId: application.appId });
    this.organizations.update(row.organizationId, { applicationObjectId: application.id, applicationAppId: application.appId });
    return done(`Application "${application.displayName}" is registered (application id ${application.appId}).`);
  }
}
