import { jwtVerify } from 'jose';
import type { EmulatorContext } from '../context.js';
import type { Tenant } from '../store/tenant.js';
import type { Application } from '../store/types.js';
import { APP_MANAGER_ROLES, type DirectoryRoleName } from '../store/well-known.js';
import { newGuid } from '../util/hash.js';
import { isoSeconds } from '../util/time.js';
import {
  APPLICATION_FILTER, APPLICATION_PROPERTIES, applicationJson, applyApplicationPatch, keyCredentialJson, newPasswordCredential,
  newSecret, parseKeyCredentials, passwordCredentialJson,
} from './application-shape.js';
import { READ_APPLICATIONS, requirePermission, userHasRole, WRITE_APPLICATIONS } from './auth.js';
import { listCollection } from './collection.js';
import { badRequest, denied, notFound } from './errors.js';
import { parseSelect, project } from './paging.js';
import { json, noContent, type GraphRequest, type GraphResponse } from './request.js';
import type { GraphRouter } from './router.js';

const KEY = String.raw`^\/applications(?:\/([0-9a-fA-F-]{36})|\((appId|uniqueName)='([^']*)'\))`;

function findApplication(tenant: Tenant, [id, keyName, keyValue]: string[]): Application | undefined {
  if (id) return tenant.applications.get(id.toLowerCase());
  return keyName?.toLowerCase() === 'appid' ? tenant.applicationByAppId(keyValue!) : tenant.applicationByUniqueName(keyValue!);
}

function keyText(params: string[]): string {
  return params[0] || params[2] || '';
}

function bodyObject(req: GraphRequest): Record<string, unknown> {
  if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) throw badRequest('The request body must be a JSON object.');
  return req.body as Record<string, unknown>;
}

/** Owners and application administrators may change an app; [doc] app-only callers need Application.ReadWrite.All. */
function requireManage(req: GraphRequest, app: Application): void {
  requirePermission(req.auth, WRITE_APPLICATIONS);
  if (req.auth.kind === 'user' && !userHasRole(req.auth, APP_MANAGER_ROLES) && !app.owners.includes(req.auth.claims.oid)) throw denied();
}

const NOT_OWNER_ROLES: ReadonlySet<DirectoryRoleName> = new Set(['Application Administrator', 'Cloud Application Administrator']);

function create(ctx: EmulatorContext, req: GraphRequest, body: Record<string, unknown>, uniqueName: string | null): GraphResponse {
  requirePermission(req.auth, WRITE_APPLICATIONS);
  if (req.auth.kind === 'user' && req.auth.user?.userType !== 'Member') throw denied();
  if (typeof body.displayName !== 'string' || !body.displayName) {
    throw badRequest("Invalid value specified for property 'displayName' of resource 'Application'.");
  }
  const tenant = req.auth.tenant;
  const now = Date.now();
  const app: Application = {
    id: newGuid(), appId: newGuid(), uniqueName, displayName: body.displayName, description: null, notes: null,
    // [doc] AzureADMyOrg is the default audience; the publisher domain defaults to the initial domain.
    signInAudience: 'AzureADMyOrg', publisherDomain: tenant.initialDomain, createdDateTime: isoSeconds(now),
    isFallbackPublicClient: false, identifierUris: [], tags: [], requiredResourceAccess: [],
    web: { redirectUris: [] }, spa: { redirectUris: [] }, publicClient: { redirectUris: [] }, keyCredentials: [], passwordCredentials: [],
    // [doc] Application and Cloud Application Administrators are not made owners of apps they create.
    owners: req.auth.kind === 'user' && !userHasRole(req.auth, NOT_OWNER_ROLES) ? [req.auth.claims.oid] : [],
    createdAt: now,
  };
  const { uniqueName: _ignored, ...rest } = body;
  applyApplicationPatch(app, uniqueName === null ? body : rest, true);
  if (app.uniqueName && tenant.applicationByUniqueName(app.uniqueName)) {
    throw badRequest(`Another object with the same value for property uniqueName already exists.`);
  }
  tenant.applications.set(app.id, app);
  return json(201, { '@odata.context': `${ctx.origin}/v1.0/$metadata#applications/$entity`, ...applicationJson(app) }, {
    Location: `${ctx.origin}/v1.0/applications/${app.id}`,
  });
}

function patch(req: GraphRequest, app: Application, body: Record<string, unknown>): GraphResponse {
  requireManage(req, app);
  const draft: Application = { ...app };
  applyApplicationPatch(draft, body, false);
  Object.assign(app, draft);
  return noContent();
}

function get(ctx: EmulatorContext, req: GraphRequest, params: string[]): GraphResponse {
  requirePermission(req.auth, READ_APPLICATIONS);
  const app = findApplication(req.auth.tenant, params);
  if (!app) throw notFound(keyText(params));
  const select = parseSelect(req, APPLICATION_PROPERTIES, 'application');
  const body = applicationJson(app, select?.includes('keyCredentials') ?? false);
  return json(200, { '@odata.context': `${ctx.origin}/v1.0/$metadata#applications/$entity`, ...project(body, select) });
}

