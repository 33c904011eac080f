import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema, PageQuerySchema } from '../common/paging.js';
import { AttentionReasonSchema } from '../organizations/organizations.schemas.js';

export const EVENT_TYPES = [
  'organization.connected',
  'organization.failed',
  'organization.disconnected',
  'organization.needs_attention',
  'sync.failed',
  'seats.exhausted',
  'credential.expiring',
  'device.default_missing',
] as const;
export const EventTypeSchema = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof EventTypeSchema>;

const organizationRef = {
  organizationId: z.string(),
  customerId: z.string(),
  tenantId: z.string().nullable(),
};

export const EventDataSchemas = {
  'organization.connected': z.object({ ...organizationRef, tenantName: z.string(), usersFound: z.number().int(), usersLicensed: z.number().int() }),
  'organization.failed': z.object({ customerId: z.string(), onboardingId: z.string(), code: z.string(), message: z.string() }),
  'organization.disconnected': z.object({ ...organizationRef, applicationRemoved: z.boolean() }),
  'organization.needs_attention': z.object({ ...organizationRef, reason: AttentionReasonSchema, message: z.string() }),
  'sync.failed': z.object({ ...organizationRef, syncRunId: z.string(), code: z.string(), message: z.string() }),
  'seats.exhausted': z.object({ totalSeats: z.number().int(), usersWaiting: z.number().int() }),
  'credential.expiring': z.object({ ...organizationRef, thumbprintSha256: z.string(), expiresAt: IsoDateTimeSchema }),
  'device.default_missing': z.object({ ...organizationRef, deviceId: z.string() }),
} as const satisfies Record<EventType, z.ZodTypeAny>;

function envelope<T extends EventType>(type: T) {
  return z.object({
    id: IdSchema.describe('Also sent as webhook-id; the same event keeps its id across retries'),
    type: z.literal(type),
    partnerId: z.string(),
    occurredAt: IsoDateTimeSchema,
    data: EventDataSchemas[type],
  });
}

/** The body POSTed to the host's event endpoint, signed per Standard Webhooks. */
export const EventEnvelopeSchema = z.discriminatedUnion('type', [
  envelope('organization.connected'),
  envelope('organization.failed'),
  envelope('organization.disconnected'),
  envelope('organization.needs_attention'),
  envelope('sync.failed'),
  envelope('seats.exhausted'),
  envelope('credential.expiring'),
  envelope('device.default_missing'),
]);
export type EventEnvelope = z.infer<typeof EventEnvelopeSchema>;
export type EventData<T extends EventType> = z.infer<(typeof EventDataSchemas)[T]>;

export const EventDeliverySchema = z.object({
  id: IdSchema,
  type: EventTypeSchema,
  organizationId: z.string().nullable(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  nextAttemptAt: IsoDateTimeSchema.nullable(),
  lastError: z.string().nullable(),
  createdAt: IsoDateTimeSchema,
  deliveredAt: IsoDateTimeSchema.nullable(),
});
export type EventDelivery = z.infer<typeof EventDeliverySchema>;

export const ListEventsQuerySchema = PageQuerySchema.extend({
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
});
