#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startEmulator } from './emulator.js';
import type { Faults } from './faults/faults.js';

const USAGE = `Usage: m365-emulator [--port N] [--http-port N] [--seed FILE] [--faults FILE] [--data-dir DIR]
                     [--public-client-id ID] [--spa-redirect-uri URI]...

  --port              HTTPS port of the identity platform and Graph (default 8443; 0 = any free port)
  --http-port         HTTP port of the sign-in pages (default: port + 1; 0 = any free port)
  --seed              JSON seed file (default: built-in Contoso, Fabrikam, Northwind, Tailspin, Woodgrove, Litware)
  --faults            JSON file with faults to switch on at start (see README)
  --data-dir          where the CA and server certificate live (default test/emulator/.data)
  --public-client-id  client id of the plugin's public client
  --spa-redirect-uri  SPA redirect URI registered on the public client (repeatable)`;

function portOf(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port: ${value}`);
  return port;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'http-port': { type: 'string' },
      seed: { type: 'string' },
      faults: { type: 'string' },
      'data-dir': { type: 'string' },
      'public-client-id': { type: 'string' },
      'spa-redirect-uri': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = portOf(values.port, 8443);
  const httpPort = portOf(values['http-port'], port === 0 ? 0 : port + 1);
  const faults = values.faults ? (JSON.parse(readFileSync(values.faults, 'utf8')) as Faults) : undefined;
  const emulator = await startEmulator({
    port, httpPort, seed: values.seed, faults, dataDir: values['data-dir'],
    publicClient: { clientId: values['public-client-id'], spaRedirectUris: values['spa-redirect-uri'] ?? [] },
  });
  const publicClient = emulator.control.getPublicClient();
  console.log(`M365 emulator running
  identity + Graph  ${emulator.url}   (authority ${emulator.url}/organizations, Graph ${emulator.url}/v1.0)
  sign-in pages     ${emulator.httpUrl}/devicelogin
  control API       ${emulator.url}/_emulator
  CA certificate    ${emulator.caFile}   (export NODE_EXTRA_CA_CERTS=${emulator.caFile})
  public client id  ${publicClient.clientId}
  tenants           ${emulator.control.tenants().map((t) => t.defaultDomain).join(', ')}`);
  const stop = () => {
    emulator.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  console.error(USAGE);
  process.exit(1);
});