function update(_ctx: EmulatorContext, req: GraphRequest, params: string[]): GraphResponse | Promise<GraphResponse> {
  const body = bodyObject(req);
  const app = findApplication(req.auth.tenant, params);
  if (app) return patch(req, app, body);
  // [doc] upsert: PATCH /applications(uniqueName='...') with Prefer: create-if-missing creates the app (201).
  const upsert = params[1]?.toLowerCase() === 'uniquename' && /create-if-missing/i.test(req.headers.prefer ?? '');
  if (!upsert) throw notFound(keyText(params));
  return create(_ctx, req, body, params[2]!);
}

function remove(_ctx: EmulatorContext, req: GraphRequest, params: string[]): GraphResponse {
  const tenant = req.auth.tenant;
  const app = findApplication(tenant, params);
  if (!app) throw notFound(keyText(params));
  requireManage(req, app);
  tenant.applications.delete(app.id);
  // [doc] the home-tenant service principal goes with its application.
  const sp = tenant.servicePrincipalByAppId(app.appId);
  if (sp) tenant.deleteServicePrincipal(sp.id);
  return noContent();
}

/** [doc] addKey/removeKey need a proof JWT signed by a current certificate: aud 00000002-..., iss = application object id. */
async function verifyProof(app: Application, proof: unknown): Promise<void> {
  const now = Date.now();
  for (const key of app.keyCredentials) {
    if (typeof proof !== 'string' || Date.parse(key.endDateTime) <= now) continue;
    try {
      await jwtVerify(proof, key.publicKey, { audience: '00000002-0000-0000-c000-000000000000', issuer: app.id, requiredClaims: ['nbf', 'exp'] });
      return;
    } catch {
      // Another registered key may have signed it.
    }
  }
  throw badRequest('Proof of possession token validation failed. A valid proof signed by an existing certificate of the application is required.');
}

async function action(ctx: EmulatorContext, req: GraphRequest, params: string[]): Promise<GraphResponse> {
  const app = findApplication(req.auth.tenant, params);
  if (!app) throw notFound(keyText(params));
  requireManage(req, app);
  const body = bodyObject(req);
  switch (params[3]!.toLowerCase()) {
    case 'addpassword': {
      const secret = newSecret();
      const credential = newPasswordCredential(body.passwordCredential as Record<string, unknown> | undefined, secret);
      app.passwordCredentials = [...app.passwordCredentials, credential];
      return json(200, { '@odata.context': `${ctx.origin}/v1.0/$metadata#microsoft.graph.passwordCredential`, ...passwordCredentialJson(credential, secret) });
    }
    case 'removepassword': {
      if (!app.passwordCredentials.some((p) => p.keyId === body.keyId)) throw badRequest(`No password credential with keyId '${String(body.keyId)}' exists on the application.`);
      app.passwordCredentials = app.passwordCredentials.filter((p) => p.keyId !== body.keyId);
      return noContent();
    }
    case 'addkey': {
      await verifyProof(app, body.proof);
      const [key] = parseKeyCredentials([body.keyCredential], []);
      app.keyCredentials = [...app.keyCredentials, key!];
      return json(200, { '@odata.context': `${ctx.origin}/v1.0/$metadata#microsoft.graph.keyCredential`, ...keyCredentialJson(key!, false) });
    }
    default: {
      await verifyProof(app, body.proof);
      if (!app.keyCredentials.some((k) => k.keyId === body.keyId)) throw badRequest(`No key credential with keyId '${String(body.keyId)}' exists on the application.`);
      app.keyCredentials = app.keyCredentials.filter((k) => k.keyId !== body.keyId);
      return noContent();
    }
  }
}

export function registerApplicationRoutes(router: GraphRouter): void {
  const single = new RegExp(`${KEY}$`, 'i');
  const actions = new RegExp(`${KEY}\\/(addPassword|removePassword|addKey|removeKey)$`, 'i');
  router
    .add('GET', /^\/applications$/i, (ctx, req) => {
      requirePermission(req.auth, READ_APPLICATIONS);
      return listCollection(ctx, req, {
        entitySet: 'applications', entity: 'application', items: [...req.auth.tenant.applications.values()],
        properties: APPLICATION_PROPERTIES, filter: APPLICATION_FILTER, toJson: (a) => applicationJson(a),
      });
    })
    .add('POST', /^\/applications$/i, (ctx, req) => {
      const body = bodyObject(req);
      return create(ctx, req, body, typeof body.uniqueName === 'string' ? body.uniqueName : null);
    })
    .add('GET', single, get)
    .add('PATCH', single, update)
    .add('DELETE', single, remove)
    .add('POST', actions, action);
}
