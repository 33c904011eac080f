import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { SeatUsageSchema } from '../licensing/licensing.schemas.js';
import {
  CustomerStatusSchema,
  HookAckSchema,
  SeatPoolHookSchema,
  StartOnboardingsHookResultSchema,
  StartOnboardingsHookSchema,
  UpsertCustomerHookSchema,
  UpsertDeviceHookSchema,
  WebhookHeadersSchema,
} from './hooks.schemas.js';

const c = initContract();
const partner = z.object({ partnerId: z.string().min(1) });
const customer = partner.extend({ customerId: z.string().min(1).max(128) });
const device = partner.extend({ deviceId: z.string().min(1).max(128) });

/** Host -> plugin REST hooks, signed per Standard Webhooks with the partner's secret. */
export const hooksContract = c.router(
  {
    upsertCustomer: {
      method: 'PUT',
      path: '/partners/:partnerId/customers/:customerId',
      pathParams: customer,
      body: UpsertCustomerHookSchema,
      responses: { 200: HookAckSchema },
      summary: 'Create or update a customer',
    },
    deleteCustomer: {
      method: 'DELETE',
      path: '/partners/:partnerId/customers/:customerId',
      pathParams: customer,
      body: c.noBody(),
      responses: { 200: HookAckSchema },
      summary: 'Delete a customer that has no connected organization',
    },
    upsertDevice: {
      method: 'PUT',
      path: '/partners/:partnerId/devices/:deviceId',
      pathParams: device,
      body: UpsertDeviceHookSchema,
      responses: { 200: HookAckSchema },
      summary: 'Create or update a backup device (with the Main flag and status)',
    },
    deleteDevice: {
      method: 'DELETE',
      path: '/partners/:partnerId/devices/:deviceId',
      pathParams: device,
      body: c.noBody(),
      responses: { 200: HookAckSchema },
      summary: 'Delete a device; organizations using it as default device need attention',
    },
    setSeatPool: {
      method: 'PUT',
      path: '/partners/:partnerId/seat-pool',
      pathParams: partner,
      body: SeatPoolHookSchema,
      responses: { 200: SeatUsageSchema },
      summary: "Set the partner's total backup seats; new seats go first to users waiting in automatic mode",
    },
    startOnboardings: {
      method: 'POST',
      path: '/partners/:partnerId/onboardings',
      pathParams: partner,
      body: StartOnboardingsHookSchema,
      responses: { 202: StartOnboardingsHookResultSchema },
      summary: 'Start onboardings for one or many customers with a settings template',
    },
    getCustomerStatus: {
      method: 'GET',
      path: '/partners/:partnerId/customers/:customerId/status',
      pathParams: customer,
      responses: { 200: CustomerStatusSchema },
      summary: 'Connection and onboarding status of one customer',
    },
    listCustomerStatuses: {
      method: 'GET',
      path: '/partners/:partnerId/status',
      pathParams: partner,
      responses: { 200: z.object({ items: z.array(CustomerStatusSchema) }) },
      summary: 'Connection and onboarding status of every customer of the partner',
    },
  },
  { baseHeaders: WebhookHeadersSchema },
);
