import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/db.provider.js';
import { insertOrganization, insertUser } from '../../test/sync-fixtures.js';
import { createTestDatabase } from '../../test/test-database.js';
import { UsersRepository, type UserQueryFilter } from './users.repository.js';

describe(UsersRepository.name, () => {
  let db: Database;
  let repository: UsersRepository;
  let organizationId: string;
  const statements: string[] = [];

  /** The plan SQLite picks for the last statement the repository ran. */
  function lastPlan(): string {
    const sql = statements.findLast((statement) => !statement.startsWith('explain'))!;
    const parameters = (sql.match(/\?/g) ?? []).map(() => null);
    return (db.$client.prepare(`explain query plan ${sql}`).all(...parameters) as { detail: string }[]).map((row) => row.detail).join(' | ');
  }

  function walk(filter: UserQueryFilter, limit: number) {
    const seen: string[] = [];
    let after: { userPrincipalName: string; id: string } | undefined;
    for (;;) {
      const page = repository.page(organizationId, filter, after, limit);
      seen.push(...page.map((user) => user.userPrincipalName));
      if (page.length < limit) return seen;
      after = page.at(-1)!;
    }
  }

  beforeAll(() => {
    db = createTestDatabase();
    const org = insertOrganization(db);
    const other = insertOrganization(db);
    organizationId = org.id;
    const names = ['Alice', 'alan', 'Bob', 'bea', 'Carl', 'zoe'];
    for (let index = 0; index < 3_000; index++) {
      const name = names[index % names.length]!;
      insertUser(db, org, {
        userPrincipalName: `${name}.${index}@contoso.com`,
        displayName: `${name} ${index}`,
        licensed: index % 3 === 0,
        userType: index % 10 === 0 ? 'guest' : 'member',
        hasMailbox: index % 10 !== 0,
        deletedInTenant: index % 100 === 1,
      });
    }
    insertUser(db, other, { userPrincipalName: 'alice.other@fabrikam.com' });
    const prepare = db.$client.prepare.bind(db.$client);
    db.$client.prepare = ((sql: string) => {
      statements.push(sql);
      return prepare(sql);
    }) as typeof db.$client.prepare;
    repository = new UsersRepository(db);
  });

  describe('page', () => {
    it('should walk every user once in case-insensitive UPN order with the keyset cursor', () => {
      const seen = walk({}, 137);
      expect(seen).toHaveLength(3_000 - 30);
      expect(new Set(seen).size).toBe(seen.length);
      const noCase = (upn: string) => upn.toLowerCase();
      expect(seen).toEqual([...seen].sort((a, b) => (noCase(a) < noCase(b) ? -1 : noCase(a) > noCase(b) ? 1 : 0)));
    });

    it('should read the UPN index, without sorting the organization in memory', () => {
      repository.page(organizationId, {}, { userPrincipalName: 'bob', id: '' }, 100);
      expect(lastPlan()).toMatch(/USING INDEX tenant_user_upn_idx/);
      expect(lastPlan()).not.toMatch(/TEMP B-TREE/);
    });

    it('should find users by name or UPN prefix, ignoring case, through both indexes', () => {
      const found = walk({ search: 'al' }, 50);
      expect(found.length).toBe(1_000 - 10);
      expect(found.every((upn) => /^al/i.test(upn))).toBe(true);
      expect(walk({ search: 'ALICE 6' }, 50).every((upn) => upn.startsWith('Alice.6'))).toBe(true);
      repository.page(organizationId, { search: 'al' }, { userPrincipalName: 'alan.5', id: '' }, 50);
      const plan = lastPlan();
      expect(plan).toMatch(/tenant_user_upn_idx \(organization_key=\? AND user_principal_name>\? AND user_principal_name<\?\)/);
      expect(plan).toMatch(/tenant_user_name_idx \(organization_key=\? AND display_name>\? AND display_name<\?\)/);
    });

    it('should count a search through both indexes, not a scan of the table', () => {
      expect(repository.countMatching(organizationId, { search: 'al' })).toBe(1_000 - 10);
      const plan = lastPlan();
      expect(plan).toMatch(/tenant_user_upn_idx \(organization_key=\? AND user_principal_name>\? AND user_principal_name<\?\)/);
      expect(plan).toMatch(/tenant_user_name_idx \(organization_key=\? AND display_name>\? AND display_name<\?\)/);
      expect(plan).not.toMatch(/SCAN tenant_user/);
    });

    it('should filter by licensed, eligible, user type and deleted', () => {
      const licensed = repository.page(organizationId, { licensed: true }, undefined, 5_000);
      expect(licensed.every((user) => user.licensed && !user.deletedInTenant)).toBe(true);
      expect(repository.page(organizationId, { eligible: true }, undefined, 5_000).every((user) => user.userType === 'member' && user.hasMailbox)).toBe(true);
      expect(repository.page(organizationId, { userType: 'guest' }, undefined, 5_000)).toHaveLength(300);
      expect(repository.page(organizationId, { deleted: true }, undefined, 5_000)).toHaveLength(30);
      expect(repository.countMatching(organizationId, { eligible: false })).toBe(300);
    });
  });

  describe('counts', () => {
    it('should count the whole organization, ignoring deleted users but counting them apart', () => {
      expect(repository.counts(organizationId)).toEqual({ total: 2_970, licensed: 990, eligible: 2_670, eligibleUnlicensed: 1_780, deleted: 30 });
    });
  });
});
