import { describe, expect, it, vi } from 'vitest';
import { MockAgent } from 'undici';
import { GraphGateway } from '../../common/graph/graph-gateway.js';
import { createTestConfig } from '../../test/test-config.js';
import { SyncGraph } from './sync-graph.js';
import { toSyncFailure } from './sync-failure.util.js';
import { followDelta, listUsers } from './user-listing.js';

const GRAPH = 'https://graph.example.test';

/**
 * The real gateway and Graph SDK over a mock connection pool that reaches only the Graph host:
 * `/users/$count` answers 1, anything else `body`; `sent` lists the URLs of the requests made.
 */
function graphAnswering(body: unknown) {
  const agent = new MockAgent({ enableCallHistory: true });
  agent.disableNetConnect();
  const graphHost = agent.get(GRAPH);
  graphHost.intercept({ path: (path) => path.includes('/users/$count'), method: 'GET' }).reply(200, '1', { headers: { 'content-type': 'text/plain' } }).persist();
  graphHost.intercept({ path: () => true, method: () => true }).reply(200, JSON.stringify(body), { headers: { 'content-type': 'application/json' } }).persist();
  const gateway = new GraphGateway(createTestConfig({ MICROSOFT_GRAPH_URL: GRAPH }), agent);
  const sleep = vi.fn(async () => undefined);
  const sent = () => agent.getCallHistory()!.calls().map((call) => call.fullUrl);
  return { graph: new SyncGraph(gateway.session(async () => 'token'), sleep), sent, sleep };
}

const sink = { convert: (users: unknown[]) => users, write: () => undefined };

describe('links from Graph', () => {
  it('should refuse a nextLink to another host, at once and without retrying', async () => {
    const { graph, sent, sleep } = graphAnswering({ value: [{ id: '1' }], '@odata.nextLink': 'https://evil.example.test/v1.0/users?$skiptoken=x' });
    const listing = listUsers(graph, sink, { shardMinUsers: 1_000_000, shardConcurrency: 1 });
    await expect(listing).rejects.toMatchObject({ code: 'GRAPH_LINK_REJECTED' });
    expect(sleep).not.toHaveBeenCalled();
    expect(sent().length).toBeGreaterThan(0);
    expect(sent().every((url) => url.startsWith(GRAPH))).toBe(true);
    expect(toSyncFailure(await listing.catch((error: unknown) => error))).toMatchObject({ code: 'GRAPH_LINK_REJECTED' });
  });

  it('should refuse a deltaLink to another host', async () => {
    const { graph } = graphAnswering({ value: [], '@odata.deltaLink': 'https://evil.example.test/v1.0/users/delta?$deltatoken=x' });
    await expect(followDelta(graph, `${GRAPH}/v1.0/users/delta?$deltatoken=stored`, sink)).rejects.toMatchObject({ code: 'GRAPH_LINK_REJECTED' });
  });

  it('should refuse a stored delta link that points elsewhere before sending anything', async () => {
    const { graph, sent } = graphAnswering({ value: [] });
    await expect(followDelta(graph, 'https://evil.example.test/v1.0/users/delta?$deltatoken=x', sink)).rejects.toMatchObject({ code: 'GRAPH_LINK_REJECTED' });
    expect(sent()).toEqual([]);
  });
});
