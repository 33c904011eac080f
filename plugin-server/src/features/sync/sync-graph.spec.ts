import { describe, expect, it, vi } from 'vitest';
import type { BatchRequest, GraphSession } from '../../common/graph/graph-gateway.js';
import { MicrosoftError } from '../../common/microsoft/microsoft-error.js';
import { MAX_ATTEMPTS, SyncGraph } from './sync-graph.js';

const page = { value: [], nextLink: null, deltaLink: null, count: null };
const throttled = (ms?: number) => new MicrosoftError('graph', 429, 'TooManyRequests', 'Please retry again later.', { retryAfterMs: ms });

function graphOf(session: Partial<GraphSession>) {
  const sleep = vi.fn(async (_ms: number) => undefined);
  return { graph: new SyncGraph(session as GraphSession, sleep), sleep };
}

describe(SyncGraph.name, () => {
  describe('page', () => {
    it('should wait at least the Retry-After Microsoft asked for, and count the wait', async () => {
      const pageFn = vi.fn().mockRejectedValueOnce(throttled(3_000)).mockResolvedValueOnce(page);
      const { graph, sleep } = graphOf({ page: pageFn });
      await graph.page('/users');
      expect(sleep).toHaveBeenCalledTimes(1);
      expect(sleep.mock.calls[0]![0]).toBeGreaterThanOrEqual(3_000);
      expect(sleep.mock.calls[0]![0]).toBeLessThanOrEqual(3_250);
      expect(graph.counters).toMatchObject({ requests: 2, pages: 1, throttleWaits: 1 });
      expect(graph.counters.throttleWaitMs).toBe(sleep.mock.calls[0]![0]);
    });

    it('should back off on a 503 without Retry-After, per the shared policy', async () => {
      const pageFn = vi.fn().mockRejectedValueOnce(new MicrosoftError('graph', 503, 'serviceNotAvailable', 'Try later.')).mockResolvedValueOnce(page);
      const { graph, sleep } = graphOf({ page: pageFn });
      await graph.page('/users');
      expect(sleep.mock.calls[0]![0]).toBeGreaterThanOrEqual(1_600);
      expect(sleep.mock.calls[0]![0]).toBeLessThanOrEqual(2_400);
    });

    it('should not retry what retrying cannot fix', async () => {
      const denied = new MicrosoftError('graph', 403, 'Authorization_RequestDenied', 'Insufficient privileges.');
      const { graph, sleep } = graphOf({ page: vi.fn().mockRejectedValue(denied) });
      await expect(graph.page('/users')).rejects.toBe(denied);
      expect(sleep).not.toHaveBeenCalled();
    });

    it('should give up after the last attempt', async () => {
      const { graph, sleep } = graphOf({ page: vi.fn().mockRejectedValue(throttled(1_000)) });
      await expect(graph.page('/users')).rejects.toMatchObject({ status: 429 });
      expect(sleep).toHaveBeenCalledTimes(MAX_ATTEMPTS - 1);
      expect(graph.counters.requests).toBe(MAX_ATTEMPTS);
    });
  });

  describe('batch', () => {
    it('should send again only the throttled inner requests, after their Retry-After', async () => {
      const requests: BatchRequest[] = ['1', '2', '3'].map((id) => ({ id, method: 'GET', url: `/users/${id}/mailboxSettings` }));
      const batch = vi
        .fn()
        .mockResolvedValueOnce([
          { id: '1', status: 200, headers: {}, body: { userPurpose: 'user' } },
          { id: '2', status: 429, headers: { 'Retry-After': '2' }, body: { error: { code: 'TooManyRequests' } } },
          { id: '3', status: 404, headers: {}, body: { error: { code: 'MailboxNotEnabledForRESTAPI' } } },
        ])
        .mockResolvedValueOnce([{ id: '2', status: 200, headers: {}, body: { userPurpose: 'shared' } }]);
      const { graph, sleep } = graphOf({ batch });
      const responses = await graph.batch(requests);
      expect(batch.mock.calls[1]![0]).toEqual([requests[1]]);
      expect(sleep.mock.calls[0]![0]).toBeGreaterThanOrEqual(2_000);
      expect(responses.map((response) => [response.id, response.status])).toEqual([['1', 200], ['2', 200], ['3', 404]]);
    });
  });
});
