import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { stackOf } from '../../common/errors/stack-of.js';
import { OnboardingEngine } from './onboarding.engine.js';
import { OnboardingRepository } from './onboarding.repository.js';

const TOKEN_RETENTION_MS = 24 * 3600_000;

@Injectable()
export class OnboardingScheduler {
  private readonly logger = new Logger(OnboardingScheduler.name);

  constructor(
    private readonly engine: OnboardingEngine,
    private readonly onboardings: OnboardingRepository,
  ) {}

  @Interval('onboarding-engine', 1_000)
  tick(): void {
    try {
      this.engine.tick();
    } catch (error) {
      this.logger.error('Onboarding tick failed', stackOf(error));
    }
  }

  /** A failed onboarding left alone does not keep the admin's delegated token for ever. */
  @Interval('onboarding-token-retention', 10 * 60_000)
  expireStaleTokens(): void {
    try {
      const expired = this.onboardings.expireStaleTokens(new Date(Date.now() - TOKEN_RETENTION_MS));
      if (expired) this.logger.log(`Deleted the delegated tokens of ${expired} failed onboarding(s) older than a day.`);
    } catch (error) {
      this.logger.error('Token retention failed', stackOf(error));
    }
  }
}
