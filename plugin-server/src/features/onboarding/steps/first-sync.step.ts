import { Injectable } from '@nestjs/common';
import { UserSyncService } from '../../sync/user-sync.service.js';
import { done, type OnboardingStepHandler, type StepContext, type StepResult } from './step.js';

/** The first full user sync, licensing per the organization's License management setting. */
@Injectable()
export class FirstSyncStep implements OnboardingStepHandler {
  readonly step = 'first_sync' as const;
  readonly expectReplication = true;

  constructor(private readonly sync: UserSyncService) {}

  async run(context: StepContext): Promise<StepResult> {
    context.progress('Reading the users of the organization.');
    const summary = await this.sync.firstSync(context.onboarding.organizationId);
    context.save({ summary });
    const licensed = context.onboarding.settings.licenseMode === 'automatic' ? `, ${summary.usersLicensed} licensed for backup` : '';
    return done(`${summary.usersFound} users found${licensed}.`);
  }
}
