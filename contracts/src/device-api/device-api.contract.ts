import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { pageOf } from '../common/paging.js';
import {
  AssignedUserSchema,
  AssignmentSchema,
  DeviceAccessTokenSchema,
  ListAssignedUsersQuerySchema,
} from './device-api.schemas.js';

const c = initContract();
const organizationParams = z.object({ organizationId: z.string().min(1) });

/** Called by backup devices with a device token (Authorization: Bearer). */
export const deviceApiContract = c.router({
  listAssignments: {
    method: 'GET',
    path: '/assignments',
    responses: { 200: z.object({ deviceId: z.string(), items: z.array(AssignmentSchema) }) },
    summary: 'Organizations this device backs up (it is their Default device)',
  },
  listAssignedUsers: {
    method: 'GET',
    path: '/assignments/:organizationId/users',
    pathParams: organizationParams,
    query: ListAssignedUsersQuerySchema,
    responses: { 200: pageOf(AssignedUserSchema) },
    summary: 'Licensed users of an assigned organization and the workloads to back up',
  },
  createAccessToken: {
    method: 'POST',
    path: '/assignments/:organizationId/access-token',
    pathParams: organizationParams,
    body: c.noBody(),
    responses: { 200: DeviceAccessTokenSchema },
    summary: 'A short-lived app-only Graph token for an assigned organization',
  },
});
