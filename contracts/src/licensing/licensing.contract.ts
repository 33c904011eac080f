import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { pageOf, PageQuerySchema } from '../common/paging.js';
import {
  LicenseChangeResultSchema,
  LicenseChangeSchema,
  LicenseSelectionSchema,
  PartnerSeatsSchema,
} from './licensing.schemas.js';

const c = initContract();
const organizationParams = z.object({ organizationId: z.string().min(1) });

export const licensingContract = c.router({
  assignLicenses: {
    method: 'POST',
    path: '/organizations/:organizationId/licenses/assign',
    pathParams: organizationParams,
    body: LicenseSelectionSchema,
    responses: { 200: LicenseChangeResultSchema },
    summary: 'License users for backup (manual mode), by ids or by filter',
  },
  unassignLicenses: {
    method: 'POST',
    path: '/organizations/:organizationId/licenses/unassign',
    pathParams: organizationParams,
    body: LicenseSelectionSchema,
    responses: { 200: LicenseChangeResultSchema },
    summary: 'Release the backup licenses of users (manual mode), by ids or by filter',
  },
  listLicenseChanges: {
    method: 'GET',
    path: '/organizations/:organizationId/license-changes',
    pathParams: organizationParams,
    query: PageQuerySchema,
    responses: { 200: pageOf(LicenseChangeSchema) },
    summary: 'Who or what changed which license, when and why',
  },
  getSeats: {
    method: 'GET',
    path: '/seats',
    responses: { 200: PartnerSeatsSchema },
    summary: "The partner's seat pool and its use per organization",
  },
});
