import { afterEach, describe, expect, it, vi } from 'vitest';
import { GraphGateway } from '../../common/graph/graph-gateway.js';
import { createTestConfig } from '../../test/test-config.js';
import { SyncGraph } from './sync-graph.js';
import { toSyncFailure } from './sync-failure.util.js';
import { followDelta, listUsers } from './user-listing.js';

const GRAPH = 'https://graph.example.test';

/** The real gateway and Graph SDK over a stubbed fetch: `/users/$count` answers 1, anything else `body`. */
function graphAnswering(body: unknown) {
  const fetchStub = vi.fn(async (url: string | URL | Request) =>
    String(url).includes('/users/$count')
      ? new Response('1', { status: 200, headers: { 'content-type': 'text/plain' } })
      : new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }),
  );
  vi.stubGlobal('fetch', fetchStub);
  const gateway = new GraphGateway(createTestConfig({ MICROSOFT_GRAPH_URL: GRAPH }));
  const sleep = vi.fn(async () => undefined);
  return { graph: new SyncGraph(gateway.session(async () => 'token'), sleep), fetchStub, sleep };
}

const sink = { prepare: (users: unknown[]) => users, write: () => undefined };

describe('links from Graph', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('should refuse a nextLink to another host, at once and without retrying', async () => {
    const { graph, fetchStub, sleep } = graphAnswering({ value: [{ id: '1' }], '@odata.nextLink': 'https://evil.example.test/v1.0/users?$skiptoken=x' });
    const listing = listUsers(graph, sink, { shardMinUsers: 1_000_000, shardConcurrency: 1 });
    await expect(listing).rejects.toMatchObject({ code: 'GRAPH_LINK_REJECTED' });
    expect(sleep).not.toHaveBeenCalled();
    expect(fetchStub.mock.calls.every(([url]) => String(url).startsWith(GRAPH))).toBe(true);
    expect(toSyncFailure(await listing.catch((error: unknown) => error))).toMatchObject({ code: 'GRAPH_LINK_REJECTED' });
  });

  it('should refuse a deltaLink to another host', async () => {
    const { graph } = graphAnswering({ value: [], '@odata.deltaLink': 'https://evil.example.test/v1.0/users/delta?$deltatoken=x' });
    await expect(followDelta(graph, `${GRAPH}/v1.0/users/delta?$deltatoken=stored`, sink)).rejects.toMatchObject({ code: 'GRAPH_LINK_REJECTED' });
  });

  it('should refuse a stored delta link that points elsewhere before sending anything', async () => {
    const { graph, fetchStub } = graphAnswering({ value: [] });
    await expect(followDelta(graph, 'https://evil.example.test/v1.0/users/delta?$deltatoken=x', sink)).rejects.toMatchObject({ code: 'GRAPH_LINK_REJECTED' });
    expect(fetchStub).not.toHaveBeenCalled();
  });
});
