import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EventData, EventEnvelope, EventType } from '@m365/contracts';
import { OutboxRepository } from './outbox.repository.js';

/**
 * Records an event for the host in the outbox. Synchronous on purpose: callers run it inside the
 * transaction of the change it reports, so the event exists exactly when the change does.
 */
@Injectable()
export class EventsService {
  constructor(private readonly outbox: OutboxRepository) {}

  emit<T extends EventType>(partnerId: string, type: T, data: EventData<T>, organizationId: string | null = null): string {
    const id = `evt_${randomUUID()}`;
    const occurredAt = new Date();
    const envelope = { id, type, partnerId, occurredAt: occurredAt.toISOString(), data } as EventEnvelope;
    this.outbox.insert({ id, partnerId, organizationId, type, envelope, createdAt: occurredAt, nextAttemptAt: occurredAt });
    return id;
  }
}
