import type { GraphTokenClaims } from '../identity/tokens.js';
import type { Tenant } from '../store/tenant.js';
import type { DirectoryUser } from '../store/types.js';

export interface AuthContext {
  tenant: Tenant;
  claims: GraphTokenClaims;
  kind: 'user' | 'app';
  /** The signed-in user for delegated tokens. */
  user: DirectoryUser | undefined;
  /** Lower-cased `scp` entries (delegated) or `roles` (app-only). */
  permissions: Set<string>;
}

export interface GraphRequest {
  method: string;
  /** Decoded path without the `/v1.0` prefix, e.g. `/applications(uniqueName='x')`. */
  path: string;
  /** Query string as sent, without `?`; nextLinks keep it verbatim. */
  rawQuery: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: unknown;
  auth: AuthContext;
  inBatch: boolean;
}

export interface GraphResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON body; absent for 204. */
  body?: unknown;
  /** Plain-text body (`/users/$count`). */
  text?: string;
  /** Pre-serialised JSON body (large collection pages). */
  rawJson?: string | Buffer;
  /** Work to start once the body has been handed to the socket (never inside $batch). */
  afterSend?: () => void;
}

export const ODATA_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export function json(status: number, body: unknown, headers: Record<string, string> = {}): GraphResponse {
  return { status, body, headers };
}

export function noContent(): GraphResponse {
  return { status: 204 };
}

/** OData system query option; [doc] v1.0 accepts it with or without the `$` prefix. */
export function queryParam(req: GraphRequest, name: string): string | undefined {
  return req.query.get(`$${name}`) ?? req.query.get(name) ?? undefined;
}
