import { describe, expect, it } from 'vitest';
import { MicrosoftError } from '../../common/microsoft/microsoft-error.js';
import { mailboxFactsOf, toIngestUser } from './graph-user.util.js';
import { isResyncRequired, toSyncFailure } from './sync-failure.util.js';
import { nextSyncAfter, retryAfterFailure } from './sync-schedule.util.js';

const plan = (service: string, capabilityStatus = 'Enabled') => ({ service, capabilityStatus });

describe('toIngestUser', () => {
  it('should read the mailbox and OneDrive from enabled Exchange and SharePoint plans only', () => {
    expect(toIngestUser({ id: '1', userPrincipalName: 'a@x', assignedPlans: [plan('exchange'), plan('SharePoint')] })).toMatchObject({
      hasExchangePlan: true, hasOneDrive: true, userType: 'member', accountEnabled: false,
    });
    expect(toIngestUser({ id: '1', assignedPlans: [plan('exchange', 'Deleted'), plan('SharePoint', 'Suspended'), plan('TeamspaceAPI')] })).toMatchObject({
      hasExchangePlan: false, hasOneDrive: false,
    });
    expect(toIngestUser({ id: '1', userType: 'Guest', assignedPlans: [plan('exchange')] })).toMatchObject({ userType: 'guest', hasExchangePlan: false });
  });
});

describe('mailboxFactsOf', () => {
  it('should tell shared mailboxes, other mailboxes and no mailbox apart, and leave the rest unknown', () => {
    expect(mailboxFactsOf('1', 200, { userPurpose: 'shared' })).toEqual({ id: '1', hasMailbox: true, isSharedMailbox: true });
    expect(mailboxFactsOf('1', 200, { userPurpose: 'room' })).toEqual({ id: '1', hasMailbox: true, isSharedMailbox: false });
    expect(mailboxFactsOf('1', 404, { error: { code: 'MailboxNotEnabledForRESTAPI' } })).toEqual({ id: '1', hasMailbox: false, isSharedMailbox: false });
    expect(mailboxFactsOf('1', 403, {})).toBeUndefined();
    expect(mailboxFactsOf('1', 200, {})).toBeUndefined();
  });
});

describe('isResyncRequired', () => {
  it('should recognise Microsoft expiring a delta state', () => {
    expect(isResyncRequired(new MicrosoftError('graph', 410, 'resyncRequired', 'Resync required.'))).toBe(true);
    expect(isResyncRequired(new MicrosoftError('graph', 400, 'SyncStateNotFound', 'The sync state generation is not found.'))).toBe(true);
    expect(isResyncRequired(new MicrosoftError('graph', 400, 'Request_BadRequest', 'Bad request.'))).toBe(false);
  });
});

describe('toSyncFailure', () => {
  it('should map Microsoft failures to codes, and only credential and consent problems to attention', () => {
    expect(toSyncFailure(new MicrosoftError('graph', 429, 'TooManyRequests', '', { retryAfterMs: 5_000 }))).toMatchObject({ code: 'GRAPH_THROTTLED', retryAfterMs: 5_000 });
    expect(toSyncFailure(new MicrosoftError('network', 0, 'network_error', 'down'))).toMatchObject({ code: 'GRAPH_UNAVAILABLE' });
    expect(toSyncFailure(new MicrosoftError('graph', 400, 'Request_BadRequest', ''))).toMatchObject({ code: 'GRAPH_REQUEST_FAILED' });
    expect(toSyncFailure(new MicrosoftError('graph', 403, 'Authorization_RequestDenied', ''))).toMatchObject({ code: 'SYNC_CONSENT_REVOKED', attention: 'consent_revoked' });
    expect(toSyncFailure(new MicrosoftError('identity', 400, 'invalid_client', ''))).toMatchObject({ code: 'SYNC_CREDENTIAL_REJECTED', attention: 'credential_rejected' });
    expect(toSyncFailure(new Error('bug'))).toMatchObject({ code: 'INTERNAL' });
  });
});

describe('nextSyncAfter', () => {
  it('should add the interval and at most a tenth of it, five minutes at most', () => {
    const from = new Date(Date.UTC(2026, 0, 1));
    expect(nextSyncAfter(from, 60, () => 0).getTime() - from.getTime()).toBe(60 * 60_000);
    expect(nextSyncAfter(from, 60, () => 0.999).getTime() - from.getTime()).toBeLessThan(66 * 60_000);
    expect(nextSyncAfter(from, 1440, () => 0.999).getTime() - from.getTime()).toBeLessThan(1445 * 60_000);
  });
});

describe('retryAfterFailure', () => {
  it('should back off longer after each failure, never past the interval, never before Retry-After', () => {
    const now = new Date(Date.UTC(2026, 0, 1));
    const wait = (failures: number, interval: number, retryAfterMs?: number) => retryAfterFailure(now, failures, interval, retryAfterMs, () => 0.5).getTime() - now.getTime();
    expect(wait(1, 60)).toBe(60_000);
    expect(wait(2, 60)).toBe(120_000);
    expect(wait(10, 60)).toBe(15 * 60_000);
    expect(wait(10, 15)).toBe(15 * 60_000);
    expect(wait(10, 30)).toBe(15 * 60_000);
    expect(wait(1, 60, 10 * 60_000)).toBe(10 * 60_000);
  });
});
