/**
 * The development stack behind `npm start`: the Microsoft 365 emulator, the host portal and the plugin
 * server (`plugin-server/dist/main.js` as a child process), wired together and fed the fixtures through
 * the signed hooks. `dev-stack.ts` starts it on fixed ports; tests start it on free ports and a temporary
 * data directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EMULATOR_PUBLIC_CLIENT_ID, startEmulator, type EmulatorOptions, type RunningEmulator } from '@m365/emulator';
import { SERVER_NODE_FLAGS } from '@m365/plugin-server/node-flags';
import { DEV_PARTNER } from './fixtures.js';
import { createHookSecret, pushFixtures, type HookResult } from './host-hooks.js';
import { PLUGIN_PREFIX, startHostPortal, type HostPortal } from './server.js';

export const LOOPBACK = '127.0.0.1';
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const PLUGIN_SERVER_MAIN = join(REPO_ROOT, 'plugin-server/dist/main.js');

export interface DevStackOptions {
  /** Holds `plugin-server/` (database, generated key) and `emulator/` (CA, certificate). */
  dataDir: string;
  /** 0 (default) picks a free port. */
  portalPort?: number;
  /** 0 (default) picks a free port. */
  serverPort?: number;
  /** HTTPS port of the emulator; 0 (default) picks a free port. */
  emulatorPort?: number;
  /** Plain-HTTP port of the emulator's sign-in pages; 0 (default) picks a free port. */
  emulatorHttpPort?: number;
  /** Seed, faults and timing of the emulator (tests shorten the device code interval). */
  emulator?: Pick<EmulatorOptions, 'seed' | 'faults' | 'timing'>;
  /** Extra environment of the plugin server (after the stack's own). */
  serverEnv?: Record<string, string>;
  /** Each line the plugin server prints; default: written to this process's stdout/stderr with a prefix. */
  onServerOutput?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** How long to wait for the plugin server's /healthz; default 60 s. */
  startTimeoutMs?: number;
  /** Aborting stops a start in progress (what was started is stopped again). */
  signal?: AbortSignal;
}

export interface DevStack {
  emulator: RunningEmulator;
  portal: HostPortal;
  /** The plugin server's own origin (the portal proxies `/m365-plugin/*` to it). */
  serverUrl: string;
  /** The partner's Standard Webhooks secret (HOOK_SECRETS). */
  hookSecret: string;
  /** The pop-up sign-in's redirect URI, registered on the emulator's public client. */
  popupRedirectUri: string;
  /** Answers of the fixture hooks (seat pool, devices, customers). */
  fixtureHooks: HookResult[];
  /** Resolves with the exit code when the plugin server process ends, for whatever reason. */
  serverExited: Promise<number | null>;
  /** Stops the plugin server, the portal and the emulator. */
  close(): Promise<void>;
}

/** A port the kernel considers free right now (the plugin server runs in another process). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, LOOPBACK, () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    signal?.throwIfAborted();
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

function forwardLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  let rest = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
  stream?.on('end', () => rest && onLine(rest));
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts the emulator, the host portal and the plugin server, and pushes the fixtures through the hooks. */
export async function startDevStack(options: DevStackOptions): Promise<DevStack> {
  if (!existsSync(PLUGIN_SERVER_MAIN)) {
    throw new Error(`${PLUGIN_SERVER_MAIN} does not exist: run npm run build first.`);
  }
  const dataDir = options.dataDir;
  mkdirSync(join(dataDir, 'plugin-server'), { recursive: true });
  const serverPort = options.serverPort || (await freePort());
  const serverUrl = `http://${LOOPBACK}:${serverPort}`;
  const hookSecret = createHookSecret();
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch((error: unknown) => console.error(String(error)));
  };

  try {
    const portal = await startHostPortal({ port: options.portalPort ?? 0, host: LOOPBACK, pluginServerUrl: serverUrl, eventSecret: hookSecret });
    stops.push(() => portal.close());
    options.signal?.throwIfAborted();
    const popupRedirectUri = `${portal.url}${PLUGIN_PREFIX}/ui/redirect-bridge.html`;

    const emulator = await startEmulator({
      ...options.emulator,
      port: options.emulatorPort ?? 0,
      httpPort: options.emulatorHttpPort ?? 0,
      dataDir: join(dataDir, 'emulator'),
      publicClient: { clientId: EMULATOR_PUBLIC_CLIENT_ID, spaRedirectUris: [popupRedirectUri] },
    });
    stops.push(() => emulator.close());
    options.signal?.throwIfAborted();

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
      HOST_EVENTS_URL: `${portal.url}/dev/events`,
      HOOK_SECRETS: `${DEV_PARTNER.id}:${hookSecret}`,
      PUBLIC_CLIENT_ID: EMULATOR_PUBLIC_CLIENT_ID,
      POPUP_REDIRECT_URI: popupRedirectUri,
      MICROSOFT_LOGIN_URL: emulator.url,
      MICROSOFT_GRAPH_URL: emulator.url,
      NODE_EXTRA_CA_CERTS: emulator.caFile,
      ...options.serverEnv,
    };
    const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, PLUGIN_SERVER_MAIN], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const serverExited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    const onOutput =
      options.onServerOutput ??
      ((line: string, stream: 'stdout' | 'stderr') => (stream === 'stdout' ? process.stdout : process.stderr).write(`[plugin-server] ${line}\n`));
    forwardLines(server.stdout, (line) => onOutput(line, 'stdout'));
    forwardLines(server.stderr, (line) => onOutput(line, 'stderr'));
    stops.push(() => stopChild(server));
    await waitForHealth(`${serverUrl}/healthz`, server, options.startTimeoutMs ?? 60_000, options.signal);

    const fixtureHooks = await pushFixtures(serverUrl, hookSecret).catch((error: unknown) => [
      { path: 'hooks', status: 0, body: String(error) },
    ]);
    return { emulator, portal, serverUrl, hookSecret, popupRedirectUri, fixtureHooks, serverExited, close: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
