import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { DeviceSchema } from './devices.schemas.js';

const c = initContract();

export const devicesContract = c.router({
  listDevices: {
    method: 'GET',
    path: '/devices',
    responses: { 200: z.object({ items: z.array(DeviceSchema) }) },
    summary: "List the partner's backup devices (Main first)",
  },
});
