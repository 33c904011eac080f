import express, { type Request, type Response, type Router } from 'express';
import type { EmulatorContext } from '../context.js';
import type { TenantSegment } from '../store/directory.js';
import { newGuid } from '../util/hash.js';
import { clientCredentialsGrant } from './client-credentials.js';
import { AadError, applicationNotFound, correlationIdOf, missingParameter, noStoreHeaders, sendAadError, tenantNotFound } from './errors.js';
import { parseDelegatedScopes } from './scopes.js';
import { authorizationCodeGrant, DEVICE_CODE_GRANT, deviceCodeGrant, refreshTokenGrant } from './user-grants.js';

type Form = Record<string, string | undefined>;

function segmentOf(ctx: EmulatorContext, name: string): TenantSegment {
  const segment = ctx.directory.resolveSegment(name);
  if (!segment) throw tenantNotFound(name);
  return segment;
}

/** [obs] openid-configuration of reference 2.3; issuer keeps `{tenantid}` for multi-tenant segments. */
function openIdConfiguration(ctx: EmulatorContext, segmentName: string, segment: TenantSegment): Record<string, unknown> {
  const base = `${ctx.origin}/${segment.kind === 'tenant' ? segment.tenant.id : segmentName}`;
  const issuerTenant = segment.kind === 'tenant' ? segment.tenant.id : '{tenantid}';
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${ctx.origin}/${issuerTenant}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${ctx.origin}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host', 'aud', 'exp', 'iat',
      'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
    kerberos_endpoint: `${base}/kerberos`,
    tenant_region_scope: 'WW',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: new URL(ctx.origin).host,
    rbac_url: 'https://pas.windows.net',
  };
}

/** [obs] instance discovery answer of reference 2.4, naming the emulator's host as the only alias. */
function instanceDiscovery(ctx: EmulatorContext): Record<string, unknown> {
  const host = new URL(ctx.origin).host;
  return {
    tenant_discovery_endpoint: `${ctx.origin}/{tenantid}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  };
}

function devicecode(ctx: EmulatorContext, segmentName: string, form: Form): Record<string, unknown> {
  const segment = segmentOf(ctx, segmentName);
  if (!form.client_id) throw missingParameter('client_id');
  const tenant = segment.kind === 'tenant' ? segment.tenant : undefined;
  const client = ctx.directory.findClient(form.client_id, tenant);
  // [assumption] personal-account directory name when the app is not registered for Microsoft accounts.
  if (!client || segment.kind === 'consumers') throw applicationNotFound(form.client_id, segment.kind === 'consumers' ? 'Microsoft Accounts' : segmentName);
  if (!form.scope) throw missingParameter('scope');
  const requested = parseDelegatedScopes(form.scope);
  const timing = ctx.issuer.timing;
  const now = Date.now();
  const entry = ctx.deviceCodes.create({
    clientId: client.appId, segment, segmentName, requested, createdAt: now,
    expiresAt: now + timing.deviceCodeExpiresInSeconds * 1000, interval: timing.deviceCodeIntervalSeconds,
  });
  const verificationUri = `${ctx.httpOrigin ?? ctx.origin}/devicelogin`;
  // [doc] no verification_uri_complete; [obs] message wording (reference 1.2).
  return {
    user_code: entry.userCode,
    device_code: entry.deviceCode,
    verification_uri: verificationUri,
    expires_in: timing.deviceCodeExpiresInSeconds,
    interval: timing.deviceCodeIntervalSeconds,
    message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${entry.userCode} to authenticate.`,
  };
}

/** Origins of the client's SPA redirect URIs: the only ones the token endpoint answers with CORS [doc 2.2]. */
function allowedOrigin(ctx: EmulatorContext, req: Request): string | undefined {
  const origin = req.headers.origin;
  if (!origin) return undefined;
  const clientId = (req.body as Form | undefined)?.client_id;
  const client = clientId ? ctx.directory.findClient(clientId, undefined) : ctx.directory.publicClient;
  const spaOrigins = (client ?? ctx.directory.publicClient).spa.redirectUris.map((u) => new URL(u).origin);
  return spaOrigins.includes(origin) ? origin : undefined;
}

