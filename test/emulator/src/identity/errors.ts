import type { Response } from 'express';
import { newGuid } from '../util/hash.js';
import { aadTimestamp } from '../util/time.js';

/** An identity-platform failure with its OAuth `error` and AADSTS code (reference 1.4, 3.3). */
export class AadError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly code: number | null,
    readonly description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${error}: ${description}`);
  }
}

/** Headers Entra puts on every token-endpoint answer [obs reference 1.2]. */
export function noStoreHeaders(res: Response, traceId: string): void {
  res.set({
    'Cache-Control': 'no-store, no-cache',
    Pragma: 'no-cache',
    'x-ms-request-id': traceId,
    'x-ms-ests-server': '2.1.emulator',
  });
}

/**
 * [doc+obs] body shape shared by every v2 endpoint: error, "AADSTSnnnnn: text\r\nTrace ID...", error_codes,
 * timestamp, trace_id, correlation_id, error_uri.
 */
export function aadErrorBody(err: AadError, correlationId: string, traceId: string, origin: string): Record<string, unknown> {
  const timestamp = aadTimestamp();
  const prefix = err.code === null ? '' : `AADSTS${err.code}: `;
  const body: Record<string, unknown> = {
    error: err.error,
    error_description: `${prefix}${err.description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
  };
  if (err.code !== null) body.error_codes = [err.code];
  Object.assign(body, { timestamp, trace_id: traceId, correlation_id: correlationId });
  if (err.code !== null) body.error_uri = `${origin}/error?code=${err.code}`;
  return body;
}

export function sendAadError(res: Response, err: AadError, correlationId: string, origin: string): void {
  const traceId = newGuid();
  noStoreHeaders(res, traceId);
  res.set(err.headers);
  res.status(err.status).json(aadErrorBody(err, correlationId, traceId, origin));
}

export function correlationIdOf(headers: Record<string, unknown>, body: Record<string, unknown> | undefined): string {
  const fromHeader = headers['client-request-id'];
  const fromBody = body?.['client-request-id'];
  if (typeof fromHeader === 'string' && fromHeader) return fromHeader;
  if (typeof fromBody === 'string' && fromBody) return fromBody;
  return newGuid();
}

/** [doc] AADSTS90002 for an unknown tenant segment; `error` value [assumption]. */
export function tenantNotFound(segment: string): AadError {
  return new AadError(400, 'invalid_request', 90002,
    `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`);
}

/** [obs reference 3.3] 700016: 400 unauthorized_client. */
export function applicationNotFound(appId: string, directory: string): AadError {
  return new AadError(400, 'unauthorized_client', 700016,
    `Application with identifier '${appId}' was not found in the directory '${directory}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`);
}

/** [doc] AADSTS70011 invalid_scope. */
export function invalidScope(scope: string): AadError {
  return new AadError(400, 'invalid_scope', 70011,
    `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`);
}

/** [doc] AADSTS900144 for a missing required parameter; [assumption] status 400 invalid_request. */
export function missingParameter(name: string): AadError {
  return new AadError(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`);
}
