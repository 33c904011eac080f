import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { InlineBulkWriter } from '../../db/bulk-writer.js';
import type { Database } from '../../db/db.provider.js';
import { tenantUser } from '../../db/schema/index.js';
import { insertOrganization } from '../../test/sync-fixtures.js';
import { createTestDatabase } from '../../test/test-database.js';
import type { IngestUser } from './graph-user.util.js';
import { TenantUserRepository } from './tenant-user.repository.js';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
const user = (values: Partial<IngestUser> = {}): IngestUser => ({
  id: 'u1', userPrincipalName: 'ann@x.com', displayName: 'Ann', mail: 'ann@x.com', accountEnabled: true, userType: 'member',
  hasExchangePlan: true, hasOneDrive: true, ...values,
});

describe(TenantUserRepository.name, () => {
  let db: Database;
  let repository: TenantUserRepository;
  let org: { id: string; userKey: number; partnerId: string };
  const row = (id = 'u1') => db.select().from(tenantUser).all().find((item) => item.id === id)!;

  beforeEach(() => {
    db = createTestDatabase();
    repository = new TenantUserRepository(db, new InlineBulkWriter(db));
    org = insertOrganization(db);
  });

  describe('upsert', () => {
    it('should count a user added, then changed only when a synced property changes', () => {
      repository.upsert(org, [user()], at(1));
      expect(repository.runCounts(org.id, at(1))).toEqual({ added: 1, changed: 0, removed: 0 });
      repository.upsert(org, [user()], at(2));
      expect(repository.runCounts(org.id, at(2))).toEqual({ added: 0, changed: 0, removed: 0 });
      repository.upsert(org, [user({ displayName: 'Ann B' })], at(3));
      expect(repository.runCounts(org.id, at(3))).toEqual({ added: 0, changed: 1, removed: 0 });
      expect(row()).toMatchObject({ displayName: 'Ann B', firstSeenAt: at(1), lastSeenAt: at(3), hasMailbox: true });
    });

    it('should keep what a mailbox lookup found until the Exchange plan comes or goes', async () => {
      repository.upsert(org, [user({ hasExchangePlan: false })], at(1));
      expect(repository.pendingMailboxLookups(org.id, '', 10)).toEqual(['u1']);
      expect(await repository.saveMailboxFacts(org.id, [{ id: 'u1', hasMailbox: true, isSharedMailbox: true }], at(1))).toEqual(['u1']);
      expect(await repository.saveMailboxFacts(org.id, [{ id: 'u1', hasMailbox: true, isSharedMailbox: true }], at(2))).toEqual([]);
      expect(repository.pendingMailboxLookups(org.id, '', 10)).toEqual([]);

      repository.upsert(org, [user({ hasExchangePlan: false, displayName: 'Shared' })], at(2));
      expect(row()).toMatchObject({ hasMailbox: true, isSharedMailbox: true, mailboxPurposeKnown: true });

      repository.upsert(org, [user({ hasExchangePlan: true })], at(3));
      expect(row()).toMatchObject({ hasMailbox: true, isSharedMailbox: false, mailboxPurposeKnown: false });
      repository.upsert(org, [user({ hasExchangePlan: false })], at(4));
      expect(row()).toMatchObject({ hasMailbox: false, isSharedMailbox: false });
      expect(repository.pendingMailboxLookups(org.id, '', 10)).toEqual(['u1']);
    });

    it('should settle a member with neither an Exchange plan nor an address without a lookup, and ask once an address appears', async () => {
      expect(repository.upsert(org, [user({ hasExchangePlan: false, mail: null })], at(1)).pending).toEqual([]);
      expect(row()).toMatchObject({ hasMailbox: false, isSharedMailbox: false, mailboxPurposeKnown: true });
      expect(repository.pendingMailboxLookups(org.id, '', 10)).toEqual([]);

      expect(repository.upsert(org, [user({ hasExchangePlan: false, mail: 'shared@x.com' })], at(2)).pending).toEqual(['u1']);
      expect(row()).toMatchObject({ hasMailbox: false, mailboxPurposeKnown: false });
      await repository.saveMailboxFacts(org.id, [{ id: 'u1', hasMailbox: true, isSharedMailbox: true }], at(2));
      repository.upsert(org, [user({ hasExchangePlan: false, mail: 'shared@x.com', displayName: 'Shared' })], at(3));
      expect(row()).toMatchObject({ hasMailbox: true, isSharedMailbox: true, mailboxPurposeKnown: true });

      expect(repository.upsert(org, [user({ hasExchangePlan: false, mail: null })], at(4)).pending).toEqual([]);
      expect(row()).toMatchObject({ hasMailbox: false, isSharedMailbox: false, mailboxPurposeKnown: true });
      repository.upsert(org, [user({ hasExchangePlan: true, mail: null })], at(5));
      expect(row()).toMatchObject({ hasMailbox: true, isSharedMailbox: false, mailboxPurposeKnown: false });
      expect(repository.pendingMailboxLookups(org.id, '', 10)).toEqual([]);
    });

    it('should read the users waiting for a lookup through tenant_user_lookup_idx', () => {
      const prepare = vi.spyOn(db.$client, 'prepare');
      repository.pendingMailboxLookups(org.id, '', 10);
      const query = String(prepare.mock.calls.at(-1)![0]);
      prepare.mockRestore();
      const parameters = (query.match(/\?/g) ?? []).map(() => null);
      const plan = (db.$client.prepare(`explain query plan ${query}`).all(...parameters) as { detail: string }[]).map((row) => row.detail);
      expect(plan.join(' | ')).toMatch(/USING (COVERING )?INDEX tenant_user_lookup_idx/);
    });

    it('should never ask about guests', () => {
      repository.upsert(org, [user({ userType: 'guest', hasExchangePlan: false, hasOneDrive: false })], at(1));
      expect(repository.pendingMailboxLookups(org.id, '', 10)).toEqual([]);
    });
  });

  describe('upsertListed', () => {
    it('should write what upsert writes and return the users upsert marks as waiting for a lookup', async () => {
      const other = createTestDatabase();
      const otherRepository = new TenantUserRepository(other, new InlineBulkWriter(other));
      const otherOrg = insertOrganization(other);
      const steps: { users: IngestUser[]; facts?: { id: string; hasMailbox: boolean; isSharedMailbox: boolean }[] }[] = [
        { users: [user(), user({ id: 'u2', hasExchangePlan: false }), user({ id: 'u3', userType: 'guest', hasExchangePlan: false })] },
        { users: [user({ displayName: 'Ann B' }), user({ id: 'u2', hasExchangePlan: false })], facts: [{ id: 'u2', hasMailbox: true, isSharedMailbox: true }] },
        { users: [user({ hasExchangePlan: false }), user({ id: 'u2', hasExchangePlan: false, displayName: 'Shared' })] },
        { users: [user({ hasExchangePlan: false }), user({ id: 'u2', hasExchangePlan: true })] },
        { users: [user({ hasExchangePlan: false, mail: null }), user({ id: 'u4', hasExchangePlan: false, mail: null })] },
        { users: [user({ hasExchangePlan: false }), user({ id: 'u4', hasExchangePlan: false })], facts: [{ id: 'u4', hasMailbox: true, isSharedMailbox: false }] },
        { users: [user({ id: 'u4', hasExchangePlan: false, mail: null })] },
      ];
      for (const [index, step] of steps.entries()) {
        const expected = repository.upsert(org, step.users, at(index)).pending;
        expect(await otherRepository.upsertListed(otherOrg, step.users, at(index)), `step ${index}`).toEqual(expected);
        if (step.facts) {
          await repository.saveMailboxFacts(org.id, step.facts, at(index));
          await otherRepository.saveMailboxFacts(otherOrg.id, step.facts, at(index));
        }
        const rows = (target: Database) => target.select().from(tenantUser).all().map(({ organizationKey: _key, ...rest }) => rest);
        expect(rows(other), `step ${index}`).toEqual(rows(db));
        expect(otherRepository.runCounts(otherOrg.id, at(index))).toEqual(repository.runCounts(org.id, at(index)));
      }
      expect(repository.upsert(org, [user({ id: 'u2', hasExchangePlan: false })], at(9)).pending).toEqual(['u2']);
    });
  });

  describe('runTotals', () => {
    it("should give a run's counts and the organization's summary from one pass", () => {
      repository.upsert(org, [user(), user({ id: 'u2', userPrincipalName: 'bob@x.com', userType: 'guest' }), user({ id: 'u3', userPrincipalName: 'cy@x.com' })], at(1));
      db.update(tenantUser).set({ licensed: true }).where(eq(tenantUser.id, 'u1')).run();
      repository.remove(org.id, ['u3'], at(2));
      repository.upsert(org, [user({ displayName: 'Ann B' })], at(2));
      expect(repository.runTotals(org.id, at(2))).toEqual({
        counts: { added: 0, changed: 1, removed: 1 },
        summary: { users: 2, licensed: 1, eligibleUnlicensed: 0 },
      });
      expect(repository.summary(org.id)).toEqual({ users: 2, licensed: 1, eligibleUnlicensed: 0 });
    });
  });

  describe('remove', () => {
    it('should mark @removed users deleted once, returning those that held a seat', () => {
      repository.upsert(org, [user(), user({ id: 'u2', userPrincipalName: 'bob@x.com' })], at(1));
      db.update(tenantUser).set({ licensed: true }).run();
      expect(repository.remove(org.id, ['u1', 'missing'], at(2))).toEqual([{ id: 'u1', userPrincipalName: 'ann@x.com', licensed: true }]);
      expect(repository.remove(org.id, ['u1'], at(3))).toEqual([]);
      expect(repository.runCounts(org.id, at(2))).toEqual({ added: 0, changed: 0, removed: 1 });
    });

    it('should mark deleted the users a full listing did not return, and bring back one that reappears', () => {
      repository.upsert(org, [user(), user({ id: 'u2', userPrincipalName: 'bob@x.com' })], at(1));
      repository.upsert(org, [user()], at(2));
      expect(repository.removeUnseen(org.id, at(2)).map((removed) => removed.id)).toEqual(['u2']);
      expect(row('u2')).toMatchObject({ deletedInTenant: true, deletedAt: at(2) });
      repository.upsert(org, [user({ id: 'u2', userPrincipalName: 'bob@x.com' })], at(3));
      expect(row('u2')).toMatchObject({ deletedInTenant: false, deletedAt: null });
      expect(repository.runCounts(org.id, at(3))).toEqual({ added: 0, changed: 1, removed: 0 });
    });
  });
});
