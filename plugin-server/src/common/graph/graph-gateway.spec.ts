import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestConfig } from '../../test/test-config.js';
import { MicrosoftError } from '../microsoft/microsoft-error.js';
import { GraphGateway } from './graph-gateway.js';

const GRAPH = 'https://graph.example.test';

/** A session of the real gateway and Graph SDK over a fetch that answers `response` once. */
function sessionAnswering(response: Response) {
  vi.stubGlobal('fetch', vi.fn(async () => response));
  return new GraphGateway(createTestConfig({ MICROSOFT_GRAPH_URL: GRAPH })).session(async () => 'token');
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('GraphSession.page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('should read the value, links and count of a page', async () => {
    const page = await sessionAnswering(
      json({ '@odata.count': 2, '@odata.nextLink': `${GRAPH}/v1.0/users?$skiptoken=x`, value: [{ id: 'a' }, { id: 'b' }] }),
    ).page('/users');
    expect(page).toEqual({ value: [{ id: 'a' }, { id: 'b' }], nextLink: `${GRAPH}/v1.0/users?$skiptoken=x`, deltaLink: null, count: 2 });
  });

  it("should keep Graph's error code, request id and Retry-After when a page fails", async () => {
    const throttled = sessionAnswering(
      json({ error: { code: 'TooManyRequests', message: 'Slow down.', innerError: { 'request-id': 'req-1' } } }, 429, { 'Retry-After': '7' }),
    ).page('/users');
    await expect(throttled).rejects.toEqual(expect.any(MicrosoftError));
    await expect(throttled).rejects.toMatchObject({ source: 'graph', status: 429, code: 'TooManyRequests', message: 'Slow down.', extra: { requestId: 'req-1', retryAfterMs: 7_000 } });

    const expired = sessionAnswering(json({ error: { code: 'Directory_ExpiredPageToken', message: 'The specified page token value has expired.' } }, 400)).page('/users');
    await expect(expired).rejects.toMatchObject({ status: 400, code: 'Directory_ExpiredPageToken' });

    const bare = sessionAnswering(new Response('upstream broke', { status: 502, statusText: 'Bad Gateway' })).page('/users');
    await expect(bare).rejects.toMatchObject({ source: 'graph', status: 502, code: 'http_502' });
  });

  it('should treat a page that is not valid JSON as a broken transfer, which is retried', async () => {
    const truncated = sessionAnswering(new Response('{"value":[{"id":"a"},{"id":', { status: 200, headers: { 'content-type': 'application/json' } })).page('/users');
    await expect(truncated).rejects.toMatchObject({ source: 'network', code: 'invalid_json' });
  });
});
