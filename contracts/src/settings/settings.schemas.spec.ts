import { describe, expect, it } from 'vitest';
import {
  DEFAULT_APPLICATION_NAME,
  OnboardingSettingsInputSchema,
  OrganizationSettingsPatchSchema,
  USER_SYNC_INTERVALS_MINUTES,
} from './settings.schemas.js';

function issuePaths(result: { success: false; error: { issues: { path: (string | number)[] }[] } } | { success: true }) {
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

describe('OnboardingSettingsInputSchema', () => {
  it('should fill every default when nothing is given', () => {
    expect(OnboardingSettingsInputSchema.parse({})).toEqual({
      applicationName: DEFAULT_APPLICATION_NAME,
      licenseMode: 'automatic',
      userSyncIntervalMinutes: 60,
    });
  });

  it('should trim the application name', () => {
    expect(OnboardingSettingsInputSchema.parse({ applicationName: '  Acme Backup  ' }).applicationName).toBe('Acme Backup');
  });

  it.each([
    ['empty', '   '],
    ['too long', 'x'.repeat(121)],
    ['a control character', 'Acme\u0007Backup'],
    ['a newline', 'Acme\nBackup'],
    ['a C1 control character', 'Acme\u0085Backup'],
  ])('should refuse an application name that is %s', (_label, applicationName) => {
    const result = OnboardingSettingsInputSchema.safeParse({ applicationName });
    expect(issuePaths(result)).toEqual(['applicationName']);
  });

  it('should accept 120 characters and non-Latin letters', () => {
    expect(OnboardingSettingsInputSchema.safeParse({ applicationName: 'é'.repeat(120) }).success).toBe(true);
    expect(OnboardingSettingsInputSchema.safeParse({ applicationName: 'バックアップ' }).success).toBe(true);
  });

  it('should accept exactly the listed sync intervals', () => {
    for (const minutes of USER_SYNC_INTERVALS_MINUTES) {
      expect(OnboardingSettingsInputSchema.safeParse({ userSyncIntervalMinutes: minutes }).success).toBe(true);
    }
    for (const minutes of [0, 5, 45, 61, 1441, 60.5]) {
      const result = OnboardingSettingsInputSchema.safeParse({ userSyncIntervalMinutes: minutes });
      expect(issuePaths(result)).toEqual(['userSyncIntervalMinutes']);
    }
  });

  it('should refuse an unknown license mode and unknown fields', () => {
    expect(issuePaths(OnboardingSettingsInputSchema.safeParse({ licenseMode: 'sometimes' }))).toEqual(['licenseMode']);
    expect(OnboardingSettingsInputSchema.safeParse({ colour: 'blue' }).success).toBe(false);
  });
});

describe('OrganizationSettingsPatchSchema', () => {
  it('should refuse an empty patch', () => {
    expect(OrganizationSettingsPatchSchema.safeParse({}).success).toBe(false);
  });

  it('should accept a single change', () => {
    expect(OrganizationSettingsPatchSchema.parse({ licenseMode: 'manual' })).toEqual({ licenseMode: 'manual' });
  });
});
