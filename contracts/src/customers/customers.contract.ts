import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { CustomerSchema, ListCustomersQuerySchema } from './customers.schemas.js';

const c = initContract();

export const customersContract = c.router({
  listCustomers: {
    method: 'GET',
    path: '/customers',
    query: ListCustomersQuerySchema,
    responses: { 200: z.object({ items: z.array(CustomerSchema) }) },
    summary: "List the partner's customers, as pushed by the host",
  },
});
