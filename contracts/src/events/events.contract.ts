import { initContract } from '@ts-rest/core';
import { pageOf } from '../common/paging.js';
import { EventDeliverySchema, ListEventsQuerySchema } from './events.schemas.js';

const c = initContract();

export const eventsContract = c.router({
  listEvents: {
    method: 'GET',
    path: '/events',
    query: ListEventsQuerySchema,
    responses: { 200: pageOf(EventDeliverySchema) },
    summary: 'Events sent to the host and their delivery state (delivered, pending, failed)',
  },
});
