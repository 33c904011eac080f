import type { INestApplication } from '@nestjs/common';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestConfig } from '../../test/test-config.js';
import { createTestDatabase } from '../../test/test-database.js';
import { createSyncTestingModule, insertOrganization } from '../../test/sync-fixtures.js';
import type { Database } from '../../db/db.provider.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { SyncDispatcher } from './sync-dispatcher.service.js';
import { SyncRecorder } from './sync-recorder.service.js';
import { SyncRunner, type SyncOutcome } from './sync-runner.service.js';
import { nextSyncAfter } from './sync-schedule.util.js';
import { UserSyncService } from './user-sync.service.js';

const T0 = Date.UTC(2026, 5, 1, 8, 0, 0);
const TICK_MS = 15_000;
const CONCURRENCY = 4;
/** Interval of each organization in turn: every allowed value, the hourly default most often. */
const MIX = [15, 30, 60, 60, 60, 60, 60, 60, 60, 60, 180, 180, 360, 360, 720, 1440, 1440, 60, 60, 60];

/** Stands in for Graph: each sync takes a fake-clock duration and reports how many ran at once. */
class FakeRunner {
  readonly running = new Set<string>();
  readonly starts = new Map<string, number[]>();
  maxConcurrent = 0;
  overlaps = 0;
  private seed = 42;

  constructor(private readonly durationMs: () => number) {}

  random(): number {
    this.seed = (this.seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return this.seed / 2 ** 31;
  }

  async execute(organizationId: string, trigger: 'scheduled' | 'manual', seenAt: Date): Promise<SyncOutcome> {
    if (this.running.has(organizationId)) this.overlaps += 1;
    this.running.add(organizationId);
    this.maxConcurrent = Math.max(this.maxConcurrent, this.running.size);
    this.starts.set(organizationId, [...(this.starts.get(organizationId) ?? []), seenAt.getTime()]);
    await new Promise((resolve) => setTimeout(resolve, this.durationMs()));
    this.running.delete(organizationId);
    const stats = { kind: 'delta' as const, trigger, requests: 1, pages: 1, throttleWaits: 0, throttleWaitMs: 0, added: 0, changed: 0, removed: 0 };
    return { ok: true, stats, deltaLink: 'https://graph.example/delta', summary: { usersFound: 1, usersLicensed: 0, eligibleUnlicensed: 0 } };
  }

  sealDeltaLink(): string {
    return 'sealed-delta-link';
  }
}

describe(SyncDispatcher.name, () => {
  let db: Database;
  let app: INestApplication;
  let runner: FakeRunner;

  async function start(durationMs: () => number) {
    runner = new FakeRunner(durationMs);
    const config = createTestConfig({ SYNC_CONCURRENCY: String(CONCURRENCY), SYNC_TICK_SECONDS: String(TICK_MS / 1000) });
    const moduleRef = await createSyncTestingModule(config, db, (builder) => builder.overrideProvider(SyncRunner).useValue(runner));
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  }

  beforeEach(() => {
    vi.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'Date'] });
    db = createTestDatabase();
  });

  afterEach(async () => {
    // Shutdown waits for the syncs in flight, which end on the fake clock.
    const closing = app?.close();
    await vi.advanceTimersByTimeAsync(60_000);
    await closing;
    vi.useRealTimers();
  });

  describe('tick', () => {
    it('should sync 500 organizations with mixed intervals on time, one sync per organization, never above the limit', async () => {
      const intervals = new Map<string, number>();
      const due = new Map<string, number[]>();
      // Connected together at T0, as an onboarding batch would be; most keep the hourly default.
      for (let index = 0; index < 500; index++) {
        const interval = MIX[index % MIX.length]!;
        const org = insertOrganization(db, { syncIntervalMinutes: interval, lastSyncAt: new Date(T0), nextSyncAt: nextSyncAfter(new Date(T0), interval) });
        intervals.set(org.id, interval);
        due.set(org.id, [org.nextSyncAt!.getTime()]);
      }
      await start(() => 200 + Math.floor(runner.random() * 4_800));
      const organizations = app.get(OrganizationsService);
      const recorder = app.get(SyncRecorder);
      const finish = recorder.finish.bind(recorder);
      vi.spyOn(recorder, 'finish').mockImplementation((run, outcome, options) => {
        const failure = finish(run, outcome, options);
        due.get(run.organizationId)!.push(organizations.byId(run.organizationId)!.nextSyncAt!.getTime());
        return failure;
      });

      const hours = 25;
      await vi.advanceTimersByTimeAsync(hours * 3600_000);

      expect(runner.overlaps).toBe(0);
      expect(runner.maxConcurrent).toBe(CONCURRENCY);
      let worstLateness = 0;
      for (const [id, interval] of intervals) {
        const starts = runner.starts.get(id) ?? [];
        const scheduled = due.get(id)!;
        // Every due time inside the simulated day was honoured (the last one is still in the future).
        expect(scheduled.filter((at) => at <= T0 + hours * 3600_000 - TICK_MS - 60_000).length).toBeLessThanOrEqual(starts.length);
        expect(starts.length).toBeGreaterThanOrEqual(Math.floor((hours * 60) / (interval * 1.1)) - 1);
        starts.forEach((startedAt, index) => {
          expect(startedAt).toBeGreaterThanOrEqual(scheduled[index]!);
          worstLateness = Math.max(worstLateness, startedAt - scheduled[index]!);
        });
      }
      // Late only by the tick period and a short wait for a free slot.
      expect(worstLateness).toBeLessThanOrEqual(TICK_MS + 30_000);
      // Connected together, yet the hourly ones first fired over minutes, not all at one tick.
      const firstHourly = [...intervals].filter(([, interval]) => interval === 60).map(([id]) => runner.starts.get(id)![0]!);
      expect(Math.max(...firstHourly) - Math.min(...firstHourly)).toBeGreaterThan(4 * 60_000);
    }, 120_000);

    it('should start "Sync now" before organizations that are due', async () => {
      const orgs = Array.from({ length: 8 }, () => insertOrganization(db, { nextSyncAt: new Date(T0 - 60_000) }));
      const manual = insertOrganization(db, { nextSyncAt: new Date(T0 + 3600_000) });
      await start(() => 10_000);
      app.get(SyncDispatcher).tick();
      expect(runner.running.size).toBe(CONCURRENCY);
      const run = app.get(UserSyncService).startSync(manual.partnerId, manual.id);
      expect(run.status).toBe('queued');
      await vi.advanceTimersByTimeAsync(10_000);
      expect(runner.starts.get(manual.id)).toEqual([T0 + 10_000]);
      expect(orgs.filter((org) => runner.running.has(org.id))).toHaveLength(CONCURRENCY - 1);
    });

    it('should refuse a second "Sync now" while the organization syncs', async () => {
      const org = insertOrganization(db, { nextSyncAt: new Date(T0 + 3600_000) });
      await start(() => 10_000);
      const sync = app.get(UserSyncService);
      sync.startSync(org.partnerId, org.id);
      expect(() => sync.startSync(org.partnerId, org.id)).toThrowError(expect.objectContaining({ code: 'SYNC_ALREADY_RUNNING' }));
      expect(() => sync.startSync('another-partner', org.id)).toThrowError(expect.objectContaining({ code: 'ORGANIZATION_NOT_FOUND' }));
    });
  });
});
