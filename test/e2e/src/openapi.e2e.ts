import { fullContract } from '@m365/contracts';
import { createApp, loadConfig } from '@m365/plugin-server';
import { isAppRoute, type AppRoute, type AppRouter } from '@ts-rest/core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

function routes(router: AppRouter): AppRoute[] {
  return Object.values(router).flatMap((value) => (isAppRoute(value) ? [value] : routes(value)));
}

describe('/api/openapi.json', () => {
  let baseUrl: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'error',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'm365-e2e-')),
      PUBLIC_CLIENT_ID: '0a1b2c3d-1111-4222-8333-944455566677',
      HOST_JWT_ISSUER: 'https://host.test',
      HOST_JWKS_URL: 'https://host.test/.well-known/jwks.json',
      SERVE_UI: 'false',
    });
    const app = await createApp(config);
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
    close = () => app.close();
  });

  afterAll(() => close?.());

  it('should document every route of the contracts', async () => {
    const response = await fetch(`${baseUrl}/api/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
    const missing = routes(fullContract)
      .map((route) => ({ path: route.path.replace(/:(\w+)/g, '{$1}'), method: route.method.toLowerCase() }))
      .filter(({ path, method }) => !document.paths[path]?.[method])
      .map(({ path, method }) => `${method} ${path}`);
    expect(missing).toEqual([]);
    expect(routes(fullContract).length).toBeGreaterThan(40);
  });

  it('should serve a docs page and the health check', async () => {
    const docs = await fetch(`${baseUrl}/api/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
    const health = await fetch(`${baseUrl}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('should answer unknown paths and missing tokens with ApiError', async () => {
    const unknown = await fetch(`${baseUrl}/api/v1/nowhere`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ code: 'NOT_FOUND', message: expect.any(String) });
    const anonymous = await fetch(`${baseUrl}/api/v1/session`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
