import { expect } from '@open-wc/testing';
import { ApiError } from './api-error.js';
import { createApiClient, unwrap } from './client.js';

type Call = { url: string; init: RequestInit };

function withFetch(respond: (call: Call) => Promise<Response>) {
  const calls: Call[] = [];
  const original = window.fetch;
  window.fetch = (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call = { url: String(input), init };
    calls.push(call);
    return respond(call);
  };
  return { calls, restore: () => (window.fetch = original) };
}

const json = (status: number, body: unknown) =>
  Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));

describe('createApiClient', () => {
  let stub: ReturnType<typeof withFetch> | undefined;
  afterEach(() => stub?.restore());

  it('calls the route under apiBaseUrl with encoded path params and the host token, fetched for every call', async () => {
    stub = withFetch(() => json(200, { items: [] }));
    let issued = 0;
    const api = createApiClient({ baseUrl: 'https://portal.example/m365-plugin/', getAccessToken: async () => `t${++issued}` });
    await api.devices.listDevices();
    await api.organizations.getOrganization({ params: { organizationId: 'eu/org 1' } });
    expect(stub.calls.map((call) => call.url)).to.deep.equal([
      'https://portal.example/m365-plugin/api/v1/devices',
      'https://portal.example/m365-plugin/api/v1/organizations/eu%2Forg%201',
    ]);
    expect(stub.calls.map((call) => new Headers(call.init.headers).get('authorization'))).to.deep.equal([
      'Bearer t1',
      'Bearer t2',
    ]);
  });

  it('sends JSON bodies and query strings from the contract', async () => {
    stub = withFetch(() => json(201, {}));
    const api = createApiClient({ baseUrl: 'http://x.test', getAccessToken: async () => 't' });
    await api.onboarding.startOnboarding({ body: { customerId: 'c1', settings: { licenseMode: 'manual' } } });
    await api.customers.listCustomers({ query: { connectable: 'true' } });
    expect(stub.calls[0]!.init.method).to.equal('POST');
    expect(JSON.parse(String(stub.calls[0]!.init.body))).to.deep.equal({ customerId: 'c1', settings: { licenseMode: 'manual' } });
    expect(stub.calls[1]!.url).to.equal('http://x.test/api/v1/customers?connectable=true');
  });

  it('turns a failing getAccessToken into HOST_TOKEN_FAILED without calling the API', async () => {
    stub = withFetch(() => json(200, {}));
    const api = createApiClient({ baseUrl: 'http://x.test', getAccessToken: () => Promise.reject(new Error('no session')) });
    const error = await api.devices.listDevices().catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(ApiError);
    expect((error as ApiError).code).to.equal('HOST_TOKEN_FAILED');
    expect(stub.calls.length).to.equal(0);
  });

  it('turns a network failure into NETWORK_FAILED and lets an abort through', async () => {
    stub = withFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const api = createApiClient({ baseUrl: 'http://x.test', getAccessToken: async () => 't' });
    const error = (await api.devices.listDevices().catch((caught: unknown) => caught)) as ApiError;
    expect(error.code).to.equal('NETWORK_FAILED');
    stub.restore();
    stub = withFetch(() => Promise.reject(new DOMException('stop', 'AbortError')));
    const aborted = (await api.devices.listDevices().catch((caught: unknown) => caught)) as DOMException;
    expect(aborted.name).to.equal('AbortError');
  });
});

describe('unwrap', () => {
  it('returns the body of a 2xx response', async () => {
    expect(await unwrap(Promise.resolve({ status: 200 as const, body: { ok: 1 } }))).to.deep.equal({ ok: 1 });
  });

  it('throws an ApiError with the code, message, status and field errors of an error body', async () => {
    const details = [{ path: 'settings.applicationName', message: 'Application name cannot be empty' }];
    const error = (await unwrap(
      Promise.resolve({ status: 400 as const, body: { code: 'VALIDATION_FAILED', message: 'Invalid settings', details } }),
    ).catch((caught: unknown) => caught)) as ApiError;
    expect(error).to.be.instanceOf(ApiError);
    expect([error.code, error.message, error.status]).to.deep.equal(['VALIDATION_FAILED', 'Invalid settings', 400]);
    expect(error.fieldErrors).to.deep.equal({ 'settings.applicationName': 'Application name cannot be empty' });
  });

  it('reads field errors from details.issues as well', () => {
    const error = new ApiError('VALIDATION_FAILED', 'x', 400, { issues: [{ path: 'licenseMode', message: 'bad' }] });
    expect(error.fieldErrors).to.deep.equal({ licenseMode: 'bad' });
  });

  it('throws UNEXPECTED_RESPONSE for an error that is not an ApiError body', async () => {
    const error = (await unwrap(Promise.resolve({ status: 502, body: '<html>Bad gateway</html>' })).catch(
      (caught: unknown) => caught,
    )) as ApiError;
    expect([error.code, error.status]).to.deep.equal(['UNEXPECTED_RESPONSE', 502]);
  });
});
