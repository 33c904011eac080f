import { Module } from '@nestjs/common';
import { EventDeliveryService } from './event-delivery.service.js';
import { EventsController } from './events.controller.js';
import { EventsScheduler } from './events.scheduler.js';
import { EventsService } from './events.service.js';
import { OutboxRepository } from './outbox.repository.js';

/** The outbox: what other features emit, its delivery to the host and its listing. Imports no feature. */
@Module({
  controllers: [EventsController],
  providers: [OutboxRepository, EventsService, EventDeliveryService, EventsScheduler],
  exports: [EventsService],
})
export class EventsModule {}
