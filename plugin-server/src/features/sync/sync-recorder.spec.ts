import { Logger, type INestApplication } from '@nestjs/common';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MicrosoftError } from '../../common/microsoft/microsoft-error.js';
import type { Database } from '../../db/db.provider.js';
import { outboxEvent } from '../../db/schema/index.js';
import { createSyncTestingModule, insertOrganization } from '../../test/sync-fixtures.js';
import { createTestConfig } from '../../test/test-config.js';
import { createTestDatabase } from '../../test/test-database.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { ATTENTION_AFTER_FAILURES } from './sync-recorder.service.js';
import { SyncRunRepository } from './sync-run.repository.js';
import { SyncRunner, type SyncOutcome } from './sync-runner.service.js';
import { UserSyncService } from './user-sync.service.js';

const T0 = Date.UTC(2026, 5, 1, 8, 0, 0);
const stats = { kind: 'delta' as const, trigger: 'scheduled' as const, requests: 1, pages: 1, throttleWaits: 0, throttleWaitMs: 0, added: 0, changed: 0, removed: 0 };

/** Answers each sync with the next scripted outcome (the last one repeats). */
class ScriptedRunner {
  calls = 0;
  constructor(private readonly script: (() => SyncOutcome)[]) {}
  async execute(): Promise<SyncOutcome> {
    const next = this.script[Math.min(this.calls, this.script.length - 1)]!;
    this.calls += 1;
    return next();
  }
  sealDeltaLink(_id: string, link: string): string {
    return `sealed:${link}`;
  }
}

const ok = (): SyncOutcome => ({ ok: true, stats, deltaLink: 'https://graph.example/delta', summary: { usersFound: 3, usersLicensed: 1, eligibleUnlicensed: 0 } });
const failing = (error: unknown) => (): SyncOutcome => ({ ok: false, stats, error });

