import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { stackOf } from '../../common/errors/stack-of.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import type { OrganizationRow } from '../organizations/organization.repository.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { SyncRecorder } from './sync-recorder.service.js';
import { SyncRunRepository, type SyncRunRow } from './sync-run.repository.js';
import { SyncRunner, type SyncOutcome } from './sync-runner.service.js';

const SYNCABLE = ['connected', 'needs_attention'];

/**
 * Decides which syncs run: technicians' "Sync now" first, then organizations whose next sync is due,
 * at most SYNC_CONCURRENCY at once and never two of one organization.
 */
@Injectable()
export class SyncDispatcher implements OnApplicationBootstrap {
  private readonly logger = new Logger(SyncDispatcher.name);
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private stopped = false;

  constructor(
    private readonly runs: SyncRunRepository,
    private readonly organizations: OrganizationsService,
    private readonly runner: SyncRunner,
    private readonly recorder: SyncRecorder,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const now = new Date();
    const interrupted = this.runs.failInterrupted(now);
    for (const id of new Set(interrupted)) this.organizations.update(id, { nextSyncAt: now });
    if (interrupted.length) this.logger.warn(`${interrupted.length} sync(s) were interrupted by the previous stop; they run again now.`);
  }

  isRunning(organizationId: string): boolean {
    return this.inFlight.has(organizationId);
  }

  /** Fills the free slots; returns without waiting for the syncs it started. */
  tick(now = new Date()): void {
    if (this.stopped) return;
    let free = this.config.sync.concurrency - this.inFlight.size;
    if (free <= 0) return;
    for (const run of this.runs.queued(this.config.sync.concurrency * 2)) {
      if (free <= 0) return;
      if (this.inFlight.has(run.organizationId)) continue;
      const organization = this.organizations.byId(run.organizationId);
      if (organization && SYNCABLE.includes(organization.status)) {
        this.launch(organization, run);
        free -= 1;
      } else {
        this.recorder.cancel(run, 'The organization is no longer connected.');
      }
    }
    // Organizations syncing now are still due (their next sync is set when they end): ask for enough rows to skip them.
    for (const organization of this.runs.due(now, free + this.inFlight.size)) {
      if (free <= 0) return;
      if (this.inFlight.has(organization.id)) continue;
      this.launch(organization, this.runs.active(organization.id) ?? this.recorder.queue(organization, 'scheduled', now));
      free -= 1;
    }
  }

  /** Runs a sync now, outside the slots (the onboarding's first sync has its own limit); one per organization still holds. */
  async runNow(organization: OrganizationRow, trigger: SyncRunRow['trigger']): Promise<{ run: SyncRunRow; outcome: SyncOutcome }> {
    while (this.inFlight.has(organization.id)) await this.inFlight.get(organization.id);
    const run = this.recorder.queue(organization, trigger);
    const work = this.execute(run, { schedule: false });
    this.track(organization.id, work);
    return { run, outcome: await work };
  }

  /** Waits for the syncs started so far (tests and shutdown). */
  async drain(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight.values()]);
  }

  stop(): void {
    this.stopped = true;
  }

  private launch(organization: OrganizationRow, run: SyncRunRow): void {
    const work = this.execute(run, { schedule: true });
    // A finished sync frees its slot for whatever waits, without waiting for the next tick.
    this.track(organization.id, work, () => this.tick());
  }

  private track(organizationId: string, work: Promise<unknown>, then?: () => void): void {
    const tracked: Promise<unknown> = work
      .catch((error: unknown) => this.logger.error(`Sync of organization ${organizationId} stopped on a bug`, stackOf(error)))
      .finally(() => {
        if (this.inFlight.get(organizationId) === tracked) this.inFlight.delete(organizationId);
        try {
          then?.();
        } catch (error) {
          this.logger.error('Starting the next sync failed', stackOf(error));
        }
      });
    this.inFlight.set(organizationId, tracked);
  }

  private async execute(run: SyncRunRow, options: { schedule: boolean }): Promise<SyncOutcome> {
    const started = this.recorder.start(run);
    const outcome = await this.runner.execute(run.organizationId, started.trigger, started.startedAt!);
    this.recorder.finish(started, outcome, { schedule: options.schedule });
    return outcome;
  }
}
