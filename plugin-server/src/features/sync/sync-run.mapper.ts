import type { SyncRun } from '@m365/contracts';
import type { SyncRunRow } from './sync-run.repository.js';

export function toSyncRun(row: SyncRunRow): SyncRun {
  return {
    id: row.id,
    organizationId: row.organizationId,
    kind: row.kind,
    trigger: row.trigger,
    status: row.status,
    queuedAt: row.queuedAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    usersAdded: row.usersAdded,
    usersChanged: row.usersChanged,
    usersRemoved: row.usersRemoved,
    pages: row.pages,
    requests: row.requests,
    throttleWaits: row.throttleWaits,
    throttleWaitMs: row.throttleWaitMs,
    error: row.errorCode ? { code: row.errorCode, message: row.errorMessage ?? '' } : null,
  };
}
