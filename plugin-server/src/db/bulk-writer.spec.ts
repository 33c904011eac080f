import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InlineBulkWriter, type BulkWriter } from './bulk-writer.js';
import { openDatabase, PAGE_CACHE_KIB, type Database } from './db.provider.js';
import { Transactions } from './transactions.js';
import { WriteThread, WriteThreadError } from './write-thread.js';

const INSERT = 'insert into item (id, name) values (?, ?)';
const NAME_OF = 'select name from item where id = ?';

function databaseFile(): { file: string; db: Database } {
  const file = join(mkdtempSync(join(tmpdir(), 'bulk-writer-')), 'test.db');
  const db = openDatabase(file);
  db.$client.exec('create table item (id integer primary key, name text not null)');
  return { file, db };
}

const names = (db: Database) => db.$client.prepare('select name from item order by id').pluck().all();

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const item of open.splice(0)) await item.close();
});

const writers: [string, (file: string, db: Database) => BulkWriter][] = [
  ['InlineBulkWriter', (_file, db) => new InlineBulkWriter(db)],
  [
    'WriteThread',
    (file) => {
      const thread = new WriteThread(file);
      open.push({ close: () => thread.close() });
      return thread;
    },
  ],
];

describe.each(writers)('%s', (_, create) => {
  it("should write through a connection whose page cache is SQLite's default, not the driver's 16 MB", async () => {
    const { file, db } = databaseFile();
    const writer = create(file, db);
    expect(await writer.write([{ sql: 'pragma cache_size', rows: [[]], collect: true }])).toEqual([[-PAGE_CACHE_KIB]]);
  });

  it('should run the steps in order in one transaction and give back what the collecting steps read', async () => {
    const { file, db } = databaseFile();
    const writer = create(file, db);
    const results = await writer.write([
      { sql: INSERT, rows: [[1, 'ann'], [2, 'bob']] },
      { sql: NAME_OF, rows: [[2], [3], [1]], collect: true },
    ]);
    expect(results).toEqual([[], ['bob', undefined, 'ann']]);
    expect(names(db)).toEqual(['ann', 'bob']);
  });

  it('should keep nothing of a job whose last step fails, and say why with SQLite\'s code', async () => {
    const { file, db } = databaseFile();
    const writer = create(file, db);
    const failing = writer.write([
      { sql: INSERT, rows: [[1, 'ann']] },
      { sql: INSERT, rows: [[2, 'bob'], [3, null]] },
    ]);
    await expect(failing).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_NOTNULL' });
    expect(names(db)).toEqual([]);
    await writer.write([{ sql: INSERT, rows: [[4, 'cy']] }]);
    expect(names(db)).toEqual(['cy']);
  });
});

describe(WriteThread.name, () => {
  it('should finish the jobs already given before it stops, then refuse new ones', async () => {
    const { file, db } = databaseFile();
    const thread = new WriteThread(file);
    const jobs = [1, 2, 3].map((id) => thread.write([{ sql: INSERT, rows: [[id, `user ${id}`]] }]));
    await thread.close();
    await Promise.all(jobs);
    expect(names(db)).toEqual(['user 1', 'user 2', 'user 3']);
    await expect(thread.write([{ sql: INSERT, rows: [[4, 'late']] }])).rejects.toBeInstanceOf(WriteThreadError);
  });

  it('should fail the write, not the process, when the thread cannot open the database, and start another for the next', async () => {
    const directory = join(mkdtempSync(join(tmpdir(), 'bulk-writer-')), 'later');
    const thread = new WriteThread(join(directory, 'test.db'));
    await expect(thread.write([{ sql: INSERT, rows: [[1, 'ann']] }])).rejects.toBeInstanceOf(WriteThreadError);
    mkdirSync(directory);
    const db = openDatabase(join(directory, 'test.db'));
    db.$client.exec('create table item (id integer primary key, name text not null)');
    await thread.write([{ sql: INSERT, rows: [[1, 'ann']] }]);
    expect(names(db)).toEqual(['ann']);
    await thread.close();
  });

  describe('beside the server\'s own transactions, which read then write while the thread holds the write lock', () => {
    /** A job that keeps the write lock for a while: a few hundred thousand rows in one statement. */
    async function whileTheThreadWrites(check: (db: Database) => void) {
      const { file, db } = databaseFile();
      const thread = new WriteThread(file);
      open.push({ close: () => thread.close() });
      await thread.write([{ sql: INSERT, rows: [[0, 'warm-up']] }]);
      const long = thread.write([
        { sql: 'insert into item (name) select \'bulk\' from (with recursive n(x) as (select 1 union all select x + 1 from n where x < 600000) select x from n)', rows: [[]] },
      ]);
      await vi.waitFor(() => expect(writeLocked(file)).toBe(true), { timeout: 5_000, interval: 2 });
      try {
        check(db);
      } finally {
        await long;
      }
      return db;
    }
    /** Whether another connection holds the write lock now, asked without waiting. */
    const writeLocked = (file: string) => {
      const probe = new Sqlite(file, { timeout: 0 });
      try {
        probe.exec('begin immediate; rollback');
        return false;
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
        throw error;
      } finally {
        probe.close();
      }
    };
    const readThenWrite = (db: Database) => {
      const count = db.$client.prepare('select count(*) from item').pluck().get() as number;
      db.$client.prepare(INSERT).run(-1, `after ${count}`);
    };

    it('should wait for the thread\'s commit and read what it wrote (Transactions begin IMMEDIATE)', async () => {
      const db = await whileTheThreadWrites((db) => new Transactions(db).run(() => readThenWrite(db)));
      expect(db.$client.prepare(NAME_OF).pluck().get(-1)).toBe('after 600001');
    });

    it('should fail with a deferred transaction, which is why they are not used', async () => {
      await whileTheThreadWrites((db) => expect(() => db.$client.transaction(() => readThenWrite(db))()).toThrow(/database is locked/));
    });
  });
});
