import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type AppConfig } from '../config/app-config.js';

export const TEST_PUBLIC_CLIENT_ID = '0a1b2c3d-1111-4222-8333-944455566677';

/** A valid configuration for tests, in a fresh data directory; override any variable by name. */
export function createTestConfig(overrides: Record<string, string | undefined> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'error',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'm365-plugin-')),
    PUBLIC_CLIENT_ID: TEST_PUBLIC_CLIENT_ID,
    HOST_JWT_ISSUER: 'https://host.test',
    HOST_JWT_PUBLIC_KEY: '{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}',
    SERVE_UI: 'false',
    ...overrides,
  });
}
