import { decodeProtectedHeader, jwtVerify, errors as joseErrors } from 'jose';
import type { EmulatorContext } from '../context.js';
import type { TenantSegment } from '../store/directory.js';
import type { Tenant } from '../store/tenant.js';
import type { Application, KeyCredential } from '../store/types.js';
import { GRAPH_APP_ID, GRAPH_RESOURCE } from '../store/well-known.js';
import { sha256Hex } from '../util/hash.js';
import { AadError, applicationNotFound, missingParameter } from './errors.js';

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

type Form = Record<string, string | undefined>;

function hexToBase64Url(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64url');
}

/** [doc] one resource + `/.default`; only Microsoft Graph is emulated (reference 3.1). */
function checkScope(scope: string | undefined, tenant: Tenant): void {
  if (!scope) throw missingParameter('scope');
  const items = scope.split(/\s+/).filter(Boolean);
  if (items.length !== 1 || !items[0]!.toLowerCase().endsWith('/.default')) {
    throw new AadError(400, 'invalid_scope', 70011,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
  }
  const resource = items[0]!.slice(0, -'/.default'.length).replace(/\/$/, '').toLowerCase();
  if (resource !== GRAPH_RESOURCE && resource !== GRAPH_APP_ID) {
    // [doc] 500011 invalid_resource; only Graph exists in the emulator.
    throw new AadError(400, 'invalid_resource', 500011,
      `The resource principal named ${resource} was not found in the tenant named ${tenant.displayName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`);
  }
}

/** [obs] 7000215, 401 invalid_client (reference 3.3). */
function invalidSecret(appId: string): AadError {
  return new AadError(401, 'invalid_client', 7000215,
    `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${appId}'.`);
}

function verifySecret(ctx: EmulatorContext, app: Application, secret: string): void {
  const hash = sha256Hex(secret);
  const credential = app.passwordCredentials.find((p) => p.secretHash === hash);
  if (!credential || ctx.faults.replicating('credentialSeconds', credential.createdAt)) throw invalidSecret(app.appId);
  if (Date.parse(credential.endDateTime) <= Date.now()) {
    // [obs] 7000222, status [assumption] 401.
    throw new AadError(401, 'invalid_client', 7000222,
      `The provided client secret keys for app '${app.appId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`);
  }
}

/** [doc] 700027; [assumption] wording of the "key not found" reason, which Entra also gives for unreplicated keys. */
function keyNotFound(app: Application, thumbprint: string, reason = 'The key was not found.'): AadError {
  return new AadError(401, 'invalid_client', 700027,
    `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - ${reason}, Thumbprint of key used by client: '${thumbprint}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${app.appId}'.]`);
}

function findKey(app: Application, header: Record<string, unknown>): { key: KeyCredential | undefined; thumbprint: string } {
  const sha256 = typeof header['x5t#S256'] === 'string' ? header['x5t#S256'] : undefined;
  const sha1 = typeof header.x5t === 'string' ? header.x5t : undefined;
  const key = app.keyCredentials.find((k) => (sha256 !== undefined && hexToBase64Url(k.sha256Thumbprint) === sha256)
    || (sha1 !== undefined && hexToBase64Url(k.sha1Thumbprint) === sha1));
  const thumbprint = Buffer.from(sha256 ?? sha1 ?? '', 'base64url').toString('hex').toUpperCase();
  return { key, thumbprint };
}

function audienceMatches(ctx: EmulatorContext, aud: unknown, tenant: Tenant): boolean {
  const audiences = Array.isArray(aud) ? aud : [aud];
  return audiences.some((value) => {
    if (typeof value !== 'string' || !value.startsWith(`${ctx.origin}/`)) return false;
    const match = /^\/([^/]+)\/oauth2\/(?:v2\.0\/)?token$/.exec(value.slice(ctx.origin.length));
    return match !== null && ctx.directory.tenant(match[1]!)?.id === tenant.id;
  });
}

/** [doc reference 3.2] certificate assertion: x5t or x5t#S256, RS256 or PS256, aud = token endpoint, iss = sub = client id. */
async function verifyAssertion(ctx: EmulatorContext, app: Application, tenant: Tenant, assertion: string): Promise<void> {
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(assertion) as Record<string, unknown>;
  } catch {
    throw new AadError(400, 'invalid_client', 50027, 'JWT token is invalid or malformed.');
  }
  const { key, thumbprint } = findKey(app, header);
  if (!key || ctx.faults.replicating('credentialSeconds', key.createdAt)) throw keyNotFound(app, thumbprint);
  if (Date.parse(key.endDateTime) <= Date.now()) throw keyNotFound(app, thumbprint, 'The key used is expired.');
  try {
    const { payload } = await jwtVerify(assertion, key.publicKey, { algorithms: ['RS256', 'PS256'], clockTolerance: 300 });
    if (payload.iss !== app.appId || payload.sub !== app.appId) {
      throw new AadError(401, 'invalid_client', 50012, 'Client assertion contains an invalid issuer or subject; both must be the client id.');
    }
    if (!audienceMatches(ctx, payload.aud, tenant)) {
      // [assumption] code and wording for an audience that is not this tenant's token endpoint.
      throw new AadError(401, 'invalid_client', 50012, 'Client assertion audience claim does not match Realm issuer.');
    }
  } catch (err) {
    if (err instanceof AadError) throw err;
    if (err instanceof joseErrors.JWTExpired || (err instanceof joseErrors.JWTClaimValidationFailed && err.claim === 'nbf')) {
      // [doc] 500133 assertion outside its time range; status [assumption].
      throw new AadError(401, 'invalid_client', 500133, 'Assertion is not within its valid time range. Ensure that the access token is not expired before using it for user assertion, or request a new token.');
    }
    throw new AadError(401, 'invalid_client', 700027, 'Client assertion failed signature validation.');
  }
}

