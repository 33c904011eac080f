import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { pageOf } from '../common/paging.js';
import { OrganizationSettingsPatchSchema, OrganizationSettingsSchema } from '../settings/settings.schemas.js';
import {
  AuditRecordSchema,
  DisconnectOrganizationSchema,
  ListOrganizationsQuerySchema,
  OrganizationSchema,
} from './organizations.schemas.js';

const c = initContract();
const organizationParams = z.object({ organizationId: z.string().min(1) });

export const organizationsContract = c.router({
  listOrganizations: {
    method: 'GET',
    path: '/organizations',
    query: ListOrganizationsQuerySchema,
    responses: { 200: pageOf(OrganizationSchema) },
    summary: "List the partner's Microsoft 365 organizations",
  },
  getOrganization: {
    method: 'GET',
    path: '/organizations/:organizationId',
    pathParams: organizationParams,
    responses: { 200: OrganizationSchema },
    summary: 'Get one organization with its status and counts',
  },
  getOrganizationSettings: {
    method: 'GET',
    path: '/organizations/:organizationId/settings',
    pathParams: organizationParams,
    responses: { 200: OrganizationSettingsSchema },
    summary: "Get an organization's settings",
  },
  updateOrganizationSettings: {
    method: 'PATCH',
    path: '/organizations/:organizationId/settings',
    pathParams: organizationParams,
    body: OrganizationSettingsPatchSchema,
    responses: { 200: OrganizationSettingsSchema },
    summary: 'Change license mode, default device or user sync interval',
  },
  disconnectOrganization: {
    method: 'POST',
    path: '/organizations/:organizationId/disconnect',
    pathParams: organizationParams,
    body: DisconnectOrganizationSchema,
    responses: { 200: OrganizationSchema },
    summary: 'Disconnect: delete the stored credential and stop syncing; keeps an audit record',
  },
  listAuditRecords: {
    method: 'GET',
    path: '/organizations/:organizationId/audit-records',
    pathParams: organizationParams,
    responses: { 200: z.object({ items: z.array(AuditRecordSchema) }) },
    summary: 'Onboarding, settings and disconnect records of an organization',
  },
});
