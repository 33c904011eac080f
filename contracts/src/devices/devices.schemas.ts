import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema } from '../common/paging.js';

export const DeviceStatusSchema = z.enum(['online', 'offline']);

export const DeviceSchema = z.object({
  id: IdSchema,
  name: z.string(),
  status: DeviceStatusSchema,
  lastSeenAt: IsoDateTimeSchema.nullable(),
  isMain: z.boolean().describe('The device the host marks as Main; preselected as Default device'),
  assignedOrganizations: z.number().int().nonnegative(),
});
export type Device = z.infer<typeof DeviceSchema>;
