import type { EmulatorContext } from '../context.js';
import type { TenantSegment } from '../store/directory.js';
import type { Tenant } from '../store/tenant.js';
import type { Application, DirectoryUser } from '../store/types.js';
import { pkceMatches } from './authorization-codes.js';
import { AadError, applicationNotFound, missingParameter } from './errors.js';
import type { UserGrant } from './refresh-tokens.js';
import { parseDelegatedScopes, responseScope } from './scopes.js';
import { TokenIssuer } from './tokens.js';

type Form = Record<string, string | undefined>;

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/** Share of the interval a poll may come early before it counts as too fast (network jitter). */
const POLL_TOLERANCE = 0.8;

export interface IssueOptions {
  nonce?: string;
  spa: boolean;
  clientInfo: boolean;
}

/** The success body of reference 1.5: access token, refresh token with offline_access, id token with openid. */
export async function userTokenResponse(
  ctx: EmulatorContext, tenant: Tenant, user: DirectoryUser, client: Application, grant: UserGrant, options: IssueOptions,
): Promise<Record<string, unknown>> {
  const timing = ctx.issuer.timing;
  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    scope: responseScope(grant.graphScopes, grant.oidc),
    expires_in: timing.accessTokenLifetimeSeconds,
    ext_expires_in: timing.accessTokenLifetimeSeconds,
    access_token: await ctx.issuer.userAccessToken(tenant, user, client, [...grant.graphScopes, ...grant.oidc]),
  };
  if (grant.oidc.includes('offline_access')) {
    const lifetime = options.spa ? timing.spaRefreshTokenLifetimeSeconds : timing.refreshTokenLifetimeSeconds;
    body.refresh_token = ctx.refreshTokens.issue(grant, lifetime, options.spa);
    if (options.spa) body.refresh_token_expires_in = lifetime;
  }
  if (grant.oidc.includes('openid')) body.id_token = await ctx.issuer.idToken(tenant, user, client.appId, options.nonce);
  if (options.clientInfo) body.client_info = TokenIssuer.clientInfo(user, tenant);
  return body;
}