describe('SyncRecorder', () => {
  let db: Database;
  let app: INestApplication;

  async function start(runner: ScriptedRunner) {
    const moduleRef = await createSyncTestingModule(createTestConfig({ SYNC_TICK_SECONDS: '15' }), db, (builder) =>
      builder.overrideProvider(SyncRunner).useValue(runner),
    );
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  }
  const org = (id: string) => app.get(OrganizationsService).byId(id)!;
  const events = () => db.select().from(outboxEvent).all().map((event) => event.envelope);

  beforeEach(() => {
    vi.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    db = createTestDatabase();
  });
  afterEach(async () => {
    await app?.close();
    vi.useRealTimers();
  });

  it('should back off after a transient failure, never before Retry-After, and flag the organization after repeated failures', async () => {
    const throttled = new MicrosoftError('graph', 429, 'TooManyRequests', 'Please retry again later.', { retryAfterMs: 20 * 60_000 });
    const { id } = insertOrganization(db, { nextSyncAt: new Date(T0), syncIntervalMinutes: 60 });
    await start(new ScriptedRunner([failing(throttled)]));
    await vi.advanceTimersByTimeAsync(15_000);
    expect(org(id)).toMatchObject({ syncFailures: 1, status: 'connected', lastSyncStatus: 'failed' });
    expect(org(id).nextSyncAt!.getTime()).toBeGreaterThanOrEqual(Date.now() + 20 * 60_000 - 15_000);
    expect(events()).toEqual([]);

    await vi.advanceTimersByTimeAsync(3 * 3600_000);
    expect(org(id).syncFailures).toBeGreaterThanOrEqual(ATTENTION_AFTER_FAILURES);
    expect(org(id)).toMatchObject({ status: 'needs_attention', attentionReason: 'sync_failing' });
    const [failed, attention] = events();
    expect(events()).toHaveLength(2);
    expect(failed).toMatchObject({ type: 'sync.failed', data: { organizationId: id, code: 'GRAPH_THROTTLED' } });
    expect(attention).toMatchObject({ type: 'organization.needs_attention', data: { organizationId: id, reason: 'sync_failing' } });
    const runs = app.get(SyncRunRepository).list(id, 100, 0).items;
    expect(runs.every((run) => run.status === 'failed' && run.errorCode === 'GRAPH_THROTTLED')).toBe(true);
  });

  it.each([
    ['a 401 from Graph', new MicrosoftError('graph', 401, 'InvalidAuthenticationToken', 'Access token has expired.'), 'SYNC_CREDENTIAL_REJECTED', 'credential_rejected'],
    ['a rejected certificate', new MicrosoftError('identity', 401, 'invalid_client', 'AADSTS700027: Client assertion failed.', { aadsts: [700027] }), 'SYNC_CREDENTIAL_REJECTED', 'credential_rejected'],
    ['an application deleted from the tenant', new MicrosoftError('identity', 400, 'unauthorized_client', 'AADSTS700016: Application not found.', { aadsts: [700016] }), 'SYNC_CREDENTIAL_REJECTED', 'credential_rejected'],
    ['a 403 from Graph', new MicrosoftError('graph', 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'), 'SYNC_CONSENT_REVOKED', 'consent_revoked'],
  ])('should stop syncing and flag the organization at once after %s', async (_what, error, code, reason) => {
    const { id } = insertOrganization(db, { nextSyncAt: new Date(T0) });
    const runner = new ScriptedRunner([failing(error)]);
    await start(runner);
    await vi.advanceTimersByTimeAsync(24 * 3600_000);
    expect(runner.calls).toBe(1);
    expect(org(id)).toMatchObject({ status: 'needs_attention', attentionReason: reason, nextSyncAt: null, lastSyncStatus: 'failed' });
    expect(events().map((event) => event.type)).toEqual(['sync.failed', 'organization.needs_attention']);
    expect(events()[0]).toMatchObject({ data: { code } });
  });

  it('should resume and clear the attention when Sync now succeeds after the technician fixed the tenant', async () => {
    const denied = new MicrosoftError('graph', 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    const target = insertOrganization(db, { nextSyncAt: new Date(T0), syncIntervalMinutes: 30 });
    await start(new ScriptedRunner([failing(denied), ok]));
    await vi.advanceTimersByTimeAsync(15_000);
    expect(org(target.id).nextSyncAt).toBeNull();

    app.get(UserSyncService).startSync(target.partnerId, target.id);
    await vi.advanceTimersByTimeAsync(1_000);
    const after = org(target.id);
    expect(after).toMatchObject({ status: 'connected', attentionReason: null, syncFailures: 0, lastSyncStatus: 'succeeded', deltaLinkEnc: 'sealed:https://graph.example/delta' });
    expect(after.nextSyncAt!.getTime() - after.lastSyncAt!.getTime()).toBeGreaterThanOrEqual(30 * 60_000 - 1_000);
    expect(after.nextSyncAt!.getTime() - after.lastSyncAt!.getTime()).toBeLessThanOrEqual(33 * 60_000);
  });

  it('should not reschedule an organization disconnected while it synced', async () => {
    const { id } = insertOrganization(db, { nextSyncAt: new Date(T0) });
    let release!: () => void;
    const runner = new ScriptedRunner([() => ok()]);
    runner.execute = () => new Promise((resolve) => (release = () => resolve(ok())));
    await start(runner);
    await vi.advanceTimersByTimeAsync(15_000);
    app.get(OrganizationsService).update(id, { status: 'disconnected', nextSyncAt: null, deltaLinkEnc: null });
    release();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(org(id)).toMatchObject({ status: 'disconnected', nextSyncAt: null, deltaLinkEnc: null });
  });

  it('should log the stack of an unexpected error and record it as INTERNAL, to be retried', async () => {
    const logged = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { id } = insertOrganization(db, { nextSyncAt: new Date(T0) });
    await start(new ScriptedRunner([failing(new TypeError("Cannot read properties of undefined (reading 'value')"))]));
    await vi.advanceTimersByTimeAsync(15_000);
    expect(logged).toHaveBeenCalledWith(`Sync of organization ${id} failed: The sync stopped on an unexpected error; it will be retried.`, expect.stringContaining('TypeError: Cannot read properties of undefined'));
    expect(app.get(SyncRunRepository).list(id, 1, 0).items[0]).toMatchObject({ status: 'failed', errorCode: 'INTERNAL' });
    expect(org(id)).toMatchObject({ status: 'connected', syncFailures: 1 });
    logged.mockRestore();
  });
});
