import { describe, expect, it } from 'vitest';
import { MicrosoftError } from '../microsoft/microsoft-error.js';
import { MAX_RETRY_AFTER_MS, backoffMs, classify, parseRetryAfter, retryDelayMs } from './retry-policy.js';

const graph = (status: number, code: string, message = 'x', retryAfterMs?: number) =>
  new MicrosoftError('graph', status, code, message, { retryAfterMs });
const identity = (status: number, code: string, aadsts: number[]) => new MicrosoftError('identity', status, code, 'x', { aadsts });

describe('parseRetryAfter', () => {
  it('should read seconds, fractions and HTTP dates', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter('2.128')).toBe(2128);
    const now = Date.parse('2026-11-27T10:00:00Z');
    expect(parseRetryAfter('Fri, 27 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 09:00:00 GMT', now)).toBe(0);
  });

  it('should cap absurd values and ignore garbage', () => {
    expect(parseRetryAfter('86400')).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('classify', () => {
  it('should retry throttling and unavailability with the server delay', () => {
    expect(classify(graph(429, 'TooManyRequests', 'x', 3000))).toEqual({ retry: true, kind: 'throttled', retryAfterMs: 3000 });
    expect(classify(graph(503, 'serviceNotAvailable'))).toMatchObject({ retry: true, kind: 'unavailable' });
    expect(classify(graph(502, 'BadGateway'))).toMatchObject({ retry: true, kind: 'unavailable' });
  });

  it('should retry replication errors only right after a creation', () => {
    const notFound = graph(404, 'Request_ResourceNotFound');
    expect(classify(notFound, { expectReplication: true })).toMatchObject({ retry: true, kind: 'replication' });
    expect(classify(notFound)).toEqual({ retry: false, kind: 'not_found' });
    expect(classify(identity(400, 'unauthorized_client', [700016]), { expectReplication: true })).toMatchObject({ kind: 'replication' });
    expect(classify(identity(401, 'invalid_client', [7000215]), { expectReplication: true })).toMatchObject({ kind: 'replication' });
    expect(classify(identity(401, 'invalid_client', [700027]), { expectReplication: true })).toMatchObject({ kind: 'replication' });
    expect(classify(identity(401, 'invalid_client', [700027]))).toEqual({ retry: false, kind: 'unauthorized' });
    expect(classify(graph(400, 'Request_BadRequest', 'Not a valid reference update.'), { expectReplication: true })).toMatchObject({ kind: 'replication' });
  });

  it('should give up on authorization and bad requests', () => {
    expect(classify(graph(401, 'InvalidAuthenticationToken'))).toEqual({ retry: false, kind: 'unauthorized' });
    expect(classify(graph(403, 'Authorization_RequestDenied'))).toEqual({ retry: false, kind: 'forbidden' });
    expect(classify(graph(400, 'Request_BadRequest', 'One or more properties are invalid.'))).toEqual({ retry: false, kind: 'invalid' });
  });

  it('should retry network failures', () => {
    expect(classify(new TypeError('fetch failed'))).toMatchObject({ retry: true, kind: 'network' });
  });
});

describe('retryDelayMs', () => {
  it('should never wait less than Retry-After', () => {
    for (const random of [0, 0.5, 0.999]) {
      expect(retryDelayMs({ retry: true, kind: 'throttled', retryAfterMs: 4000 }, 1, () => random)).toBeGreaterThanOrEqual(4000);
    }
  });

  it('should back off exponentially up to 30 s with jitter', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 9].map((attempt) => backoffMs(attempt, mid))).toEqual([2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(backoffMs(1, () => 0)).toBe(1600);
    expect(backoffMs(1, () => 1)).toBe(2400);
  });

  it('should look again at most every 10 s while Microsoft replicates', () => {
    const replication = { retry: true as const, kind: 'replication' as const, retryAfterMs: undefined };
    expect([1, 2, 3, 4, 8].map((attempt) => retryDelayMs(replication, attempt, () => 0.5))).toEqual([2000, 4000, 8000, 10000, 10000]);
  });
});
