import { Module } from '@nestjs/common';
import { EventsService } from './events.service.js';
import { OutboxRepository } from './outbox.repository.js';

@Module({ providers: [OutboxRepository, EventsService], exports: [EventsService] })
export class EventsModule {}
