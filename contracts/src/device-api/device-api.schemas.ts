import { z } from 'zod';
import { IsoDateTimeSchema, PageQuerySchema } from '../common/paging.js';

export const AssignmentSchema = z.object({
  organizationId: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  tenantId: z.string(),
  tenantName: z.string(),
  licensedUsers: z.number().int(),
});
export type Assignment = z.infer<typeof AssignmentSchema>;

export const AssignedUserSchema = z.object({
  id: z.string(),
  userPrincipalName: z.string(),
  displayName: z.string().nullable(),
  isSharedMailbox: z.boolean(),
  workloads: z.object({
    mailbox: z.boolean(),
    contacts: z.boolean(),
    calendar: z.boolean(),
    oneDrive: z.boolean(),
  }),
});
export type AssignedUser = z.infer<typeof AssignedUserSchema>;

export const DeviceAccessTokenSchema = z.object({
  accessToken: z.string().describe('App-only Microsoft Graph token; the certificate never leaves the plugin'),
  expiresAt: IsoDateTimeSchema,
  tenantId: z.string(),
  graphBaseUrl: z.string().url(),
});
export type DeviceAccessToken = z.infer<typeof DeviceAccessTokenSchema>;

export const ListAssignedUsersQuerySchema = PageQuerySchema;
