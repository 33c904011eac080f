import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { stackOf } from '../../common/errors/stack-of.js';
import { EventDeliveryService } from './event-delivery.service.js';

@Injectable()
export class EventsScheduler {
  private readonly logger = new Logger(EventsScheduler.name);

  constructor(private readonly delivery: EventDeliveryService) {}

  @Interval('event-delivery', 1_000)
  deliver(): void {
    try {
      this.delivery.tick();
    } catch (error) {
      this.logger.error('Event delivery tick failed', stackOf(error));
    }
  }
}
