import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../emulator.js';
import { EMULATOR_PUBLIC_CLIENT_ID } from '../store/directory.js';
import { SEED_PASSWORD } from '../store/seed.js';

export const PASSWORD = SEED_PASSWORD;

/** [reference 4.3] the delegated scopes the plugin requests. */
export const ONBOARDING_SCOPES = [
  'https://graph.microsoft.com/Application.ReadWrite.All',
  'https://graph.microsoft.com/AppRoleAssignment.ReadWrite.All',
  'https://graph.microsoft.com/Directory.Read.All',
  'https://graph.microsoft.com/User.Read',
];
export const ONBOARDING_SCOPE_STRING = `${ONBOARDING_SCOPES.join(' ')} offline_access openid profile`;

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/** An emulator with polling and code lifetimes short enough for tests. */
export function startTestEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ ...options, timing: { deviceCodeIntervalSeconds: 1, ...options.timing } });
}

export function host(emu: RunningEmulator): string {
  return new URL(emu.url).host;
}

/** JSON bodies of many shapes, asserted on with expect(); typing each one would only restate the assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface HttpResult<T = Json> {
  status: number;
  headers: Headers;
  body: T;
}

async function read(response: Response): Promise<HttpResult> {
  const text = await response.text();
  let body: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('json') && text) body = JSON.parse(text);
  return { status: response.status, headers: response.headers, body };
}

/** Form POST to an identity endpoint, e.g. `/organizations/oauth2/v2.0/token`. */
export async function postForm(emu: RunningEmulator, path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<HttpResult> {
  return read(await fetch(`${emu.url}${path}`, { method: 'POST', body: new URLSearchParams(form), headers }));
}

export type GraphCall = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<HttpResult>;

/** Raw Graph calls with a bearer token; `path` is relative to /v1.0. */
export function graphClient(emu: RunningEmulator, accessToken: string): GraphCall {
  return async (method, path, body, headers = {}) => read(await fetch(`${emu.url}/v1.0${path}`, {
    method,
    headers: { authorization: `Bearer ${accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  }));
}

export function decodeJwt(token: string): Record<string, Json> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
}

/** A delegated Graph token for `email` through the raw device code endpoints (no waiting: the first poll succeeds). */
export async function delegatedToken(emu: RunningEmulator, email: string, scope = ONBOARDING_SCOPE_STRING): Promise<string> {
  const code = await postForm(emu, '/organizations/oauth2/v2.0/devicecode', { client_id: EMULATOR_PUBLIC_CLIENT_ID, scope });
  emu.control.completeDeviceCode(code.body.user_code, { email, password: PASSWORD });
  const tokens = await postForm(emu, '/organizations/oauth2/v2.0/token', {
    grant_type: DEVICE_CODE_GRANT, client_id: EMULATOR_PUBLIC_CLIENT_ID, device_code: code.body.device_code,
  });
  if (tokens.status !== 200) throw new Error(`device code sign-in failed: ${JSON.stringify(tokens.body)}`);
  return tokens.body.access_token;
}