function publicClientOnly(client: Application): void {
  if (!client.isFallbackPublicClient) {
    // [obs] 7000218 when the app is not a public client (reference 1.6); status [assumption].
    throw new AadError(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
  }
}

/** Device code polling (reference 1.3, 1.4). */
export async function deviceCodeGrant(ctx: EmulatorContext, segmentName: string, form: Form): Promise<Record<string, unknown>> {
  if (!form.device_code) throw missingParameter('device_code');
  const entry = ctx.deviceCodes.byDeviceCode(form.device_code);
  if (!entry || entry.clientId !== form.client_id?.toLowerCase() || entry.segmentName.toLowerCase() !== segmentName.toLowerCase()) {
    // [doc] bad_verification_code; [assumption] AADSTS code.
    throw new AadError(400, 'bad_verification_code', 70018, 'Invalid verification code. Please retry.');
  }
  const now = Date.now();
  if (entry.status !== 'redeemed' && ctx.deviceCodes.isExpired(entry, now)) {
    throw new AadError(400, 'expired_token', 70020, "The provided value for the input parameter 'device_code' is not valid. This device code has expired.");
  }
  const last = entry.lastPollAt;
  entry.lastPollAt = now;
  if (last !== null && now - last < entry.interval * 1000 * POLL_TOLERANCE) {
    entry.interval += 5;
    // [assumption] RFC 8628 slow_down; Microsoft documents no code for it (reference 1.4).
    throw new AadError(400, 'slow_down', null, `The client is polling too quickly. Wait at least ${entry.interval} seconds between requests.`);
  }
  switch (entry.status) {
    case 'pending':
      throw new AadError(400, 'authorization_pending', 70016, 'OAuth 2.0 device flow error. Authorization is pending. Continue polling.');
    case 'declined':
      // [doc] authorization_declined; [assumption] 65004 as its code.
      throw new AadError(400, 'authorization_declined', 65004, 'User declined to consent to access the app.');
    case 'blocked':
      // [obs] 53003; [assumption] surfaced on the poll as invalid_grant.
      throw new AadError(400, 'invalid_grant', 53003, 'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.');
    case 'redeemed':
      // [doc] 90120; [assumption] error value.
      throw new AadError(400, 'invalid_grant', 90120, 'The request was already authorized or declined.');
    case 'approved':
      break;
  }
  const client = ctx.directory.findClient(entry.clientId, undefined);
  const account = entry.account!;
  if (!client) throw applicationNotFound(entry.clientId, account.tenant.id);
  publicClientOnly(client);
  entry.status = 'redeemed';
  const grant: UserGrant = {
    tenantId: account.tenant.id, userId: account.user.id, clientId: client.appId, graphScopes: entry.graphScopes!, oidc: entry.requested.oidc,
  };
  return userTokenResponse(ctx, account.tenant, account.user, client, grant, { spa: false, clientInfo: form.client_info === '1' });
}

/** [doc] SPA codes and refresh tokens must be redeemed cross-origin, others must not (AADSTS9002326/9002327). */
export function checkOrigin(spa: boolean, origin: string | undefined): void {
  if (spa && !origin) {
    throw new AadError(400, 'invalid_request', 9002327, "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.");
  }
  if (!spa && origin) {
    throw new AadError(400, 'invalid_request', 9002326, `Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: '${origin}'.`);
  }
}

/** Authorization code + PKCE redemption (reference 2.2). */
export async function authorizationCodeGrant(ctx: EmulatorContext, form: Form, origin: string | undefined): Promise<Record<string, unknown>> {
  if (!form.code) throw missingParameter('code');
  const entry = ctx.authorizationCodes.get(form.code);
  if (!entry || entry.clientId !== form.client_id?.toLowerCase() || entry.redirectUri !== form.redirect_uri) {
    throw new AadError(400, 'invalid_grant', 70000, "The provided value for the 'code' parameter is not valid.");
  }
  if (entry.redeemed) {
    throw new AadError(400, 'invalid_grant', 54005, 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.');
  }
  if (Date.now() >= entry.expiresAt) {
    throw new AadError(400, 'invalid_grant', 70008, 'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.');
  }
  checkOrigin(entry.spa, origin);
  if (!pkceMatches(entry, form.code_verifier)) {
    throw new AadError(400, 'invalid_grant', 501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.');
  }
  entry.redeemed = true;
  const tenant = ctx.directory.tenant(entry.tenantId)!;
  const user = tenant.findUser(entry.userId);
  const client = ctx.directory.findClient(entry.clientId, tenant);
  if (!user || !client) throw new AadError(400, 'invalid_grant', 70000, "The provided value for the 'code' parameter is not valid.");
  return userTokenResponse(ctx, tenant, user, client, entry, { nonce: entry.nonce, spa: entry.spa, clientInfo: form.client_info === '1' });
}

/** [doc] refresh_token grant; every redemption returns a new refresh token. */
export async function refreshTokenGrant(
  ctx: EmulatorContext, segment: TenantSegment, form: Form, origin: string | undefined,
): Promise<Record<string, unknown>> {
  if (!form.refresh_token) throw missingParameter('refresh_token');
  const record = ctx.refreshTokens.get(form.refresh_token);
  if (!record || record.clientId !== form.client_id?.toLowerCase()) {
    throw new AadError(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');
  }
  if (Date.now() >= record.expiresAt) {
    throw record.spa
      ? new AadError(400, 'invalid_grant', 700084, 'The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page.')
      : new AadError(400, 'invalid_grant', 700082, 'The refresh token has expired due to inactivity. The token was issued on a date and was inactive for too long.');
  }
  checkOrigin(record.spa, origin);
  const tenant = ctx.directory.tenant(record.tenantId);
  if (!tenant || (segment.kind === 'tenant' && segment.tenant.id !== tenant.id)) {
    throw new AadError(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');
  }
  const user = tenant.findUser(record.userId);
  if (!user) throw new AadError(400, 'invalid_grant', 50034, `The user account does not exist in the ${tenant.id} directory. To sign into this application, the account must be added to the directory.`);
  if (!user.accountEnabled) throw new AadError(400, 'invalid_grant', 50057, 'The user account is disabled.');
  const client = ctx.directory.findClient(record.clientId, tenant)!;
  const requested = form.scope ? parseDelegatedScopes(form.scope) : { graph: record.graphScopes, oidc: record.oidc, graphDefault: false };
  const consented = ctx.directory.consentedScopes(tenant, client.appId, user.id);
  const graphScopes = requested.graphDefault ? [...consented] : requested.graph;
  const missing = graphScopes.filter((s) => !consented.has(s));
  if (missing.length > 0) {
    throw new AadError(400, 'invalid_grant', 65001, `The user or administrator has not consented to use the application with ID '${client.appId}' named '${client.displayName}'. Send an interactive authorization request for this user and resource.`);
  }
  const grant: UserGrant = { ...record, graphScopes: graphScopes.length > 0 ? graphScopes : record.graphScopes, oidc: requested.oidc };
  return userTokenResponse(ctx, tenant, user, client, grant, { spa: record.spa, clientInfo: form.client_info === '1' });
}
