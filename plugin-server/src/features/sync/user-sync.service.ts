import { Injectable } from '@nestjs/common';
import type { Page, PageQuery, SyncRun } from '@m365/contracts';
import { DomainError } from '../../common/errors/domain-error.js';
import { decodeOffset, nextOffsetCursor } from '../../common/http/offset-cursor.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { SyncDispatcher } from './sync-dispatcher.service.js';
import { SyncRecorder } from './sync-recorder.service.js';
import { toSyncRun } from './sync-run.mapper.js';
import { SyncRunRepository } from './sync-run.repository.js';
import type { SyncSummary } from './sync-runner.service.js';

export type { SyncSummary };

/** What other features and the API ask of user sync: the onboarding's first sync, "Sync now", and the history. */
@Injectable()
export class UserSyncService {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly dispatcher: SyncDispatcher,
    private readonly recorder: SyncRecorder,
    private readonly runs: SyncRunRepository,
  ) {}

  /** A full sync during onboarding; Microsoft's errors are thrown as they are, for the onboarding's retry policy. */
  async firstSync(organizationId: string): Promise<SyncSummary> {
    const organization = this.organizations.byId(organizationId);
    if (!organization) throw new DomainError('ORGANIZATION_NOT_FOUND', `Organization ${organizationId} was not found.`);
    const { outcome } = await this.dispatcher.runNow(organization, 'onboarding');
    if (!outcome.ok) throw outcome.error;
    return outcome.summary!;
  }

  /** "Sync now": queued ahead of every scheduled sync and started as soon as a slot is free. */
  startSync(partnerId: string, organizationId: string): SyncRun {
    const organization = this.organizations.row(partnerId, organizationId);
    if (organization.status !== 'connected' && organization.status !== 'needs_attention') {
      throw new DomainError('ORGANIZATION_NOT_CONNECTED', 'This organization is not connected; its users cannot be synced.');
    }
    const active = this.runs.active(organization.id);
    if (this.dispatcher.isRunning(organization.id) || active?.status === 'running') {
      throw new DomainError('SYNC_ALREADY_RUNNING', 'A user sync of this organization is running; its result appears in the history when it ends.', {
        syncRunId: active?.id,
      });
    }
    const run = active ?? this.recorder.queue(organization, 'manual');
    this.dispatcher.tick();
    return toSyncRun(this.runs.get(partnerId, run.id)!);
  }

  listRuns(partnerId: string, organizationId: string, query: PageQuery): Page<SyncRun> {
    const organization = this.organizations.row(partnerId, organizationId);
    const offset = decodeOffset(query.cursor);
    const { items, total } = this.runs.list(organization.id, query.limit, offset);
    return { items: items.map(toSyncRun), nextCursor: nextOffsetCursor(offset, items.length, total), total };
  }
}
