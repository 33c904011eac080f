import { Injectable } from '@nestjs/common';
import { MicrosoftError } from '../../../common/microsoft/microsoft-error.js';
import { OrganizationsService } from '../../organizations/organizations.service.js';
import { done, type OnboardingStepHandler, type StepContext, type StepResult } from './step.js';

/** Deletes the application from the tenant after a disconnect; already gone counts as done. */
@Injectable()
export class RemoveAppStep implements OnboardingStepHandler {
  readonly step = 'remove_app' as const;
  readonly expectReplication = false;

  constructor(private readonly organizations: OrganizationsService) {}

  async run(context: StepContext): Promise<StepResult> {
    const organization = this.organizations.byId(context.onboarding.organizationId)!;
    if (!organization.applicationObjectId) return done('No application was registered in this tenant.');
    const graph = await context.delegatedGraph();
    try {
      await graph.delete(`/applications/${organization.applicationObjectId}`);
    } catch (error) {
      if (!(error instanceof MicrosoftError && error.status === 404)) throw error;
    }
    context.save({ applicationObjectId: organization.applicationObjectId, applicationAppId: organization.applicationAppId });
    return done(`The application ${organization.applicationAppId} was deleted from the tenant (Entra keeps it 30 days in deleted items).`);
  }
}
