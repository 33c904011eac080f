import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EventData, EventDelivery, EventEnvelope, EventType, Page } from '@m365/contracts';
import { decodeOffset, nextOffsetCursor } from '../../common/http/offset-cursor.js';
import { OutboxRepository, type DeliveryStatus, type OutboxEventRow } from './outbox.repository.js';

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

  /** The partner's events, newest first, with their delivery state. */
  list(partnerId: string, query: { status?: DeliveryStatus; cursor?: string; limit: number }): Page<EventDelivery> {
    const offset = decodeOffset(query.cursor);
    const { items, total } = this.outbox.page(partnerId, query.status, query.limit, offset);
    return { items: items.map(toEventDelivery), nextCursor: nextOffsetCursor(offset, items.length, total), total };
  }
}

function toEventDelivery(row: OutboxEventRow): EventDelivery {
  return {
    id: row.id,
    type: row.type,
    organizationId: row.organizationId,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? (row.nextAttemptAt?.toISOString() ?? null) : null,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  };
}
