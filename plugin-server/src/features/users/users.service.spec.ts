import type { TestingModule } from '@nestjs/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/db.provider.js';
import { tenantUser } from '../../db/schema/index.js';
import { createSyncTestingModule, insertOrganization, insertUser } from '../../test/sync-fixtures.js';
import { createTestConfig } from '../../test/test-config.js';
import { createTestDatabase } from '../../test/test-database.js';
import { UsersService } from './users.service.js';

describe(UsersService.name, () => {
  let db: Database;
  let moduleRef: TestingModule;
  let service: UsersService;

  beforeEach(async () => {
    db = createTestDatabase();
    moduleRef = await createSyncTestingModule(createTestConfig(), db);
    service = moduleRef.get(UsersService, { strict: false });
  });

  describe('list', () => {
    it('should page with a cursor, derive each reason, and scope the organization to its partner', () => {
      const org = insertOrganization(db, { licenseMode: 'manual' });
      for (let index = 0; index < 5; index++) insertUser(db, org, { userPrincipalName: `u${index}@x.com` });
      insertUser(db, org, { userPrincipalName: 'guest@x.com', userType: 'guest', hasMailbox: false, hasOneDrive: false });
      const first = service.list(org.partnerId, org.id, { limit: 4 });
      expect(first.items.map((user) => user.userPrincipalName)).toEqual(['guest@x.com', 'u0@x.com', 'u1@x.com', 'u2@x.com']);
      expect(first).toMatchObject({ total: 6, counts: { total: 6, eligible: 5, licensed: 0, eligibleUnlicensed: 5, deleted: 0 } });
      expect(first.items.map((user) => user.unlicensedReason)).toEqual(['guest', 'manual_mode', 'manual_mode', 'manual_mode']);
      const second = service.list(org.partnerId, org.id, { limit: 4, cursor: first.nextCursor! });
      expect(second.items.map((user) => user.userPrincipalName)).toEqual(['u3@x.com', 'u4@x.com']);
      expect(second.nextCursor).toBeNull();
      expect(() => service.list('another-partner', org.id, { limit: 4 })).toThrowError(expect.objectContaining({ code: 'ORGANIZATION_NOT_FOUND' }));
      expect(() => service.list(org.partnerId, org.id, { limit: 4, cursor: 'not-a-cursor' })).toThrowError(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    });

    it('should keep the counts until a writer says the users changed', () => {
      const org = insertOrganization(db);
      insertUser(db, org);
      expect(service.list(org.partnerId, org.id, { limit: 10 }).counts.licensed).toBe(0);
      db.update(tenantUser).set({ licensed: true }).run();
      expect(service.list(org.partnerId, org.id, { limit: 10 }).counts.licensed).toBe(0);
      service.changed(org.id);
      expect(service.list(org.partnerId, org.id, { limit: 10 }).counts.licensed).toBe(1);
    });
  });
});
