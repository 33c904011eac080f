import { describe, expect, it, vi } from 'vitest';
import type { BatchRequest, GraphSession } from '../../common/graph/graph-gateway.js';
import type { MailboxFacts } from './graph-user.util.js';
import { MailboxLookups } from './mailbox-lookup.js';
import { SyncGraph } from './sync-graph.js';

/** mailboxSettings answers: ids starting with "shared" are shared mailboxes, "none" have no mailbox, "denied" answer 403. */
function session(inFlight: { now: number; max: number }) {
  return {
    batch: vi.fn(async (requests: BatchRequest[]) => {
      inFlight.now += 1;
      inFlight.max = Math.max(inFlight.max, inFlight.now);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight.now -= 1;
      return requests.map((request) => {
        const id = decodeURIComponent(/\/users\/([^/]+)\//.exec(request.url)![1]!);
        if (id.startsWith('none')) return { id: request.id, status: 404, headers: {}, body: { error: { code: 'MailboxNotEnabledForRESTAPI' } } };
        if (id.startsWith('denied')) return { id: request.id, status: 403, headers: {}, body: { error: { code: 'ErrorAccessDenied' } } };
        return { id: request.id, status: 200, headers: {}, body: { userPurpose: id.startsWith('shared') ? 'shared' : 'user' } };
      });
    }),
  } as unknown as GraphSession;
}

describe(MailboxLookups.name, () => {
  it('should ask 20 users per $batch, a bounded number at once, and save every settled answer', async () => {
    const inFlight = { now: 0, max: 0 };
    const graphSession = session(inFlight);
    const saved: MailboxFacts[] = [];
    // Saved later, as the database's write thread does: drain waits for that too.
    const save = async (facts: MailboxFacts[]) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      saved.push(...facts);
    };
    const lookups = new MailboxLookups(new SyncGraph(graphSession, async () => undefined), 3, save);
    lookups.add(Array.from({ length: 250 }, (_, index) => `shared-${index}`));
    lookups.add(['none-1', 'denied-1', 'user-1']);
    await lookups.drain();
    expect(graphSession.batch).toHaveBeenCalledTimes(13);
    expect(inFlight.max).toBe(3);
    expect(saved).toHaveLength(252);
    expect(saved.find((fact) => fact.id === 'none-1')).toEqual({ id: 'none-1', hasMailbox: false, isSharedMailbox: false });
    expect(saved.find((fact) => fact.id === 'shared-7')).toEqual({ id: 'shared-7', hasMailbox: true, isSharedMailbox: true });
    expect(saved.some((fact) => fact.id === 'denied-1')).toBe(false);
  });

  it('should resolve at once with nothing to ask, and report a batch that failed for good', async () => {
    const failing = { batch: vi.fn().mockRejectedValue(new Error('boom')) } as unknown as GraphSession;
    const idle = new MailboxLookups(new SyncGraph(failing, async () => undefined), 2, () => undefined);
    await expect(idle.drain()).resolves.toBeUndefined();
    idle.add(['user-1']);
    await expect(idle.drain()).rejects.toThrow('boom');
  });

  it('should save the answers it has before reporting a batch that failed for good', async () => {
    const answering = session({ now: 0, max: 0 });
    const partly = {
      batch: async (requests: BatchRequest[]) => {
        if (requests.some((request) => request.url.includes('broken'))) throw new Error('boom');
        return answering.batch(requests);
      },
    } as unknown as GraphSession;
    const saved: MailboxFacts[] = [];
    const lookups = new MailboxLookups(new SyncGraph(partly, async () => undefined), 1, async (facts) => void saved.push(...facts));
    lookups.add([...Array.from({ length: 20 }, (_, index) => `shared-${index}`), 'broken-1']);
    await expect(lookups.drain()).rejects.toThrow('boom');
    expect(saved).toHaveLength(20);
  });
});
