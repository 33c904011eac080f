import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pluginApi, type Onboarding, type Role } from '@m365/contracts';
import { EMULATOR_PUBLIC_CLIENT_ID, SEED_PASSWORD, startEmulator, type EmulatorOptions, type RunningEmulator } from '@m365/emulator';
import { CUSTOMERS, DEV_PARTNER, DEV_TECHNICIAN, DevTokenIssuer, createHookSecret, pushFixtures } from '@m365/host-portal';
import { createApp, loadConfig, type AppConfig } from '@m365/plugin-server';
import { initClient } from '@ts-rest/core';

export { SEED_PASSWORD };
export const PARTNER = DEV_PARTNER.id;

export interface StackOptions {
  emulator?: Omit<EmulatorOptions, 'dataDir'>;
  env?: Record<string, string>;
  /** Start again on a stopped stack's data directory, hook secret, token issuer and emulator (restart tests). */
  restartOf?: { dataDir: string; hookSecret: string; issuer: DevTokenIssuer; emulator: RunningEmulator };
}

export type Stack = Awaited<ReturnType<typeof startStack>>;

/** The plugin server in process, the emulator and the host fixtures pushed through the signed hooks. */
export async function startStack(options: StackOptions = {}) {
  const emulator: RunningEmulator =
    options.restartOf?.emulator ??
    (await startEmulator({
      port: 0,
      httpPort: null,
      ...options.emulator,
      timing: { deviceCodeIntervalSeconds: 1, ...options.emulator?.timing },
    }));
  const issuer = options.restartOf?.issuer ?? (await DevTokenIssuer.create('https://host.test'));
  const hookSecret = options.restartOf?.hookSecret ?? createHookSecret();
  const dataDir = options.restartOf?.dataDir ?? mkdtempSync(join(tmpdir(), 'm365-e2e-'));
  const config: AppConfig = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'error',
    DATA_DIR: dataDir,
    PUBLIC_CLIENT_ID: EMULATOR_PUBLIC_CLIENT_ID,
    PUBLIC_BASE_URL: 'http://127.0.0.1',
    HOST_JWT_ISSUER: issuer.issuer,
    HOST_JWT_PUBLIC_KEY: JSON.stringify(issuer.jwks().keys[0]),
    HOOK_SECRETS: `${PARTNER}:${hookSecret}`,
    MICROSOFT_LOGIN_URL: emulator.url,
    MICROSOFT_GRAPH_URL: emulator.url,
    SERVE_UI: 'false',
    ...options.env,
  });
  const app = await createApp(config);
  let serverStopped: Promise<void> | undefined;
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  const pushed = await pushFixtures(url, hookSecret);
  const refused = pushed.filter((result) => result.status !== 200);
  if (refused.length) throw new Error(`Fixture hooks refused: ${JSON.stringify(refused)}`);

  async function client(role: Role = DEV_TECHNICIAN.role, partnerId = PARTNER) {
    const { accessToken } = await issuer.sign(partnerId, { ...DEV_TECHNICIAN, role });
    return initClient(pluginApi, { baseUrl: url, baseHeaders: { authorization: `Bearer ${accessToken}` } });
  }
  const api = await client();

  /** Polls the onboarding (which also keeps its code watched) until the predicate holds. */
  async function waitFor(onboardingId: string, predicate: (onboarding: Onboarding) => boolean, timeoutMs = 60_000): Promise<Onboarding> {
    const deadline = Date.now() + timeoutMs;
    let last: Onboarding | undefined;
    while (Date.now() < deadline) {
      const response = await api.onboarding.getOnboarding({ params: { onboardingId } });
      if (response.status !== 200) throw new Error(`getOnboarding answered ${response.status}`);
      last = response.body;
      if (predicate(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`Timed out; last state: ${JSON.stringify({ status: last?.status, step: last?.currentStep, failure: last?.failure, steps: last?.steps })}`);
  }

  function customerFor(domain: string) {
    const customer = CUSTOMERS.find((item) => item.domains.includes(domain));
    if (!customer) throw new Error(`No fixture customer for ${domain}`);
    return customer;
  }

  return {
    emulator,
    app,
    url,
    api,
    config,
    dataDir,
    hookSecret,
    issuer,
    client,
    waitFor,
    customerFor,
    /** Stops the server only, as a restart would; the emulator keeps running for `restartOf`. */
    async stopServer() {
      serverStopped ??= app.close();
      await serverStopped;
    },
    async close() {
      serverStopped ??= app.close();
      await serverStopped;
      await emulator.close();
    },
  };
}
