import { z } from 'zod';
import { IdSchema } from '../common/paging.js';

export const DomainNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(253)
  .regex(/^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'Not a valid domain name');

export const OrganizationStatusSchema = z.enum([
  'connecting',
  'configuring',
  'connected',
  'needs_attention',
  'disconnected',
]);
export type OrganizationStatus = z.infer<typeof OrganizationStatusSchema>;

export const CustomerSchema = z.object({
  id: IdSchema,
  name: z.string(),
  domains: z.array(z.string()).describe('Domains the host knows for this customer; used to catch a wrong-tenant sign-in'),
  organizationId: z.string().nullable(),
  organizationStatus: OrganizationStatusSchema.nullable(),
  activeOnboardingId: z.string().nullable(),
});
export type Customer = z.infer<typeof CustomerSchema>;

export const ListCustomersQuerySchema = z.object({
  search: z.string().trim().max(200).optional(),
  connectable: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .describe('true: only customers without a connected organization or an active onboarding'),
});
