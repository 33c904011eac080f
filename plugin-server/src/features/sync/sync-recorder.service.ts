import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { SyncRun } from '@m365/contracts';
import { stackOf } from '../../common/errors/stack-of.js';
import { Transactions } from '../../db/transactions.js';
import { EventsService } from '../events/events.service.js';
import type { OrganizationRow } from '../organizations/organization.repository.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { toSyncFailure, type SyncFailure } from './sync-failure.util.js';
import { SyncRunRepository, type SyncRunRow } from './sync-run.repository.js';
import { SyncRunner, type SyncOutcome } from './sync-runner.service.js';
import { nextSyncAfter, retryAfterFailure } from './sync-schedule.util.js';

/** Consecutive failed runs after which an organization is shown as needing attention. */
export const ATTENTION_AFTER_FAILURES = 3;
const RUNS_KEPT = 500;
const SYNC_ATTENTION = ['sync_failing', 'credential_rejected', 'consent_revoked'];
const EMPTY_COUNTS = { usersAdded: 0, usersChanged: 0, usersRemoved: 0, pages: 0, requests: 0, throttleWaits: 0, throttleWaitMs: 0 };

/**
 * Writes what a run did: the run record, the organization's sync state and schedule, and, when the
 * organization starts needing attention, its events; all in one transaction.
 */
@Injectable()
export class SyncRecorder {
  private readonly logger = new Logger(SyncRecorder.name);

  constructor(
    private readonly runs: SyncRunRepository,
    private readonly organizations: OrganizationsService,
    private readonly events: EventsService,
    private readonly runner: SyncRunner,
    private readonly transactions: Transactions,
  ) {}

  queue(organization: OrganizationRow, trigger: SyncRun['trigger'], now = new Date()): SyncRunRow {
    const kind = organization.deltaLinkEnc ? 'delta' : 'full';
    return this.runs.insert({ id: `sr_${randomUUID()}`, organizationId: organization.id, partnerId: organization.partnerId, kind, trigger, status: 'queued', queuedAt: now });
  }

  start(run: SyncRunRow, now = new Date()): SyncRunRow {
    return this.runs.start(run.id, now);
  }

  /** A queued run whose organization can no longer sync (disconnected meanwhile). */
  cancel(run: SyncRunRow, message: string): void {
    this.runs.finish(run.id, { ...EMPTY_COUNTS, kind: run.kind, trigger: run.trigger, status: 'failed', finishedAt: new Date(), errorCode: 'ORGANIZATION_NOT_CONNECTED', errorMessage: message });
  }

  /** `schedule`: false for the onboarding's first sync, whose schedule the onboarding sets when it completes. */
  finish(run: SyncRunRow, outcome: SyncOutcome, options: { schedule: boolean }): SyncFailure | undefined {
    const now = new Date();
    const failure = outcome.ok ? undefined : toSyncFailure(outcome.error);
    // An error of our own has no code the run can show; its stack, logged, is how it gets found and fixed.
    if (!outcome.ok && failure?.code === 'INTERNAL') this.logger.error(`Sync of organization ${run.organizationId} failed: ${failure.message}`, stackOf(outcome.error));
    else if (failure) this.logger.warn(`Sync of organization ${run.organizationId} failed: ${failure.code} ${failure.message}`);
    this.transactions.run(() => {
      const { kind, trigger, ...counts } = outcome.stats;
      this.runs.finish(run.id, {
        kind,
        trigger,
        status: failure ? 'failed' : 'succeeded',
        finishedAt: now,
        usersAdded: counts.added,
        usersChanged: counts.changed,
        usersRemoved: counts.removed,
        pages: counts.pages,
        requests: counts.requests,
        throttleWaits: counts.throttleWaits,
        throttleWaitMs: Math.round(counts.throttleWaitMs),
        errorCode: failure?.code ?? null,
        errorMessage: failure?.message ?? null,
      });
      this.runs.prune(run.organizationId, RUNS_KEPT);
      const organization = this.organizations.byId(run.organizationId);
      // A disconnect during the run wins: nothing is rescheduled or resurrected.
      if (!organization || !['connected', 'needs_attention', 'configuring'].includes(organization.status)) return;
      if (outcome.ok) this.succeeded(organization, run, outcome.deltaLink, options.schedule, now);
      else if (options.schedule) this.failed(organization, run, failure!, now);
    });
    return failure;
  }

  private succeeded(organization: OrganizationRow, run: SyncRunRow, deltaLink: string, schedule: boolean, now: Date): void {
    const clearAttention = organization.attentionReason !== null && SYNC_ATTENTION.includes(organization.attentionReason);
    this.organizations.update(organization.id, {
      deltaLinkEnc: this.runner.sealDeltaLink(organization.id, deltaLink),
      syncFailures: 0,
      lastSyncAt: now,
      lastSyncStatus: 'succeeded',
      lastSyncMessage: null,
      ...(schedule ? { nextSyncAt: nextSyncAfter(run.startedAt ?? now, organization.syncIntervalMinutes) } : {}),
      ...(clearAttention ? { status: 'connected', attentionReason: null, attentionMessage: null, attentionSince: null } : {}),
    });
  }

  private failed(organization: OrganizationRow, run: SyncRunRow, failure: SyncFailure, now: Date): void {
    const failures = organization.syncFailures + 1;
    const reason = failure.attention ?? (failures >= ATTENTION_AFTER_FAILURES && !organization.attentionReason ? 'sync_failing' : undefined);
    const newlyNeedsAttention = reason !== undefined && organization.attentionReason !== reason;
    this.organizations.update(organization.id, {
      syncFailures: failures,
      lastSyncAt: now,
      lastSyncStatus: 'failed',
      lastSyncMessage: failure.message,
      // A rejected credential or revoked consent stops the schedule: retrying cannot help until someone acts.
      nextSyncAt: failure.attention ? null : retryAfterFailure(now, failures, organization.syncIntervalMinutes, failure.retryAfterMs),
      ...(newlyNeedsAttention ? { status: 'needs_attention', attentionReason: reason, attentionMessage: failure.message, attentionSince: now } : {}),
    });
    if (!newlyNeedsAttention) return;
    const ref = { organizationId: organization.id, customerId: organization.customerId, tenantId: organization.tenantId };
    this.events.emit(organization.partnerId, 'sync.failed', { ...ref, syncRunId: run.id, code: failure.code, message: failure.message }, organization.id);
    this.events.emit(organization.partnerId, 'organization.needs_attention', { ...ref, reason: reason!, message: failure.message }, organization.id);
  }
}
