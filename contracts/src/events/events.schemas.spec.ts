import { describe, expect, it } from 'vitest';
import { EventEnvelopeSchema } from './events.schemas.js';

describe('EventEnvelopeSchema', () => {
  it('should check the data against the event type', () => {
    const base = { id: 'evt_1', partnerId: 'p1', occurredAt: '2026-11-27T10:00:00Z' };
    expect(
      EventEnvelopeSchema.safeParse({ ...base, type: 'seats.exhausted', data: { totalSeats: 10, usersWaiting: 3 } }).success,
    ).toBe(true);
    expect(
      EventEnvelopeSchema.safeParse({ ...base, type: 'seats.exhausted', data: { organizationId: 'o1' } }).success,
    ).toBe(false);
    expect(EventEnvelopeSchema.safeParse({ ...base, type: 'unknown.event', data: {} }).success).toBe(false);
  });
});