async function token(ctx: EmulatorContext, req: Request, res: Response): Promise<void> {
  const form = (req.body ?? {}) as Form;
  const correlationId = correlationIdOf(req.headers, form);
  const corsOrigin = allowedOrigin(ctx, req);
  if (corsOrigin) res.set({ 'Access-Control-Allow-Origin': corsOrigin, Vary: 'Origin' });
  try {
    const segmentName = String(req.params.tenant);
    const segment = segmentOf(ctx, segmentName);
    const origin = req.headers.origin;
    let body: Record<string, unknown>;
    switch (form.grant_type) {
      // [doc] the RFC 8628 URN; [code] msal-node sends the short form `device_code`, so Entra takes both.
      case DEVICE_CODE_GRANT: case 'device_code': body = await deviceCodeGrant(ctx, segmentName, form); break;
      case 'authorization_code': body = await authorizationCodeGrant(ctx, form, origin); break;
      case 'refresh_token': body = await refreshTokenGrant(ctx, segment, form, origin); break;
      case 'client_credentials':
        // [doc] client credentials are refused when an Origin header is present (reference 2.2).
        if (origin) throw new AadError(400, 'invalid_request', 9002326, `Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: '${origin}'.`);
        body = await clientCredentialsGrant(ctx, segment, form, req.headers.authorization);
        break;
      case undefined: throw missingParameter('grant_type');
      default:
        throw new AadError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${form.grant_type}'.`);
    }
    noStoreHeaders(res, newGuid());
    res.status(200).json(body);
  } catch (err) {
    if (!(err instanceof AadError)) throw err;
    sendAadError(res, err, correlationId, ctx.origin);
  }
}

function handle(ctx: EmulatorContext, fn: (segmentName: string, form: Form) => Record<string, unknown>) {
  return (req: Request, res: Response): void => {
    const form = (req.body ?? {}) as Form;
    try {
      const body = fn(String(req.params.tenant), form);
      noStoreHeaders(res, newGuid());
      res.status(200).json(body);
    } catch (err) {
      if (!(err instanceof AadError)) throw err;
      sendAadError(res, err, correlationIdOf(req.headers, form), ctx.origin);
    }
  };
}

export function identityRouter(ctx: EmulatorContext): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '1mb' });
  const cors = (res: Response) => res.set({ 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'max-age=86400, private' });
  router.get('/common/discovery/instance', (_req, res) => { cors(res); res.json(instanceDiscovery(ctx)); });
  router.get('/:tenant/v2.0/.well-known/openid-configuration', (req, res) => {
    const name = String(req.params.tenant);
    try {
      const body = openIdConfiguration(ctx, name, segmentOf(ctx, name));
      cors(res);
      res.json(body);
    } catch (err) {
      if (!(err instanceof AadError)) throw err;
      sendAadError(res, err, correlationIdOf(req.headers, undefined), ctx.origin);
    }
  });
  router.get(['/:tenant/discovery/v2.0/keys', '/:tenant/discovery/keys'], (_req, res) => { cors(res); res.json(ctx.issuer.jwks()); });
  router.post('/:tenant/oauth2/v2.0/devicecode', form, handle(ctx, (name, body) => devicecode(ctx, name, body)));
  router.options('/:tenant/oauth2/v2.0/token', (req, res) => {
    res.set({
      'Access-Control-Allow-Origin': req.headers.origin ?? '*', 'Access-Control-Allow-Methods': 'POST, OPTIONS',
      'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? 'content-type', 'Access-Control-Max-Age': '86400',
    }).status(204).end();
  });
  router.post('/:tenant/oauth2/v2.0/token', form, (req, res, next) => { token(ctx, req, res).catch(next); });
  return router;
}
