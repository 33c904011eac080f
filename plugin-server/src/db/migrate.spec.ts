import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './db.provider.js';
import { applyMigrations, MIGRATIONS_FOLDER } from './migrate.js';

/** A copy of the migrations folder that stops after `lastTag`, as a database of that release has it. */
function migrationsUpTo(lastTag: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'migrations-'));
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalFile = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(0, journal.entries.findIndex((entry) => entry.tag === lastTag) + 1);
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

describe('migrations', () => {
  it('should move existing tenant users onto their organization key (0006)', () => {
    const db = openDatabase(':memory:');
    migrate(db, { migrationsFolder: migrationsUpTo('0005_onboarding_purpose') });
    const sqlite = db.$client;
    const insertOrganization = sqlite.prepare(
      `insert into organization (id, partner_id, customer_id, status, application_name, license_mode, default_device_id, sync_interval_minutes, created_at, updated_at)
       values (?, 'p1', ?, 'connected', 'Backup', 'automatic', 'd1', 60, 0, 0)`,
    );
    const insertUser = sqlite.prepare(
      `insert into tenant_user (organization_id, id, partner_id, user_principal_name, account_enabled, user_type, licensed, first_seen_at, last_seen_at)
       values (?, ?, 'p1', ?, 1, 'member', ?, 0, 0)`,
    );
    insertOrganization.run('org-a', 'cust-a');
    insertOrganization.run('org-b', 'cust-b');
    insertUser.run('org-a', 'same-id', 'ann@a.com', 1);
    insertUser.run('org-b', 'same-id', 'ann@b.com', 0);
    insertUser.run('org-b', 'other-id', 'bob@b.com', 0);
    insertUser.run('org-gone', 'orphan-id', 'orphan@gone.com', 0);

    applyMigrations(db);

    const keys = sqlite.prepare('select id, user_key as key from organization order by id').all() as { id: string; key: number }[];
    const users = sqlite
      .prepare('select o.id as organization, u.user_principal_name as upn, u.licensed from tenant_user u join organization o on o.user_key = u.organization_key order by upn')
      .all();
    expect(new Set(keys.map((row) => row.key)).size).toBe(2);
    expect(users).toEqual([
      { organization: 'org-a', upn: 'ann@a.com', licensed: 1 },
      { organization: 'org-b', upn: 'ann@b.com', licensed: 0 },
      { organization: 'org-b', upn: 'bob@b.com', licensed: 0 },
    ]);
    expect(sqlite.prepare('select count(*) from tenant_user').pluck().get()).toBe(3);
  });
});
