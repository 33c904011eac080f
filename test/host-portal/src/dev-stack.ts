/**
 * `npm start`: the Microsoft 365 emulator, the plugin server (child process) and the development host
 * portal on loopback. Ctrl-C stops everything.
 *
 * Ports: HOST_PORTAL_PORT (8080), PLUGIN_SERVER_PORT (3000), EMULATOR_PORT (8443, HTTPS),
 * EMULATOR_HTTP_PORT (8444, sign-in pages over http). Data: DEV_DATA_DIR (.data).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EMULATOR_PUBLIC_CLIENT_ID, SEED_PASSWORD, startEmulator } from '@m365/emulator';
import { DEV_PARTNER, DEV_TECHNICIAN } from './fixtures.js';
import { createHookSecret, pushFixtures } from './host-hooks.js';
import { PLUGIN_PREFIX, startHostPortal, type HostPortal } from './server.js';

const LOOPBACK = '127.0.0.1';
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name} must be a port number, not "${raw}"`);
  return port;
}

function assertPortFree(port: number, what: string, variable: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `Port ${port} (${what}) is already in use. Stop whatever uses it, or set ${variable} to another port.`
            : `Port ${port} (${what}) cannot be used: ${error.message}`,
        ),
      ),
    );
    probe.listen(port, LOOPBACK, () => probe.close(() => resolve()));
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The plugin server exited with code ${child.exitCode} (see its output above).`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The plugin server did not answer ${url} within ${timeoutMs / 1000} s.`);
}

function prefixLines(stream: NodeJS.ReadableStream | null, prefix: string, out: NodeJS.WriteStream): void {
  let rest = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) out.write(`${prefix} ${line}\n`);
  });
  stream?.on('end', () => rest && out.write(`${prefix} ${rest}\n`));
}

async function main(): Promise<void> {
  const portalPort = portFromEnv('HOST_PORTAL_PORT', 8080);
  const serverPort = portFromEnv('PLUGIN_SERVER_PORT', 3000);
  const emulatorPort = portFromEnv('EMULATOR_PORT', 8443);
  const emulatorHttpPort = portFromEnv('EMULATOR_HTTP_PORT', 8444);
  const dataDir = process.env.DEV_DATA_DIR ?? join(repoRoot, '.data');
  await assertPortFree(portalPort, 'host portal', 'HOST_PORTAL_PORT');
  await assertPortFree(serverPort, 'plugin server', 'PLUGIN_SERVER_PORT');
  await assertPortFree(emulatorPort, 'Microsoft 365 emulator', 'EMULATOR_PORT');
  await assertPortFree(emulatorHttpPort, 'emulator sign-in pages', 'EMULATOR_HTTP_PORT');
  mkdirSync(join(dataDir, 'plugin-server'), { recursive: true });

  const portalOrigin = `http://${LOOPBACK}:${portalPort}`;
  const serverUrl = `http://${LOOPBACK}:${serverPort}`;
  const popupRedirectUri = `${portalOrigin}${PLUGIN_PREFIX}/ui/redirect-bridge.html`;
  const hookSecret = createHookSecret();
  const stops: Array<() => Promise<void>> = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => console.error(String(error)));
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    const emulator = await startEmulator({
      port: emulatorPort,
      httpPort: emulatorHttpPort,
      dataDir: join(dataDir, 'emulator'),
      publicClient: { clientId: EMULATOR_PUBLIC_CLIENT_ID, spaRedirectUris: [popupRedirectUri] },
    });
    stops.push(() => emulator.close());
    console.log(`Microsoft 365 emulator: ${emulator.url} (sign-in pages also at ${emulator.httpUrl})`);

    const portal: HostPortal = await startHostPortal({ port: portalPort, host: LOOPBACK, pluginServerUrl: serverUrl });
    stops.push(() => portal.close());

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      HOST: LOOPBACK,
      PORT: String(serverPort),
      DATA_DIR: join(dataDir, 'plugin-server'),
      PUBLIC_BASE_URL: portal.apiBaseUrl,
      HOST_JWKS_URL: portal.jwksUrl,
      HOST_JWT_ISSUER: portal.issuer,
      HOST_JWT_AUDIENCE: 'm365-backup-plugin',
      HOST_EVENTS_URL: `${portalOrigin}/dev/events`,
      HOOK_SECRETS: `${DEV_PARTNER.id}:${hookSecret}`,
      PUBLIC_CLIENT_ID: EMULATOR_PUBLIC_CLIENT_ID,
      POPUP_REDIRECT_URI: popupRedirectUri,
      MICROSOFT_LOGIN_URL: emulator.url,
      MICROSOFT_GRAPH_URL: emulator.url,
      NODE_EXTRA_CA_CERTS: emulator.caFile,
    };
    const server = spawn(process.execPath, [join(repoRoot, 'plugin-server/dist/main.js')], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    prefixLines(server.stdout, '[plugin-server]', process.stdout);
    prefixLines(server.stderr, '[plugin-server]', process.stderr);
    stops.push(
      () =>
        new Promise<void>((resolve) => {
          if (server.exitCode !== null) return resolve();
          const kill = setTimeout(() => server.kill('SIGKILL'), 5000);
          server.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          server.kill('SIGTERM');
        }),
    );
    server.once('exit', (code) => {
      if (!stopping) {
        console.error(`The plugin server stopped (exit code ${code}); stopping the stack.`);
        void stopAll(1);
      }
    });
    await waitForHealth(`${serverUrl}/healthz`, server, 60_000);

    const pushed = await pushFixtures(serverUrl, hookSecret).catch((error: unknown) => [
      { path: 'hooks', status: 0, body: String(error) },
    ]);
    const refused = pushed.filter((result) => result.status < 200 || result.status >= 300);
    if (refused.length > 0) {
      console.warn(
        `The plugin server refused ${refused.length} of ${pushed.length} fixture hooks (first: ${refused[0]!.path} -> ${refused[0]!.status} ${refused[0]!.body.slice(0, 200)}).`,
      );
    } else {
      console.log(`Pushed the seat pool, devices and customers of ${DEV_PARTNER.id} to the plugin through its hooks.`);
    }

    console.log(`\nSigned in to the portal as ${DEV_TECHNICIAN.name} (${DEV_TECHNICIAN.role}) of partner ${DEV_PARTNER.id}.`);
    console.log(`Tenant admins: admin@<tenant>.com (contoso, fabrikam, northwind, ...), password ${SEED_PASSWORD} (test/emulator/README.md).`);
    console.log(`Open ${portal.url}/m365`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    await stopAll(1);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
