import type { TestingModule } from '@nestjs/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/db.provider.js';
import { licenseChange, outboxEvent, tenantUser } from '../../db/schema/index.js';
import { createSyncTestingModule, insertOrganization, insertUser } from '../../test/sync-fixtures.js';
import { createTestConfig } from '../../test/test-config.js';
import { createTestDatabase } from '../../test/test-database.js';
import { PartnersService } from '../partners/partners.service.js';
import { AutomaticLicensingService } from './automatic-licensing.service.js';
import { SeatsService } from './seats.service.js';

const day = (n: number) => new Date(Date.UTC(2026, 0, n));

describe(AutomaticLicensingService.name, () => {
  let db: Database;
  let moduleRef: TestingModule;
  let service: AutomaticLicensingService;

  const licensedUpns = (organization: { userKey: number }) =>
    db.select().from(tenantUser).all().filter((user) => user.organizationKey === organization.userKey && user.licensed).map((user) => user.userPrincipalName).sort();
  const events = () => db.select().from(outboxEvent).all().map((event) => event.envelope);

  beforeEach(async () => {
    db = createTestDatabase();
    moduleRef = await createSyncTestingModule(createTestConfig({ DEFAULT_SEAT_POOL: '5' }), db);
    service = moduleRef.get(AutomaticLicensingService, { strict: false });
  });

  describe('apply', () => {
    it('should license first seen first, then by UPN, until the partner pool runs out, and tell the host once per waiting user', async () => {
      const a = insertOrganization(db);
      const b = insertOrganization(db);
      for (const upn of ['d@a', 'c@a', 'b@a', 'a@a']) insertUser(db, a, { userPrincipalName: upn, firstSeenAt: day(1) });
      insertUser(db, b, { userPrincipalName: 'z@b', firstSeenAt: day(1) });
      insertUser(db, b, { userPrincipalName: 'a@b', firstSeenAt: day(2) });
      insertUser(db, b, { userPrincipalName: 'b@b', firstSeenAt: day(2) });

      expect(await service.apply(a, 'automatic')).toEqual({ licensed: 4, released: 0, waiting: 0 });
      expect(await service.apply(b, 'automatic')).toEqual({ licensed: 1, released: 0, waiting: 2 });
      expect(licensedUpns(b)).toEqual(['z@b']);
      expect(moduleRef.get(SeatsService, { strict: false }).usage(a.partnerId)).toEqual({ total: 5, used: 5, available: 0 });
      expect(events()).toEqual([expect.objectContaining({ type: 'seats.exhausted', data: { totalSeats: 5, usersWaiting: 2 } })]);

      expect(await service.apply(b, 'automatic')).toEqual({ licensed: 0, released: 0, waiting: 2 });
      expect(events()).toHaveLength(1);
      insertUser(db, b, { userPrincipalName: 'c@b', firstSeenAt: day(3) });
      await service.apply(b, 'automatic');
      expect(events()).toHaveLength(2);
      expect(events()[1]).toMatchObject({ data: { usersWaiting: 3 } });

      moduleRef.get(PartnersService, { strict: false }).setSeatPool(a.partnerId, 7);
      await service.apply(b, 'automatic');
      expect(licensedUpns(b)).toEqual(['a@b', 'b@b', 'z@b']);
    });

    it('should give seats to enabled users and shared mailboxes only, and let a disabled user keep the seat it has', async () => {
      const org = insertOrganization(db);
      insertUser(db, org, { userPrincipalName: 'shared@x', accountEnabled: false, isSharedMailbox: true, hasOneDrive: false, hasExchangePlan: false });
      insertUser(db, org, { userPrincipalName: 'disabled@x', accountEnabled: false });
      insertUser(db, org, { userPrincipalName: 'disabled-licensed@x', accountEnabled: false, licensed: true });
      insertUser(db, org, { userPrincipalName: 'guest@x', userType: 'guest', hasMailbox: false, hasOneDrive: false });
      insertUser(db, org, { userPrincipalName: 'nothing@x', hasMailbox: false, hasOneDrive: false });
      insertUser(db, org, { userPrincipalName: 'onedrive-only@x', hasMailbox: false });
      await service.apply(org, 'automatic');
      expect(licensedUpns(org)).toEqual(['disabled-licensed@x', 'onedrive-only@x', 'shared@x']);
    });

    it('should release the seats of users no longer eligible, recording why', async () => {
      const org = insertOrganization(db);
      insertUser(db, org, { userPrincipalName: 'lost-license@x', licensed: true, hasMailbox: false, hasOneDrive: false });
      insertUser(db, org, { userPrincipalName: 'kept@x', licensed: true });
      expect(await service.apply(org, 'automatic')).toMatchObject({ released: 1 });
      expect(licensedUpns(org)).toEqual(['kept@x']);
      expect(db.select().from(licenseChange).all()).toEqual([
        expect.objectContaining({ userPrincipalName: 'lost-license@x', action: 'unassigned', reason: 'not_eligible', actor: 'system' }),
      ]);
    });

    it('should record every seat it gives, who gave it and why', async () => {
      const org = insertOrganization(db);
      for (const upn of ['b@x', 'a@x']) insertUser(db, org, { userPrincipalName: upn });
      await service.apply(org, 'mode_switch', 'tech-1');
      const records = db.select().from(licenseChange).all().map((change) => [change.userPrincipalName, change.action, change.reason, change.actor]);
      expect(records.sort()).toEqual([
        ['a@x', 'assigned', 'mode_switch', 'tech-1'],
        ['b@x', 'assigned', 'mode_switch', 'tech-1'],
      ]);
    });

    it('should spend a short pool on the same users whatever order they were stored in', async () => {
      moduleRef.get(PartnersService, { strict: false }).setSeatPool('partner-1', 2);
      const org = insertOrganization(db, { partnerId: 'partner-1' });
      for (const upn of ['d@x', 'b@x', 'c@x', 'a@x']) insertUser(db, org, { userPrincipalName: upn, firstSeenAt: day(1) });
      await service.apply(org, 'automatic');
      expect(licensedUpns(org)).toEqual(['a@x', 'b@x']);
    });
  });

  describe('seatsAdded', () => {
    it('should license the users automatic organizations left waiting, first connected first, as far as the new seats go', async () => {
      const partners = moduleRef.get(PartnersService, { strict: false });
      const full = insertOrganization(db, { connectedAt: day(1) });
      const third = insertOrganization(db, { connectedAt: day(3) });
      const second = insertOrganization(db, { connectedAt: day(2) });
      const manual = insertOrganization(db, { connectedAt: day(0), licenseMode: 'manual' });
      const gone = insertOrganization(db, { connectedAt: day(0), status: 'disconnected' });
      for (const upn of ['a@1', 'b@1', 'c@1', 'd@1']) insertUser(db, full, { userPrincipalName: upn });
      for (const upn of ['a@2', 'b@2', 'c@2']) insertUser(db, second, { userPrincipalName: upn });
      for (const upn of ['a@3', 'b@3']) insertUser(db, third, { userPrincipalName: upn });
      insertUser(db, manual, { userPrincipalName: 'a@m' });
      insertUser(db, gone, { userPrincipalName: 'a@g', unlicensedReason: 'no_seats_left' });
      for (const organization of [full, second, third]) await service.apply(organization, 'automatic');
      expect([licensedUpns(full).length, licensedUpns(second).length, licensedUpns(third).length]).toEqual([4, 1, 0]);

      expect(await service.seatsAdded(full.partnerId, 'host')).toBe(0);
      partners.setSeatPool(full.partnerId, 7);
      expect(await service.seatsAdded(full.partnerId, 'host')).toBe(2);
      expect(licensedUpns(second)).toEqual(['a@2', 'b@2', 'c@2']);
      expect(licensedUpns(third)).toEqual([]);
      partners.setSeatPool(full.partnerId, 20);
      expect(await service.seatsAdded(full.partnerId, 'host')).toBe(2);
      expect(licensedUpns(third)).toEqual(['a@3', 'b@3']);
      expect([licensedUpns(manual), licensedUpns(gone)]).toEqual([[], []]);
      const byHost = db.select().from(licenseChange).all().filter((change) => change.actor === 'host');
      expect(byHost).toHaveLength(4);
      expect(byHost.every((change) => change.reason === 'automatic')).toBe(true);
    });
  });

  describe('releaseDeleted', () => {
    it('should give the seat back with the reason user_deleted', () => {
      const org = insertOrganization(db);
      const user = insertUser(db, org, { licensed: true });
      service.releaseDeleted(org, [user], new Date());
      expect(licensedUpns(org)).toEqual([]);
      expect(db.select().from(licenseChange).get()).toMatchObject({ userId: user.id, reason: 'user_deleted', action: 'unassigned' });
    });
  });

  describe('seats', () => {
    it('should not count the users of disconnected organizations', () => {
      const live = insertOrganization(db);
      const gone = insertOrganization(db, { status: 'disconnected' });
      insertUser(db, live, { licensed: true });
      insertUser(db, gone, { licensed: true });
      expect(moduleRef.get(SeatsService, { strict: false }).partnerSeats(live.partnerId)).toMatchObject({
        used: 1,
        organizations: [{ organizationId: live.id, used: 1 }],
      });
    });
  });
});
