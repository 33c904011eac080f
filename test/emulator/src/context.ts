import { randomBytes } from 'node:crypto';
import type { FaultEngine } from './faults/faults.js';
import type { DeviceCodes } from './identity/device-codes.js';
import type { AuthorizationCodes } from './identity/authorization-codes.js';
import type { RefreshTokens } from './identity/refresh-tokens.js';
import type { TokenIssuer } from './identity/tokens.js';
import type { PagePrefetcher } from './graph/user-pages.js';
import type { FlowSessions } from './pages/sessions.js';
import type { Directory } from './store/directory.js';
import type { Seed } from './store/seed.js';

/** Everything a handler may touch; one per running emulator. */
export interface EmulatorContext {
  /** https://127.0.0.1:PORT: issuer host, Graph host, nextLink host. */
  origin: string;
  /** http://127.0.0.1:PORT2 for the human sign-in pages, when served. */
  httpOrigin: string | null;
  directory: Directory;
  faults: FaultEngine;
  issuer: TokenIssuer;
  deviceCodes: DeviceCodes;
  authorizationCodes: AuthorizationCodes;
  refreshTokens: RefreshTokens;
  pagePrefetcher: PagePrefetcher;
  /** People part-way through the sign-in pages. */
  flows: FlowSessions;
  /** Signs skip and delta tokens so tampered ones are refused. */
  linkSecret: Buffer;
  seed: Seed;
}

export function newLinkSecret(): Buffer {
  return randomBytes(32);
}
