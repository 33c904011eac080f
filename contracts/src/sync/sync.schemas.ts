import { z } from 'zod';
import { ErrorCodeSchema } from '../common/errors.js';
import { IdSchema, IsoDateTimeSchema, PageQuerySchema } from '../common/paging.js';

export const SyncRunSchema = z.object({
  id: IdSchema,
  organizationId: IdSchema,
  kind: z.enum(['full', 'delta']),
  trigger: z.enum(['scheduled', 'manual', 'onboarding', 'resync']),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  queuedAt: IsoDateTimeSchema,
  startedAt: IsoDateTimeSchema.nullable(),
  finishedAt: IsoDateTimeSchema.nullable(),
  usersAdded: z.number().int(),
  usersChanged: z.number().int(),
  usersRemoved: z.number().int(),
  pages: z.number().int(),
  requests: z.number().int(),
  throttleWaits: z.number().int(),
  throttleWaitMs: z.number().int(),
  error: z.object({ code: ErrorCodeSchema, message: z.string() }).nullable(),
});
export type SyncRun = z.infer<typeof SyncRunSchema>;

export const ListSyncRunsQuerySchema = PageQuerySchema;
