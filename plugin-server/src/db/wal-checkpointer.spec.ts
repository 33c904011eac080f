import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase } from './db.provider.js';
import { WalCheckpointer } from './wal-checkpointer.js';

/** A database that never checkpoints by itself, with ~4 MB committed to its WAL and none of it in the main file yet. */
function databaseWithWal() {
  const file = join(mkdtempSync(join(tmpdir(), 'wal-checkpointer-')), 'test.db');
  const db = openDatabase(file, { autoCheckpoint: false });
  db.$client.exec('create table filler (data blob)');
  const insert = db.$client.prepare('insert into filler values (randomblob(4000))');
  for (let page = 0; page < 10; page++) db.$client.transaction(() => { for (let row = 0; row < 100; row++) insert.run(); })();
  return { file, db };
}

const mainFileSize = (file: string) => statSync(file).size;

describe(WalCheckpointer.name, () => {
  it('should copy committed pages into the database file from its own thread', async () => {
    const { file, db } = databaseWithWal();
    expect(mainFileSize(file)).toBeLessThan(1_000_000);
    const onFailure = vi.fn();
    const checkpointer = WalCheckpointer.start(file, onFailure, 20);
    try {
      await vi.waitFor(() => expect(mainFileSize(file)).toBeGreaterThan(4_000_000), { timeout: 5_000, interval: 20 });
      expect(onFailure).not.toHaveBeenCalled();
    } finally {
      await checkpointer.stop();
      await checkpointer.stop();
      db.$client.close();
    }
  });

  it('should leave the WAL alone when it does not run, which is why it exists', async () => {
    const { file, db } = databaseWithWal();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(mainFileSize(file)).toBeLessThan(1_000_000);
    db.$client.close();
  });

  it('should report that it cannot work, so that the connection checkpoints itself again', async () => {
    const onFailure = vi.fn();
    const checkpointer = WalCheckpointer.start(join(tmpdir(), 'no-such-directory-for-wal-checkpointer', 'test.db'), onFailure, 20);
    await vi.waitFor(() => expect(onFailure).toHaveBeenCalled(), { timeout: 5_000, interval: 20 });
    await checkpointer.stop();
    expect(onFailure).toHaveBeenCalledOnce();
  });
});
