import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { stackOf } from '../../common/errors/stack-of.js';
import { HookReceiptsService } from './hook-receipts.service.js';

@Injectable()
export class HooksScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(HooksScheduler.name);

  constructor(private readonly receipts: HookReceiptsService) {}

  onApplicationBootstrap(): void {
    const released = this.receipts.releaseUnfinished();
    if (released) this.logger.warn(`${released} hook(s) were interrupted by the previous run; their retries will be processed.`);
    this.pruneReceipts();
  }

  @Interval('hook-receipt-retention', 3600_000)
  pruneReceipts(): void {
    try {
      const deleted = this.receipts.prune();
      if (deleted) this.logger.log(`Forgot ${deleted} hook receipt(s) past their retention.`);
    } catch (error) {
      this.logger.error('Hook receipt retention failed', stackOf(error));
    }
  }
}
