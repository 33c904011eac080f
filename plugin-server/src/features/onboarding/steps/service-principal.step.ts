import { Injectable } from '@nestjs/common';
import { MicrosoftError } from '../../../common/microsoft/microsoft-error.js';
import { OrganizationsService } from '../../organizations/organizations.service.js';
import { done, type OnboardingStepHandler, type StepContext, type StepResult } from './step.js';

/** Finds or creates the application's service principal (its identity in the tenant). */
@Injectable()
export class ServicePrincipalStep implements OnboardingStepHandler {
  readonly step = 'service_principal' as const;
  readonly expectReplication = true;

  constructor(private readonly organizations: OrganizationsService) {}

  async run(context: StepContext): Promise<StepResult> {
    const graph = await context.delegatedGraph();
    const row = context.onboarding;
    const appId = row.applicationAppId!;
    const lookup = `/servicePrincipals(appId='${appId}')?$select=id,appId`;
    let servicePrincipal = await graph.find<{ id: string }>(lookup);
    if (!servicePrincipal) {
      try {
        servicePrincipal = await graph.post<{ id: string }>('/servicePrincipals', { appId });
      } catch (error) {
        // Another attempt created it a moment ago (a crash between the POST and saving its id).
        const exists = error instanceof MicrosoftError && (error.status === 409 || /already exists/i.test(error.message));
        if (!exists) throw error;
        servicePrincipal = await graph.get<{ id: string }>(lookup);
      }
    }
    context.save({ servicePrincipalId: servicePrincipal.id });
    this.organizations.update(row.organizationId, { servicePrincipalId: servicePrincipal.id });
    return done('The application has its service principal in the tenant.');
  }
}
