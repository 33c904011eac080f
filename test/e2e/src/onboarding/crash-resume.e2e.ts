import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ONBOARDING_STEPS, pluginApi } from '@m365/contracts';
import { EMULATOR_PUBLIC_CLIENT_ID, SEED_PASSWORD, startEmulator, type RunningEmulator } from '@m365/emulator';
import { DEV_PARTNER, DEV_TECHNICIAN, DevTokenIssuer, callHook, createHookSecret, pushFixtures } from '@m365/host-portal';
import { initClient } from '@ts-rest/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSecrets } from '../support/secret-scan.js';
import { logFileIn, startServerProcess, type ServerProcess } from '../support/server-process.js';

/** Every boundary the engine saves at: after the sign-in, then before and after each configuration step. */
const BOUNDARIES = ['sign_in:after', ...ONBOARDING_STEPS.slice(1).flatMap((step) => [`${step}:before`, `${step}:after`])];

describe('onboarding across crashes', () => {
  let emulator: RunningEmulator;
  let issuer: DevTokenIssuer;
  let server: ServerProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'm365-crash-'));
  const hookSecret = createHookSecret();

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, httpPort: null, timing: { deviceCodeIntervalSeconds: 1 } });
    issuer = await DevTokenIssuer.create('https://host.test');
  });
  afterAll(async () => {
    await server?.stop();
    await emulator?.close();
  });

  const env = (crashAt?: string): Record<string, string> => ({
    NODE_ENV: 'test',
    LOG_LEVEL: 'debug',
    DATA_DIR: dataDir,
    PUBLIC_CLIENT_ID: EMULATOR_PUBLIC_CLIENT_ID,
    HOST_JWT_ISSUER: issuer.issuer,
    HOST_JWT_PUBLIC_KEY: JSON.stringify(issuer.jwks().keys[0]),
    HOOK_SECRETS: `${DEV_PARTNER.id}:${hookSecret}`,
    MICROSOFT_LOGIN_URL: emulator.url,
    MICROSOFT_GRAPH_URL: emulator.url,
    SERVE_UI: 'false',
    ...(crashAt ? { TEST_CRASH_AT: crashAt } : {}),
  });

  it('should end connected with one application, service principal and credential after a SIGKILL at every boundary', async () => {
    server = await startServerProcess(env(BOUNDARIES[0]), logFileIn(dataDir));
    expect((await pushFixtures(server.url, hookSecret)).every((result) => result.status === 200)).toBe(true);
    const { accessToken } = await issuer.sign(DEV_PARTNER.id, DEV_TECHNICIAN);
    const api = (url: string) => initClient(pluginApi, { baseUrl: url, baseHeaders: { authorization: `Bearer ${accessToken}` } });
    const started = await api(server.url).onboarding.startOnboarding({ body: { customerId: 'cust-contoso', settings: { applicationName: 'Crash Test Backup' } } });
    expect(started.status).toBe(201);
    if (started.status !== 201) return;
    emulator.control.completeDeviceCode(started.body.signIn!.userCode, { email: 'admin@contoso.com', password: SEED_PASSWORD });

    const crashes: string[] = [];
    for (const [index, boundary] of BOUNDARIES.entries()) {
      const { signal } = await server.exited;
      expect(signal, `the server should die at ${boundary}`).toBe('SIGKILL');
      crashes.push(boundary);
      server = await startServerProcess(env(BOUNDARIES[index + 1]), logFileIn(dataDir));
    }
    expect(crashes).toEqual(BOUNDARIES);

    const deadline = Date.now() + 60_000;
    let state = (await api(server.url).onboarding.getOnboarding({ params: { onboardingId: started.body.id } })).body;
    while (Date.now() < deadline && 'status' in state && state.status !== 'connected' && state.status !== 'failed') {
      await new Promise((resolve) => setTimeout(resolve, 250));
      state = (await api(server.url).onboarding.getOnboarding({ params: { onboardingId: started.body.id } })).body;
    }
    expect(state).toMatchObject({ status: 'connected', failure: null });

    const tenant = emulator.control.tenantState('contoso.com');
    expect(tenant.applications).toHaveLength(1);
    expect(tenant.applications[0]!.keyCredentials).toHaveLength(1);
    const ours = tenant.servicePrincipals.filter((sp) => sp.appId === tenant.applications[0]!.appId);
    expect(ours).toHaveLength(1);
    expect(tenant.appRoleAssignments.filter((assignment) => assignment.principalId === ours[0]!.id)).toHaveLength(6);
    expect(readFileSync(logFileIn(dataDir), 'utf8')).toContain('Resuming 1 onboarding(s)');

    const hook = await callHook(server.url, hookSecret, 'PUT', `/partners/${DEV_PARTNER.id}/seat-pool`, { totalSeats: 5 });
    expect(hook.status).toBe(200);
  }, 240_000);

  it('should leave no private key, device code, access or refresh token in plaintext in the database or the log', async () => {
    await server?.stop();
    server = undefined;
    const files = ['plugin.db', 'plugin.db-wal', 'server.log'].map((name) => join(dataDir, name));
    expect(findSecrets(files)).toEqual([]);
  });
});
