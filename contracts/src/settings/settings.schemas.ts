import { z } from 'zod';
import { IdSchema } from '../common/paging.js';

export const DEFAULT_APPLICATION_NAME = 'Backup for Microsoft 365';
export const APPLICATION_NAME_MAX_LENGTH = 120;

// C0 and C1 control characters, which Entra would store but no admin could read in the portal.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

export const ApplicationNameSchema = z
  .string({ required_error: 'Application name is required' })
  .trim()
  .min(1, 'Application name cannot be empty')
  .max(APPLICATION_NAME_MAX_LENGTH, `Application name must be at most ${APPLICATION_NAME_MAX_LENGTH} characters`)
  .refine((name) => !CONTROL_CHARACTERS.test(name), 'Application name cannot contain control characters');

export const LICENSE_MODES = ['automatic', 'manual'] as const;
export const LicenseModeSchema = z.enum(LICENSE_MODES);
export type LicenseMode = z.infer<typeof LicenseModeSchema>;
export const DEFAULT_LICENSE_MODE: LicenseMode = 'automatic';

const syncIntervalMessage = 'User sync interval must be one of 15, 30, 60, 180, 360, 720 or 1440 minutes';

export const UserSyncIntervalSchema = z.union(
  [z.literal(15), z.literal(30), z.literal(60), z.literal(180), z.literal(360), z.literal(720), z.literal(1440)],
  { errorMap: () => ({ message: syncIntervalMessage }) },
);
export type UserSyncIntervalMinutes = z.infer<typeof UserSyncIntervalSchema>;
export const USER_SYNC_INTERVALS_MINUTES: readonly UserSyncIntervalMinutes[] = UserSyncIntervalSchema.options.map(
  (option) => option.value,
);
/**
 * Hourly: a new hire is protected within the hour, and a delta sync with no changes costs one Graph
 * request, so hundreds of organizations stay far below Microsoft's limits; 15 minutes would quadruple
 * the calls for little gain, and daily would leave new mailboxes unprotected for a working day.
 */
export const DEFAULT_USER_SYNC_INTERVAL_MINUTES: UserSyncIntervalMinutes = 60;

export const OrganizationSettingsSchema = z.object({
  applicationName: ApplicationNameSchema,
  licenseMode: LicenseModeSchema,
  defaultDeviceId: IdSchema,
  userSyncIntervalMinutes: UserSyncIntervalSchema,
});
export type OrganizationSettings = z.infer<typeof OrganizationSettingsSchema>;

/** What the technician may set when adding an organization; anything left out takes its default. */
export const OnboardingSettingsInputSchema = z
  .object({
    applicationName: ApplicationNameSchema.default(DEFAULT_APPLICATION_NAME),
    licenseMode: LicenseModeSchema.default(DEFAULT_LICENSE_MODE),
    defaultDeviceId: IdSchema.optional().describe("Defaults to the partner's Main device"),
    userSyncIntervalMinutes: UserSyncIntervalSchema.default(DEFAULT_USER_SYNC_INTERVAL_MINUTES),
  })
  .strict();
export type OnboardingSettingsInput = z.input<typeof OnboardingSettingsInputSchema>;
export type OnboardingSettings = z.output<typeof OnboardingSettingsInputSchema>;

export const OrganizationSettingsPatchSchema = z
  .object({
    applicationName: ApplicationNameSchema.optional().describe(
      'Fixed once the application is registered; a different value is refused',
    ),
    licenseMode: LicenseModeSchema.optional(),
    defaultDeviceId: IdSchema.optional(),
    userSyncIntervalMinutes: UserSyncIntervalSchema.optional(),
  })
  .strict()
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), {
    message: 'Change at least one setting',
  });
export type OrganizationSettingsPatch = z.infer<typeof OrganizationSettingsPatchSchema>;
