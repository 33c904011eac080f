import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { pageOf } from '../common/paging.js';
import { ListSyncRunsQuerySchema, SyncRunSchema } from './sync.schemas.js';

const c = initContract();
const organizationParams = z.object({ organizationId: z.string().min(1) });

export const syncContract = c.router({
  listSyncRuns: {
    method: 'GET',
    path: '/organizations/:organizationId/sync-runs',
    pathParams: organizationParams,
    query: ListSyncRunsQuerySchema,
    responses: { 200: pageOf(SyncRunSchema) },
    summary: 'User sync history, newest first',
  },
  startSync: {
    method: 'POST',
    path: '/organizations/:organizationId/sync-runs',
    pathParams: organizationParams,
    body: c.noBody(),
    responses: { 202: SyncRunSchema },
    summary: 'Sync now: queue a user sync ahead of the schedule',
  },
});