function basicCredentials(authorization: string | undefined): { id: string; secret: string } | undefined {
  if (!authorization?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

/** grant_type=client_credentials (reference 3). */
export async function clientCredentialsGrant(
  ctx: EmulatorContext, segment: TenantSegment, form: Form, authorization: string | undefined,
): Promise<Record<string, unknown>> {
  if (segment.kind !== 'tenant') {
    throw new AadError(400, 'invalid_request', 9001023, `The grant type is not supported over the /${segment.kind} endpoint. Please use a tenant-specific endpoint.`);
  }
  const tenant = segment.tenant;
  const basic = basicCredentials(authorization);
  const clientId = form.client_id ?? basic?.id;
  if (!clientId) throw missingParameter('client_id');
  checkScope(form.scope, tenant);
  const app = tenant.applicationByAppId(clientId);
  const sp = tenant.servicePrincipalByAppId(clientId);
  const faults = ctx.faults;
  if (!app || !sp || faults.replicating('applicationSeconds', app.createdAt) || faults.replicating('servicePrincipalSeconds', sp.createdAt)) {
    throw applicationNotFound(clientId, tenant.id);
  }
  const secret = form.client_secret ?? basic?.secret;
  const certificate = form.client_assertion !== undefined;
  if (certificate) {
    if (form.client_assertion_type !== JWT_BEARER) throw missingParameter('client_assertion_type');
    await verifyAssertion(ctx, app, tenant, form.client_assertion!);
  } else if (secret !== undefined) {
    verifySecret(ctx, app, secret);
  } else {
    throw new AadError(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
  }
  const graph = tenant.graphServicePrincipal;
  const roles = tenant.assignmentsOf(sp.id)
    .filter((a) => a.resourceId === graph.id && !faults.replicating('roleGrantSeconds', a.createdAt))
    .map((a) => graph.appRoles.find((r) => r.id === a.appRoleId)?.value)
    .filter((v): v is string => v !== undefined);
  const lifetime = ctx.issuer.timing.accessTokenLifetimeSeconds;
  return {
    token_type: 'Bearer',
    expires_in: lifetime,
    ext_expires_in: lifetime,
    access_token: await ctx.issuer.appAccessToken(tenant, app, sp, [...new Set(roles)], certificate),
  };
}
