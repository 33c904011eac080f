/**
 * `npm start`: the Microsoft 365 emulator, the plugin server (child process) and the development host
 * portal on loopback. Ctrl-C stops everything.
 *
 * Ports: HOST_PORTAL_PORT (8080), PLUGIN_SERVER_PORT (3000), EMULATOR_PORT (8443, HTTPS),
 * EMULATOR_HTTP_PORT (8444, sign-in pages over http). Data: DEV_DATA_DIR (.data).
 */
import { createServer } from 'node:net';
import { join } from 'node:path';
import { SEED_PASSWORD } from '@m365/emulator';
import { DEV_PARTNER, DEV_TECHNICIAN } from './fixtures.js';
import { LOOPBACK, REPO_ROOT, startDevStack, type DevStack } from './stack.js';

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

async function main(): Promise<void> {
  const portalPort = portFromEnv('HOST_PORTAL_PORT', 8080);
  const serverPort = portFromEnv('PLUGIN_SERVER_PORT', 3000);
  const emulatorPort = portFromEnv('EMULATOR_PORT', 8443);
  const emulatorHttpPort = portFromEnv('EMULATOR_HTTP_PORT', 8444);
  const dataDir = process.env.DEV_DATA_DIR ?? join(REPO_ROOT, '.data');
  await assertPortFree(portalPort, 'host portal', 'HOST_PORTAL_PORT');
  await assertPortFree(serverPort, 'plugin server', 'PLUGIN_SERVER_PORT');
  await assertPortFree(emulatorPort, 'Microsoft 365 emulator', 'EMULATOR_PORT');
  await assertPortFree(emulatorHttpPort, 'emulator sign-in pages', 'EMULATOR_HTTP_PORT');

  const startup = new AbortController();
  const starting = startDevStack({ dataDir, portalPort, serverPort, emulatorPort, emulatorHttpPort, signal: startup.signal });
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    startup.abort();
    const started = await starting.catch(() => undefined);
    await started?.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  let stack: DevStack;
  try {
    stack = await starting;
  } catch (error) {
    if (!stopping) console.error(error instanceof Error ? error.message : String(error));
    return stopAll(1);
  }
  void stack.serverExited.then((code) => {
    if (!stopping) {
      console.error(`The plugin server stopped (exit code ${code}); stopping the stack.`);
      void stopAll(1);
    }
  });
  const { emulator, portal, fixtureHooks } = stack;
  console.log(`Microsoft 365 emulator: ${emulator.url} (sign-in pages also at ${emulator.httpUrl})`);
  const refused = fixtureHooks.filter((result) => result.status < 200 || result.status >= 300);
  if (refused.length > 0) {
    console.warn(
      `The plugin server refused ${refused.length} of ${fixtureHooks.length} fixture hooks (first: ${refused[0]!.path} -> ${refused[0]!.status} ${refused[0]!.body.slice(0, 200)}).`,
    );
  } else {
    console.log(`Pushed the seat pool, devices and customers of ${DEV_PARTNER.id} to the plugin through its hooks.`);
  }

  console.log(`\nSigned in to the portal as ${DEV_TECHNICIAN.name} (${DEV_TECHNICIAN.role}) of partner ${DEV_PARTNER.id}.`);
  console.log(`Tenant admins: admin@<tenant>.com (contoso, fabrikam, northwind, ...), password ${SEED_PASSWORD} (test/emulator/README.md).`);
  console.log(`Open ${portal.url}/m365`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
