import { describe, expect, it } from 'vitest';
import { onboarding } from '../../db/schema/index.js';
import { createTestDatabase } from '../../test/test-database.js';
import { OnboardingRepository } from './onboarding.repository.js';

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second));

describe(OnboardingRepository.name, () => {
  describe('markWatched', () => {
    it('should stamp an onboarding watched again only once the last stamp is older than the refresh time', () => {
      const db = createTestDatabase();
      const repository = new OnboardingRepository(db);
      db.insert(onboarding)
        .values(['a', 'b'].map((id) => ({
          id, partnerId: 'p', customerId: `c-${id}`, organizationId: `o-${id}`, status: 'awaiting_sign_in' as const, currentStep: 'sign_in' as const,
          steps: [], settings: { applicationName: 'Backup', licenseMode: 'automatic' as const, userSyncIntervalMinutes: 60 as const, defaultDeviceId: 'd' },
          watchedAt: id === 'a' ? at(0) : null,
        })))
        .run();
      const watched = () => Object.fromEntries(db.select().from(onboarding).all().map((row) => [row.id, row.watchedAt?.getTime() ?? null]));
      const rows = () => db.select().from(onboarding).all();

      repository.markWatched(rows(), at(3), 4_000);
      expect(watched()).toEqual({ a: at(0).getTime(), b: at(3).getTime() });
      repository.markWatched(rows(), at(4), 4_000);
      expect(watched()).toEqual({ a: at(4).getTime(), b: at(3).getTime() });
    });
  });
});
