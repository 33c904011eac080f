import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Webhook } from 'standardwebhooks';
import { CUSTOMERS, DEV_PARTNER, DEV_TECHNICIAN, devices } from './fixtures.js';
import { DevTokenIssuer, type Technician } from './dev-token.js';
import { renderPage } from './page.js';
import { createPluginProxy } from './proxy.js';

export const PLUGIN_PREFIX = '/m365-plugin';

export interface HostPortalOptions {
  /** Plugin server the gateway forwards `/m365-plugin/*` to, e.g. `http://127.0.0.1:3000`. */
  pluginServerUrl: string;
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** `iss` of the tokens; default the portal's own origin, `http://127.0.0.1:<port>`. */
  issuer?: string;
  partnerId?: string;
  technician?: Technician;
  locale?: string;
  /** Secret to verify the plugin's events (POST /dev/events); without it events are stored unverified. */
  eventSecret?: string;
}

export interface ReceivedEvent {
  id: string;
  verified: boolean;
  receivedAt: string;
  payload: unknown;
}

export interface HostPortal {
  /** Origin of the portal, e.g. `http://127.0.0.1:8080`. */
  url: string;
  issuer: string;
  jwksUrl: string;
  /** `apiBaseUrl` the portal gives the plugin. */
  apiBaseUrl: string;
  tokens: DevTokenIssuer;
  /** Events the plugin delivered to `/dev/events`, oldest first. */
  events: ReceivedEvent[];
  close(): Promise<void>;
}

const publicDir = fileURLToPath(new URL('../public/', import.meta.url));
const singleSpaFile = createRequire(import.meta.url).resolve('single-spa/lib/es2015/esm/single-spa.min.js');
const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function sendFile(res: ServerResponse, file: string): Promise<void> {
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    sendJson(res, 404, { message: 'not found' });
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`The host portal cannot listen on ${host}:${port}: the port is already in use. Stop what uses it or choose another port.`)
          : error,
      ),
    );
    server.listen(port, host, () => resolve(server.address() as AddressInfo));
  });
}

/** Starts the development host portal: page, root config, dev tokens + JWKS, fixtures and the plugin gateway. */
export async function startHostPortal(options: HostPortalOptions): Promise<HostPortal> {
  const host = options.host ?? '127.0.0.1';
  const partnerId = options.partnerId ?? DEV_PARTNER.id;
  const technician = options.technician ?? DEV_TECHNICIAN;
  const locale = options.locale ?? 'en-US';
  const proxy = createPluginProxy(PLUGIN_PREFIX, new URL(options.pluginServerUrl));
  const events: ReceivedEvent[] = [];
  const verifier = options.eventSecret ? new Webhook(options.eventSecret) : undefined;
  // Known once the server listens: the issuer is the portal's own origin, port included.
  const ready: { tokens?: DevTokenIssuer; origin: string } = { origin: '' };

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { message: String(error) });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { tokens, origin } = ready;
    if (!tokens) return sendJson(res, 503, { message: 'starting' });
    const path = new URL(req.url ?? '/', origin).pathname;
    if (path === PLUGIN_PREFIX || path.startsWith(`${PLUGIN_PREFIX}/`)) return proxy(req, res);
    if (path === '/.well-known/jwks.json') return sendJson(res, 200, tokens.jwks());
    if (path === '/dev/token') return sendJson(res, 200, await tokens.sign(partnerId, technician));
    if (path === '/dev/fixtures.json') return sendJson(res, 200, { partnerId, customers: CUSTOMERS, devices: devices() });
    if (path === '/dev/events') return handleEvents(req, res);
    if (path === '/vendor/single-spa.js') return sendFile(res, singleSpaFile);
    if (path.startsWith('/portal/') && !path.includes('..')) return sendFile(res, publicDir + path.slice('/portal/'.length));
    if (req.method === 'GET' && (path === '/' || /^\/(m365|customers|devices)(\/|$)/.test(path))) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(
        renderPage({
          pluginUrl: `${PLUGIN_PREFIX}/ui/m365-plugin.js`,
          apiBaseUrl: `${origin}${PLUGIN_PREFIX}`,
          locale,
          partnerName: partnerId === DEV_PARTNER.id ? DEV_PARTNER.name : partnerId,
          technicianName: technician.name,
        }),
      );
      return;
    }
    sendJson(res, 404, { message: `${path} is not part of the development portal` });
  }

  async function handleEvents(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'GET') return sendJson(res, 200, { items: events });
    if (req.method !== 'POST') return sendJson(res, 405, { message: 'GET or POST' });
    const body = await readBody(req);
    let verified = false;
    if (verifier) {
      try {
        verifier.verify(body, req.headers as Record<string, string>);
        verified = true;
      } catch {
        return sendJson(res, 401, { message: 'bad signature' });
      }
    }
    events.push({ id: String(req.headers['webhook-id'] ?? ''), verified, receivedAt: new Date().toISOString(), payload: JSON.parse(body || 'null') });
    res.writeHead(204).end();
  }

  const address = await listen(server, options.port ?? 8080, host);
  const origin = `http://${host}:${address.port}`;
  const issuer = options.issuer ?? origin;
  const tokens = await DevTokenIssuer.create(issuer);
  Object.assign(ready, { origin, tokens });
  return {
    url: origin,
    issuer,
    jwksUrl: `${origin}/.well-known/jwks.json`,
    apiBaseUrl: `${origin}${PLUGIN_PREFIX}`,
    tokens,
    events,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
