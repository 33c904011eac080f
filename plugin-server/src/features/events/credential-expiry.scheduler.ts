import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { stackOf } from '../../common/errors/stack-of.js';
import { CredentialExpiryService } from './credential-expiry.service.js';

@Injectable()
export class CredentialExpiryScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(CredentialExpiryScheduler.name);

  constructor(private readonly credentials: CredentialExpiryService) {}

  onApplicationBootstrap(): void {
    this.check();
  }

  @Interval('credential-expiry', 3600_000)
  check(): void {
    try {
      this.credentials.check();
    } catch (error) {
      this.logger.error('Credential expiry check failed', stackOf(error));
    }
  }
}
