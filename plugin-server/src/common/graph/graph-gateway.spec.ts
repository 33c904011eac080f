import { describe, expect, it } from 'vitest';
import { MockAgent } from 'undici';
import { createTestConfig } from '../../test/test-config.js';
import { MicrosoftError } from '../microsoft/microsoft-error.js';
import { GraphGateway } from './graph-gateway.js';
import { bodyBytes } from './graph-http.handler.js';

const GRAPH = 'https://graph.example.test';

interface Answer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

/** The real gateway, Graph SDK and HTTP handler over a mock connection pool that answers the first request with `answer`. */
function graphAnswering(answer: Answer | Error) {
  const agent = new MockAgent({ enableCallHistory: true });
  agent.disableNetConnect();
  const interceptor = agent.get(GRAPH).intercept({ path: () => true, method: () => true });
  if (answer instanceof Error) interceptor.replyWithError(answer);
  else interceptor.reply(answer.status, answer.body, { headers: answer.headers ?? {} });
  return { session: new GraphGateway(createTestConfig({ MICROSOFT_GRAPH_URL: GRAPH }), agent).session(async () => 'token'), agent };
}

const sessionAnswering = (answer: Answer | Error) => graphAnswering(answer).session;

const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Answer =>
  ({ status, body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

describe('GraphSession.page', () => {
  it('should read the value, links and count of a page', async () => {
    const page = await sessionAnswering(
      json({ '@odata.count': 2, '@odata.nextLink': `${GRAPH}/v1.0/users?$skiptoken=x`, value: [{ id: 'a' }, { id: 'b' }] }),
    ).page('/users');
    expect(page).toEqual({ value: [{ id: 'a' }, { id: 'b' }], nextLink: `${GRAPH}/v1.0/users?$skiptoken=x`, deltaLink: null, count: 2 });
  });

  it("should give the page's items to the caller's map and answer what it returned", async () => {
    const page = await sessionAnswering(json({ value: [{ id: 'a' }, { id: 'b' }] })).page('/users', {}, (users: { id: string }[]) => users.map((user) => user.id.toUpperCase()));
    expect(page.value).toEqual(['A', 'B']);
  });

  it("should keep Graph's error code, request id and Retry-After when a page fails", async () => {
    const throttled = sessionAnswering(
      json({ error: { code: 'TooManyRequests', message: 'Slow down.', innerError: { 'request-id': 'req-1' } } }, 429, { 'Retry-After': '7' }),
    ).page('/users');
    await expect(throttled).rejects.toEqual(expect.any(MicrosoftError));
    await expect(throttled).rejects.toMatchObject({ source: 'graph', status: 429, code: 'TooManyRequests', message: 'Slow down.', extra: { requestId: 'req-1', retryAfterMs: 7_000 } });

    const expired = sessionAnswering(json({ error: { code: 'Directory_ExpiredPageToken', message: 'The specified page token value has expired.' } }, 400)).page('/users');
    await expect(expired).rejects.toMatchObject({ status: 400, code: 'Directory_ExpiredPageToken' });

    const bare = sessionAnswering({ status: 502, body: 'upstream broke' }).page('/users');
    await expect(bare).rejects.toMatchObject({ source: 'graph', status: 502, code: 'http_502', message: 'Bad Gateway' });
  });

  it('should treat a page that is not valid JSON as a broken transfer, which is retried', async () => {
    const truncated = sessionAnswering({ status: 200, body: '{"value":[{"id":"a"},{"id":', headers: { 'content-type': 'application/json' } }).page('/users');
    await expect(truncated).rejects.toMatchObject({ source: 'network', code: 'invalid_json' });
  });

  it('should report a connection that breaks as a network failure, which is retried', async () => {
    const dropped = sessionAnswering(new Error('other side closed')).page('/users');
    await expect(dropped).rejects.toEqual(expect.any(MicrosoftError));
    await expect(dropped).rejects.toMatchObject({ source: 'network', status: 0, code: 'network_error' });
  });
});

describe('GraphSession requests', () => {
  it("should send the method, the token, the SDK's headers and the JSON body, and read a JSON answer", async () => {
    const { session, agent } = graphAnswering(json({ responses: [{ id: '1', status: 404, body: { error: { code: 'ErrorInvalidUser' } } }] }));
    const responses = await session.batch([{ id: '1', method: 'GET', url: '/users/a/mailboxSettings' }]);
    expect(responses).toEqual([{ id: '1', status: 404, headers: {}, body: { error: { code: 'ErrorInvalidUser' } } }]);
    const call = agent.getCallHistory()!.firstCall()!;
    expect(call).toMatchObject({ method: 'POST', fullUrl: `${GRAPH}/v1.0/$batch` });
    expect(call.headers).toMatchObject({ authorization: 'Bearer token', 'content-type': 'application/json' });
    expect(JSON.parse(String(call.body))).toEqual({ requests: [{ id: '1', method: 'GET', url: '/users/a/mailboxSettings' }] });
  });

  it('should give an answer without a body (204) to the SDK as such', async () => {
    await expect(sessionAnswering({ status: 204, body: '' }).delete('/applications/x')).resolves.toBeUndefined();
  });
});

describe('bodyBytes', () => {
  const chunked = (...chunks: string[]) =>
    new Response(new ReadableStream({ start: (controller) => { for (const chunk of chunks) controller.enqueue(Buffer.from(chunk)); controller.close(); } }));

  it('should hand over a single chunk as it is and join several', async () => {
    const chunk = Buffer.from('{"value":[]}');
    const one = new Response(new ReadableStream({ start: (controller) => { controller.enqueue(chunk); controller.close(); } }));
    expect(await bodyBytes(one)).toBe(chunk);
    expect(Buffer.from(await bodyBytes(chunked('{"va', 'lue":[]}'))).toString()).toBe('{"value":[]}');
    expect((await bodyBytes(new Response(null, { status: 204 }))).byteLength).toBe(0);
  });
});
