import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { BulkStep, BulkWriter } from './bulk-writer.js';
import { connectionPragmas } from './db.provider.js';

// Plain CommonJS evaluated in the worker: the same code whether the server runs from src (tsx, vitest) or dist.
// It does what InlineBulkWriter does on the server's connection; bulk-writer.spec.ts runs both through the same cases.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Sqlite = require(workerData.driver);
const db = new Sqlite(workerData.file);
for (const pragma of workerData.pragmas) db.pragma(pragma);
const statements = new Map();
const statement = (sql) => {
  let prepared = statements.get(sql);
  if (!prepared) statements.set(sql, (prepared = db.prepare(sql)));
  return prepared;
};
const apply = db.transaction((steps) => steps.map((step) => {
  const prepared = statement(step.sql);
  if (step.collect) return step.rows.map((row) => prepared.pluck().get(...row));
  for (const row of step.rows) prepared.run(...row);
  return [];
}));
parentPort.on('message', (message) => {
  if (message === 'stop') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    parentPort.postMessage({ id: message.id, results: apply.immediate(message.steps) });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: { message: String(error && error.message), code: error && error.code } });
  }
});
`;

/** A failed write as the thread reported it; `code` is SQLite's (SQLITE_BUSY, SQLITE_CONSTRAINT_...) when it had one. */
export class WriteThreadError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
    this.name = 'WriteThreadError';
  }
}

interface Job {
  resolve: (results: unknown[][]) => void;
  reject: (error: Error) => void;
}

/**
 * Bulk writes on a thread of their own, with its own connection to the database file. A 100,000-user
 * listing spends seconds inserting and committing; on the server's thread that time was taken from
 * reading Graph's next pages and from every request (test/bench/RESULTS.md). SQLite lets one
 * connection write at a time, so the server's own transactions begin IMMEDIATE and wait their turn
 * (busy_timeout) instead of failing. Jobs run in the order given. A thread that dies fails the jobs it
 * held and is started again by the next write.
 */
export class WriteThread implements BulkWriter {
  private worker: Worker | undefined;
  private readonly jobs = new Map<number, Job>();
  private nextId = 1;
  private stopped = false;

  constructor(private readonly file: string) {}

  write(steps: BulkStep[]): Promise<unknown[][]> {
    if (this.stopped) return Promise.reject(new WriteThreadError('The database is closing; the write was not made.'));
    const worker = this.started();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.jobs.set(id, { resolve, reject });
      if (this.jobs.size === 1) worker.ref();
      worker.postMessage({ id, steps });
    });
  }

  /** Starts the thread ahead of the first write: loading the driver and opening the database take ~150 ms. */
  start(): this {
    this.started();
    return this;
  }

  /** Lets the jobs already given finish, then closes the thread's connection. */
  async close(): Promise<void> {
    this.stopped = true;
    const worker = this.worker;
    if (!worker) return;
    const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    // Held until it has closed its connection, or the process could end first, its promise unsettled.
    worker.ref();
    worker.postMessage('stop');
    await ended;
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    // The thread's connection checkpoints itself past the usual threshold, should the checkpoint thread fall behind.
    const workerData = { file: this.file, driver, pragmas: connectionPragmas() };
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
    worker.on('message', (message: { id: number; results?: unknown[][]; error?: { message: string; code?: string } }) => {
      const job = this.jobs.get(message.id);
      if (!job) return;
      this.settled(worker, message.id);
      if (message.error) job.reject(new WriteThreadError(message.error.message, message.error.code));
      else job.resolve(message.results!);
    });
    const lost = (reason: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      const jobs = [...this.jobs.values()];
      this.jobs.clear();
      for (const job of jobs) job.reject(new WriteThreadError(`The database write thread stopped (${reason}); the write was not made.`));
    };
    worker.on('error', (error) => lost(error.message));
    worker.on('exit', (code) => lost(`exit code ${code}`));
    // Idle, the thread alone must not keep the process alive.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private settled(worker: Worker, id: number): void {
    this.jobs.delete(id);
    if (this.jobs.size === 0) worker.unref();
  }
}
