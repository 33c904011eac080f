import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HOST_UI_TOKEN_TYPE, HostTokenClaimsSchema } from '@m365/contracts';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMERS, DEVICES } from './fixtures.js';
import { startHostPortal, type HostPortal } from './server.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

async function startUpstream(): Promise<{ server: Server; url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
    if (req.url?.endsWith('/events')) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: onboarding\ndata: {"n":1}\n\n');
      setTimeout(() => res.end('event: onboarding\ndata: {"n":2}\n\n'), 50);
      return;
    }
    res.writeHead(201, { 'content-type': 'application/json', 'x-upstream': 'yes' });
    res.end(JSON.stringify({ ok: true }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('startHostPortal', () => {
  let portal: HostPortal;
  let upstream: Awaited<ReturnType<typeof startUpstream>>;

  beforeAll(async () => {
    upstream = await startUpstream();
    portal = await startHostPortal({ port: 0, pluginServerUrl: upstream.url });
  });
  afterAll(async () => {
    await portal.close();
    upstream.server.close();
  });

  it('should issue 5-minute ES256 host tokens that verify against its JWKS', async () => {
    const { accessToken, expiresAt } = (await (await fetch(`${portal.url}/dev/token`)).json()) as {
      accessToken: string;
      expiresAt: string;
    };
    expect(decodeProtectedHeader(accessToken)).toMatchObject({ alg: 'ES256', typ: HOST_UI_TOKEN_TYPE });
    const { payload } = await jwtVerify(accessToken, createRemoteJWKSet(new URL(portal.jwksUrl)), {
      issuer: portal.issuer,
      audience: 'm365-backup-plugin',
      typ: HOST_UI_TOKEN_TYPE,
    });
    const claims = HostTokenClaimsSchema.parse(payload);
    expect(claims).toMatchObject({ sub: 'tech-dev', partner_id: 'partner-dev', role: 'admin', iss: portal.url });
    expect(claims.exp - claims.iat).toBe(300);
    expect(Date.parse(expiresAt)).toBe(claims.exp * 1000);
  });

  it('should forward /m365-plugin/* to the plugin server with method, body and headers', async () => {
    const response = await fetch(`${portal.url}/m365-plugin/api/v1/onboardings?x=1`, {
      method: 'POST',
      headers: { authorization: 'Bearer abc', 'content-type': 'application/json' },
      body: JSON.stringify({ customerId: 'cust-contoso' }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-upstream')).toBe('yes');
    const request = upstream.seen.at(-1)!;
    expect(request).toMatchObject({ method: 'POST', url: '/api/v1/onboardings?x=1', body: '{"customerId":"cust-contoso"}' });
    expect(request.headers.authorization).toBe('Bearer abc');
    expect(request.headers['x-forwarded-prefix']).toBe('/m365-plugin');
  });

  it('should stream server-sent events through the proxy', async () => {
    const response = await fetch(`${portal.url}/m365-plugin/api/v1/onboardings/o1/events`);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const text = await response.text();
    expect(text).toContain('data: {"n":1}');
    expect(text).toContain('data: {"n":2}');
  });

  it('should serve the root-config page for the portal routes with the plugin URL and apiBaseUrl', async () => {
    const html = await (await fetch(`${portal.url}/m365`)).text();
    expect(html).toContain('"pluginUrl":"/m365-plugin/ui/m365-plugin.js"');
    expect(html).toContain(`"apiBaseUrl":"${portal.url}/m365-plugin"`);
    expect(html).toContain('>Microsoft 365</a>');
    expect((await fetch(`${portal.url}/customers`)).status).toBe(200);
    expect((await fetch(`${portal.url}/nothing-here`)).status).toBe(404);
    expect((await fetch(`${portal.url}/vendor/single-spa.js`)).headers.get('content-type')).toContain('javascript');
  });

  it('should answer 502 with an ApiError body when the plugin server is down', async () => {
    const down = await startHostPortal({ port: 0, pluginServerUrl: 'http://127.0.0.1:9' });
    try {
      const response = await fetch(`${down.url}/m365-plugin/api/v1/organizations`);
      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('cannot reach') });
    } finally {
      await down.close();
    }
  });

  it('should fail with a readable message when its port is taken', async () => {
    const port = Number(new URL(portal.url).port);
    await expect(startHostPortal({ port, pluginServerUrl: upstream.url })).rejects.toThrow(/already in use/);
  });
});

describe('fixtures', () => {
  it('should have exactly one Main device and unique ids', () => {
    expect(DEVICES.filter((device) => device.isMain)).toHaveLength(1);
    expect(new Set(DEVICES.map((device) => device.id)).size).toBe(DEVICES.length);
    expect(new Set(CUSTOMERS.map((customer) => customer.id)).size).toBe(CUSTOMERS.length);
  });

  it("should name customers after the emulator's tenants with matching domains", () => {
    const withTenant = CUSTOMERS.filter((customer) => customer.hasEmulatorTenant).map((customer) => customer.domains[0]);
    expect(withTenant).toEqual(['contoso.com', 'fabrikam.com', 'northwind.com', 'tailspin.com', 'woodgrove.com', 'litware.com']);
    expect(CUSTOMERS.filter((customer) => !customer.hasEmulatorTenant).length).toBeGreaterThanOrEqual(2);
  });
});
