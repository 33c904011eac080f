import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { DEFAULT_CIPHERS } from 'node:tls';
import { newLinkSecret, type EmulatorContext } from './context.js';
import { EmulatorControl } from './control/control.js';
import { FaultEngine, type Faults } from './faults/faults.js';
import { PagePrefetcher } from './graph/user-pages.js';
import { AuthorizationCodes } from './identity/authorization-codes.js';
import { DeviceCodes } from './identity/device-codes.js';
import { RefreshTokens } from './identity/refresh-tokens.js';
import { DEFAULT_TIMING, TokenIssuer, type Timing } from './identity/tokens.js';
import { registerPages } from './pages/routes.js';
import { FlowSessions } from './pages/sessions.js';
import { createApp } from './server/app.js';
import { Directory, type PublicClientOptions } from './store/directory.js';
import { resolveSeed, type Seed } from './store/seed.js';
import { defaultDataDir, ensureCertificateAuthority } from './tls/ca.js';

export interface EmulatorOptions {
  /** HTTPS port for the protocol endpoints (identity platform and Graph); 0 picks a free one. */
  port?: number;
  /** Plain-HTTP port for the human sign-in pages; 0 (default) picks a free one, null serves none. */
  httpPort?: number | null;
  /** A seed object or the path of a JSON seed file; default: the built-in tenants. */
  seed?: Seed | string;
  faults?: Faults;
  /** Holds the CA and server certificate; default test/emulator/.data. */
  dataDir?: string;
  publicClient?: PublicClientOptions;
  /** Token, code and polling lifetimes; tests shorten them. */
  timing?: Partial<Timing>;
}

export interface RunningEmulator {
  /** https://127.0.0.1:PORT: authority host and Graph base (`${url}/v1.0`). */
  url: string;
  /** http://127.0.0.1:PORT2 for /devicelogin, or null. */
  httpUrl: string | null;
  /** CA certificate to trust (NODE_EXTRA_CA_CERTS). */
  caFile: string;
  control: EmulatorControl;
  close(): Promise<void>;
}

function listen(server: Server, port: number, onListening: (port: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the emulator holds test credentials and must never be reachable from outside.
    server.listen(port, '127.0.0.1', () => {
      onListening((server.address() as AddressInfo).port);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const tls = await ensureCertificateAuthority(options.dataDir ?? defaultDataDir());
  const seed = resolveSeed(options.seed);
  const timing: Timing = { ...DEFAULT_TIMING, ...options.timing };
  const ctx: EmulatorContext = {
    origin: '',
    httpOrigin: null,
    directory: new Directory(seed, options.publicClient),
    faults: new FaultEngine(options.faults ?? {}),
    issuer: undefined as unknown as TokenIssuer,
    deviceCodes: new DeviceCodes(),
    authorizationCodes: new AuthorizationCodes(),
    refreshTokens: new RefreshTokens(),
    pagePrefetcher: new PagePrefetcher(),
    flows: new FlowSessions(),
    linkSecret: newLinkSecret(),
    seed,
  };
  const control = new EmulatorControl(ctx, options.faults ?? {}, { ...timing });
  const urls = () => ({ url: ctx.origin, httpUrl: ctx.httpOrigin, caFile: tls.caFile });
  const httpsApp = createApp({ ctx, control, urls, protocol: true, pages: (app) => registerPages(app, ctx, true) });
  // AES-128-GCM first: the cheapest suite for both ends of a 900 KB /users page.
  const ciphers = `TLS_AES_128_GCM_SHA256:${DEFAULT_CIPHERS}`;
  const httpsServer = createHttpsServer({ cert: tls.serverCertPem, key: tls.serverKeyPem, ciphers, honorCipherOrder: true }, httpsApp);
  await listen(httpsServer, options.port ?? 0, (port) => {
    ctx.origin = `https://127.0.0.1:${port}`;
    ctx.issuer = new TokenIssuer(ctx.origin, timing);
  });
  let httpServer: Server | null = null;
  if (options.httpPort !== null) {
    const httpApp = createApp({ ctx, control, urls, protocol: false, pages: (app) => registerPages(app, ctx, false) });
    httpServer = createHttpServer(httpApp);
    await listen(httpServer, options.httpPort ?? 0, (port) => {
      ctx.httpOrigin = `http://127.0.0.1:${port}`;
    });
  }
  return {
    url: ctx.origin,
    httpUrl: ctx.httpOrigin,
    caFile: tls.caFile,
    control,
    close: async () => {
      await Promise.all([closeServer(httpsServer), httpServer ? closeServer(httpServer) : Promise.resolve()]);
    },
  };
}
