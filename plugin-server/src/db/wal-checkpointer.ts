import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Ticks between PASSIVE checkpoints; one with nothing to copy returns at once. */
const INTERVAL_MS = 250;

// Plain CommonJS evaluated in the worker: the same code whether the server runs from src (tsx, vitest) or dist.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Sqlite = require(workerData.driver);
const db = new Sqlite(workerData.file);
db.pragma('busy_timeout = 0');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    if (error.code !== 'SQLITE_BUSY' && error.code !== 'SQLITE_LOCKED') parentPort.postMessage({ error: String(error.message) });
  }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Copies the write-ahead log back into the database from a thread of its own. SQLite's automatic
 * checkpoint runs inside whichever commit crosses its threshold, fsync included, on the one thread that
 * serves every request: a 100,000-user sync spent over a second blocked there (test/bench/RESULTS.md).
 * A PASSIVE checkpoint never blocks the writer or readers. If the thread fails, `onFailure` is told so
 * that the connection can go back to checkpointing itself.
 */
export class WalCheckpointer {
  private stopped = false;
  private readonly ended: Promise<void>;

  private constructor(private readonly worker: Worker) {
    this.ended = new Promise((resolve) => worker.once('exit', () => resolve()));
  }

  static start(file: string, onFailure: (reason: string) => void, intervalMs = INTERVAL_MS): WalCheckpointer {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, intervalMs } });
    const checkpointer = new WalCheckpointer(worker);
    let failed = false;
    const fail = (reason: string) => {
      if (failed || checkpointer.stopped) return;
      failed = true;
      onFailure(reason);
    };
    worker.on('message', (message: { error?: string }) => {
      if (message.error) fail(message.error);
    });
    worker.on('error', (error) => fail(error.message));
    worker.on('exit', (code) => fail(`the checkpoint thread exited with code ${code}`));
    // The thread alone must not keep the process alive.
    worker.unref();
    return checkpointer;
  }

  /** Closes the thread's connection; resolves once the thread has ended. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.worker.postMessage('stop');
    await this.ended;
  }
}
