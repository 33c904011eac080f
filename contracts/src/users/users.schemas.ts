import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema, PageQuerySchema, queryBoolean } from '../common/paging.js';

export const UNLICENSED_REASONS = [
  'guest',
  'no_mailbox_or_onedrive',
  'disabled',
  'deleted',
  'no_seats_left',
  'manual_mode',
] as const;
export const UnlicensedReasonSchema = z.enum(UNLICENSED_REASONS);
export type UnlicensedReason = z.infer<typeof UnlicensedReasonSchema>;

export const OrganizationUserSchema = z.object({
  id: IdSchema.describe('Microsoft Graph object id'),
  userPrincipalName: z.string(),
  displayName: z.string().nullable(),
  mail: z.string().nullable(),
  accountEnabled: z.boolean(),
  userType: z.enum(['member', 'guest']),
  isSharedMailbox: z.boolean(),
  hasMailbox: z.boolean(),
  hasOneDrive: z.boolean(),
  deletedInTenant: z.boolean(),
  eligible: z.boolean().describe('A member with a mailbox or a OneDrive, shared mailboxes included'),
  licensed: z.boolean(),
  licensedAt: IsoDateTimeSchema.nullable(),
  unlicensedReason: UnlicensedReasonSchema.nullable(),
  firstSeenAt: IsoDateTimeSchema,
  lastSeenAt: IsoDateTimeSchema,
});
export type OrganizationUser = z.infer<typeof OrganizationUserSchema>;

/** The filter part of a user query; also used to pick users for a bulk license change. */
export const UserFilterSchema = z.object({
  search: z.string().trim().max(200).optional().describe('Display name or UPN starts with'),
  licensed: queryBoolean.optional(),
  eligible: queryBoolean.optional(),
  hasMailbox: queryBoolean.optional(),
  hasOneDrive: queryBoolean.optional(),
  deleted: queryBoolean.optional(),
  userType: z.enum(['member', 'guest']).optional(),
});
export type UserFilter = z.infer<typeof UserFilterSchema>;

export const ListUsersQuerySchema = PageQuerySchema.merge(UserFilterSchema);
export type ListUsersQuery = z.infer<typeof ListUsersQuerySchema>;

export const UserCountsSchema = z.object({
  total: z.number().int(),
  licensed: z.number().int(),
  eligible: z.number().int(),
  eligibleUnlicensed: z.number().int(),
  deleted: z.number().int(),
});
export type UserCounts = z.infer<typeof UserCountsSchema>;

export const UsersPageSchema = z.object({
  items: z.array(OrganizationUserSchema),
  nextCursor: z.string().nullable(),
  total: z.number().int().describe('Users matching the filter'),
  counts: UserCountsSchema.describe('Counts over the whole organization, ignoring the filter'),
});
export type UsersPage = z.infer<typeof UsersPageSchema>;
