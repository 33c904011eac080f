import { beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/db.provider.js';
import { insertOrganization } from '../../test/sync-fixtures.js';
import { createTestDatabase } from '../../test/test-database.js';
import { SyncRunRepository } from './sync-run.repository.js';

describe(SyncRunRepository.name, () => {
  let db: Database;
  let repository: SyncRunRepository;
  const statements: string[] = [];

  /** The plan SQLite uses for the last statement the repository prepared. */
  function planOf(sql: string): string {
    const parameters = (sql.match(/\?/g) ?? []).map(() => null);
    return (db.$client.prepare(`explain query plan ${sql}`).all(...parameters) as { detail: string }[]).map((row) => row.detail).join(' | ');
  }

  beforeEach(() => {
    db = createTestDatabase();
    statements.length = 0;
    const prepare = db.$client.prepare.bind(db.$client);
    db.$client.prepare = ((sql: string) => {
      statements.push(sql);
      return prepare(sql);
    }) as typeof db.$client.prepare;
    repository = new SyncRunRepository(db);
  });

  describe('due', () => {
    it('should return connected organizations whose next sync has come, earliest first, through the next-sync index', () => {
      const now = new Date(Date.UTC(2026, 0, 1, 12));
      const late = insertOrganization(db, { nextSyncAt: new Date(now.getTime() - 60_000) });
      const later = insertOrganization(db, { nextSyncAt: new Date(now.getTime() - 1_000), status: 'needs_attention' });
      insertOrganization(db, { nextSyncAt: new Date(now.getTime() + 1_000) });
      insertOrganization(db, { nextSyncAt: null });
      insertOrganization(db, { nextSyncAt: new Date(now.getTime() - 60_000), status: 'disconnected' });
      expect(repository.due(now, 10).map((row) => row.id)).toEqual([late.id, later.id]);
      const due = statements.find((sql) => sql.includes('from "organization"'))!;
      expect(planOf(due)).toMatch(/USING INDEX organization_next_sync_idx \(next_sync_at<\?\)/);
    });
  });

  describe('queued', () => {
    it('should read the Sync now queue through its partial index, oldest first', () => {
      const org = insertOrganization(db);
      for (const [id, minute] of [['b', 2], ['a', 1]] as const) {
        repository.insert({ id, organizationId: org.id, partnerId: org.partnerId, kind: 'delta', trigger: 'manual', status: 'queued', queuedAt: new Date(Date.UTC(2026, 0, 1, 0, minute)) });
      }
      repository.start('b', new Date());
      expect(repository.queued(10).map((run) => run.id)).toEqual(['a']);
      expect(planOf(statements.find((sql) => sql.includes('"status" = \'queued\''))!)).toMatch(/USING INDEX sync_run_queued_idx/);
    });
  });
});
