import { Injectable } from '@nestjs/common';
import { retryDelayMs } from '../../../common/retry/retry-policy.js';
import { AppTokenProvider } from '../../../common/identity/app-token.provider.js';
import { OrganizationsService } from '../../organizations/organizations.service.js';
import { APPLICATION_PERMISSIONS } from '../permissions.js';
import { done, type OnboardingStepHandler, type StepContext, type StepResult } from './step.js';

/**
 * Entra accepts a new credential and shows new roles only after replication: ask for an app-only
 * token (never from cache) until it is issued and its roles claim holds every permission.
 */
@Injectable()
export class PropagationStep implements OnboardingStepHandler {
  readonly step = 'propagation' as const;
  readonly expectReplication = true;

  constructor(
    private readonly organizations: OrganizationsService,
    private readonly tokens: AppTokenProvider,
  ) {}

  async run(context: StepContext): Promise<StepResult> {
    const organization = this.organizations.byId(context.onboarding.organizationId)!;
    const token = await this.tokens.acquire(this.organizations.appCredential(organization), { fresh: true });
    const missing = APPLICATION_PERMISSIONS.filter((permission) => !token.roles.includes(permission.value));
    if (missing.length) {
      const attempt = context.onboarding.steps.find((step) => step.step === this.step)?.attempts ?? 1;
      return {
        outcome: 'wait',
        delayMs: retryDelayMs({ retry: true, kind: 'replication', retryAfterMs: undefined }, attempt),
        message: `Microsoft accepted the certificate; waiting for ${missing.length} of ${APPLICATION_PERMISSIONS.length} permissions to reach the token.`,
      };
    }
    return done('The application signs in with its certificate and holds every permission.');
  }
}
