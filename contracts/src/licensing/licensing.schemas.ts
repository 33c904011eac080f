import { z } from 'zod';
import { ErrorCodeSchema } from '../common/errors.js';
import { IdSchema, IsoDateTimeSchema } from '../common/paging.js';
import { UserCountsSchema } from '../users/users.schemas.js';

/** Either explicit users or every user matching a filter (JSON booleans here, not query strings). */
export const LicenseSelectionSchema = z.union([
  z.object({ userIds: z.array(IdSchema).min(1).max(5000) }).strict(),
  z
    .object({
      filter: z
        .object({
          search: z.string().trim().max(200).optional(),
          licensed: z.boolean().optional(),
          eligible: z.boolean().optional(),
          hasMailbox: z.boolean().optional(),
          hasOneDrive: z.boolean().optional(),
          userType: z.enum(['member', 'guest']).optional(),
        })
        .strict(),
    })
    .strict(),
]);
export type LicenseSelection = z.infer<typeof LicenseSelectionSchema>;

export const MAX_REJECTED_LISTED = 1000;

export const SeatUsageSchema = z.object({
  total: z.number().int().nonnegative(),
  used: z.number().int().nonnegative(),
  available: z.number().int(),
});
export type SeatUsage = z.infer<typeof SeatUsageSchema>;

export const LicenseChangeResultSchema = z.object({
  changed: z.number().int(),
  unchanged: z.number().int(),
  rejected: z
    .array(z.object({ userId: z.string(), code: ErrorCodeSchema, message: z.string() }))
    .describe(`The first ${MAX_REJECTED_LISTED} users left unchanged because of an error`),
  rejectedTotal: z.number().int().optional().describe('Every user left unchanged because of an error, listed or not'),
  seats: SeatUsageSchema,
  counts: UserCountsSchema,
});
export type LicenseChangeResult = z.infer<typeof LicenseChangeResultSchema>;

export const PartnerSeatsSchema = SeatUsageSchema.extend({
  organizations: z.array(
    z.object({ organizationId: z.string(), customerName: z.string(), used: z.number().int() }),
  ),
});
export type PartnerSeats = z.infer<typeof PartnerSeatsSchema>;

export const LicenseChangeSchema = z.object({
  id: IdSchema,
  userId: z.string(),
  userPrincipalName: z.string(),
  action: z.enum(['assigned', 'unassigned']),
  reason: z.enum(['automatic', 'technician', 'user_deleted', 'mode_switch', 'not_eligible']),
  actor: z.string().describe('Technician id, or "system" for automatic changes'),
  at: IsoDateTimeSchema,
});
export type LicenseChange = z.infer<typeof LicenseChangeSchema>;
