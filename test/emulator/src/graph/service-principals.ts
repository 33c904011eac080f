import { randomBytes } from 'node:crypto';
import type { EmulatorContext } from '../context.js';
import { EMULATOR_VENDOR_TENANT_ID } from '../store/directory.js';
import type { Tenant } from '../store/tenant.js';
import type { AppRoleAssignment, ServicePrincipal } from '../store/types.js';
import { APP_MANAGER_ROLES, EXCHANGE_APP_ID, GRAPH_APP_ID, GRAPH_APP_ROLE_GRANTORS } from '../store/well-known.js';
import { isoSeconds } from '../util/time.js';
import { READ_APPLICATIONS, READ_ROLE_ASSIGNMENTS, requirePermission, userHasRole, WRITE_APPLICATIONS, WRITE_ROLE_ASSIGNMENTS } from './auth.js';
import { listCollection } from './collection.js';
import { badRequest, denied, GraphError, notFound } from './errors.js';
import type { FilterSchema } from './filter.js';
import { parseSelect, project } from './paging.js';
import { json, noContent, type GraphRequest, type GraphResponse } from './request.js';
import type { GraphRouter } from './router.js';

const KEY = String.raw`^\/servicePrincipals(?:\/([0-9a-fA-F-]{36})|\(appId='([^']*)'\))`;

function spJson(sp: ServicePrincipal): Record<string, unknown> {
  return {
    id: sp.id, deletedDateTime: null, accountEnabled: sp.accountEnabled, alternativeNames: [], appDisplayName: sp.appDisplayName,
    appDescription: null, appId: sp.appId, applicationTemplateId: null, appOwnerOrganizationId: sp.appOwnerOrganizationId,
    appRoleAssignmentRequired: sp.appRoleAssignmentRequired, createdDateTime: sp.createdDateTime, description: null,
    disabledByMicrosoftStatus: null, displayName: sp.displayName, homepage: null, loginUrl: null, logoutUrl: null, notes: null,
    notificationEmailAddresses: [], preferredSingleSignOnMode: null, preferredTokenSigningKeyThumbprint: null, replyUrls: [],
    servicePrincipalNames: sp.servicePrincipalNames, servicePrincipalType: sp.servicePrincipalType, signInAudience: sp.signInAudience,
    tags: sp.tags, tokenEncryptionKeyId: null, info: null, samlSingleSignOnSettings: null, addIns: [], appRoles: sp.appRoles,
    keyCredentials: [], oauth2PermissionScopes: sp.oauth2PermissionScopes, passwordCredentials: [], resourceSpecificApplicationPermissions: [],
    verifiedPublisher: { displayName: null, verifiedPublisherId: null, addedDateTime: null },
  };
}

const SP_PROPERTIES = Object.keys(spJson({ appRoles: [], oauth2PermissionScopes: [] } as unknown as ServicePrincipal));

const SP_FILTER: FilterSchema<ServicePrincipal> = {
  id: { get: (s) => s.id, standard: ['eq', 'in'] },
  appId: { get: (s) => s.appId, standard: ['eq', 'in'] },
  displayName: { get: (s) => s.displayName, standard: ['eq', 'startswith', 'in'] },
  servicePrincipalType: { get: (s) => s.servicePrincipalType, standard: ['eq', 'in'] },
  accountEnabled: { get: (s) => s.accountEnabled, standard: ['eq'] },
};

function findSp(tenant: Tenant, [id, appId]: string[]): ServicePrincipal | undefined {
  return id ? tenant.servicePrincipals.get(id.toLowerCase()) : tenant.servicePrincipalByAppId(appId!);
}

function spOrThrow(tenant: Tenant, params: string[]): ServicePrincipal {
  const sp = findSp(tenant, params);
  if (!sp) throw notFound(params[0] || params[1] || '');
  return sp;
}

function assignmentJson(a: AppRoleAssignment): Record<string, unknown> {
  return {
    id: a.id, deletedDateTime: null, appRoleId: a.appRoleId, createdDateTime: a.createdDateTime, principalDisplayName: a.principalDisplayName,
    principalId: a.principalId, principalType: a.principalType, resourceDisplayName: a.resourceDisplayName, resourceId: a.resourceId,
  };
}

const ASSIGNMENT_PROPERTIES = Object.keys(assignmentJson({} as AppRoleAssignment));

function createSp(ctx: EmulatorContext, req: GraphRequest): GraphResponse {
  requirePermission(req.auth, WRITE_APPLICATIONS);
  const tenant = req.auth.tenant;
  const appId = (req.body as { appId?: unknown } | null)?.appId;
  if (typeof appId !== 'string' || !appId) throw badRequest("Property 'appId' is required.");
  const local = tenant.applicationByAppId(appId);
  const external = appId.toLowerCase() === ctx.directory.publicClient.appId ? ctx.directory.publicClient : undefined;
  const app = local ?? external;
  // [obs reference 5.1] right after POST /applications the app is not yet visible to this replica.
  if (!app || (local && ctx.faults.replicating('applicationSeconds', local.createdAt))) throw notFound(appId);
  if (req.auth.kind === 'user' && !userHasRole(req.auth, APP_MANAGER_ROLES) && !(local?.owners.includes(req.auth.claims.oid) ?? false)) throw denied();
  if (tenant.servicePrincipalByAppId(appId)) {
    // [assumption] status and code for a duplicate service principal.
    throw new GraphError(409, 'Request_MultipleObjectsWithSameKeyValue', 'Another object with the same value for property servicePrincipalNames already exists.');
  }
  const sp = ctx.directory.ensureServicePrincipal(tenant, app, local ? tenant.id : EMULATOR_VENDOR_TENANT_ID);
  return json(201, { '@odata.context': `${ctx.origin}/v1.0/$metadata#servicePrincipals/$entity`, ...spJson(sp) }, {
    Location: `${ctx.origin}/v1.0/servicePrincipals/${sp.id}`,
  });
}

/** [doc] only Global and Privileged Role Administrators may grant Graph (and Azure AD Graph) app roles (reference 4.2). */
function requireGrantRight(req: GraphRequest, resource: ServicePrincipal): void {
  requirePermission(req.auth, WRITE_ROLE_ASSIGNMENTS);
  if (req.auth.kind === 'app') return;
  const graphLike = resource.appId === GRAPH_APP_ID || resource.appId === '00000002-0000-0000-c000-000000000000';
  const allowed = graphLike ? GRAPH_APP_ROLE_GRANTORS : new Set([...GRAPH_APP_ROLE_GRANTORS, ...APP_MANAGER_ROLES]);
  if (!userHasRole(req.auth, allowed)) throw denied();
}

function assign(ctx: EmulatorContext, req: GraphRequest, params: string[], side: 'resource' | 'principal'): GraphResponse {
  const tenant = req.auth.tenant;
  const pathSp = spOrThrow(tenant, params);
  const body = (req.body ?? {}) as Record<string, unknown>;
  const { principalId, resourceId, appRoleId } = body;
  if (typeof principalId !== 'string' || typeof resourceId !== 'string' || typeof appRoleId !== 'string') throw badRequest();
  if ((side === 'resource' ? resourceId : principalId).toLowerCase() !== pathSp.id) throw badRequest();
  const resource = tenant.servicePrincipals.get(resourceId.toLowerCase());
  if (!resource) throw notFound(resourceId);
  requireGrantRight(req, resource);
  const principal = tenant.servicePrincipals.get(principalId.toLowerCase());
  // [obs] an application object id or appId in principalId gives "Not a valid reference update." (reference 4.8).
  if (!principal && (tenant.applications.has(principalId.toLowerCase()) || tenant.applicationByAppId(principalId))) throw badRequest('Not a valid reference update.');
  if (!principal || ctx.faults.replicating('servicePrincipalSeconds', principal.createdAt)) throw notFound(principalId);
  if (!resource.appRoles.some((r) => r.id === appRoleId.toLowerCase())) {
    throw badRequest(`Permission being assigned was not found on application '${resource.appId}'.`);
  }
  const duplicate = tenant.assignmentsOf(principal.id).some((a) => a.resourceId === resource.id && a.appRoleId === appRoleId.toLowerCase());
  if (duplicate) throw badRequest('Permission being assigned already exists on the object');
  const now = Date.now();
  const assignment: AppRoleAssignment = {
    // [doc] assignment ids are base64url strings, not GUIDs.
    id: randomBytes(32).toString('base64url').slice(0, 43),
    appRoleId: appRoleId.toLowerCase(), principalId: principal.id, principalType: 'ServicePrincipal', principalDisplayName: principal.displayName,
    resourceId: resource.id, resourceDisplayName: resource.displayName, createdDateTime: isoSeconds(now), createdAt: now,
  };
  tenant.appRoleAssignments.set(assignment.id, assignment);
  const nav = side === 'resource' ? 'appRoleAssignedTo' : 'appRoleAssignments';
  return json(201, { '@odata.context': `${ctx.origin}/v1.0/$metadata#servicePrincipals('${pathSp.id}')/${nav}/$entity`, ...assignmentJson(assignment) });
}

function listAssignments(ctx: EmulatorContext, req: GraphRequest, params: string[], side: 'resource' | 'principal'): Promise<GraphResponse> {
  requirePermission(req.auth, READ_ROLE_ASSIGNMENTS);
  const sp = spOrThrow(req.auth.tenant, params);
  const items = side === 'resource' ? req.auth.tenant.assignmentsTo(sp.id) : req.auth.tenant.assignmentsOf(sp.id);
  return listCollection(ctx, req, {
    entitySet: `servicePrincipals('${sp.id}')/${side === 'resource' ? 'appRoleAssignedTo' : 'appRoleAssignments'}`,
    entity: 'appRoleAssignment', items, properties: ASSIGNMENT_PROPERTIES,
    filter: { principalId: { get: (a) => a.principalId, standard: ['eq'] }, appRoleId: { get: (a) => a.appRoleId, standard: ['eq'] } },
    toJson: assignmentJson,
  });
}

function unassign(_ctx: EmulatorContext, req: GraphRequest, params: string[]): GraphResponse {
  const tenant = req.auth.tenant;
  const sp = spOrThrow(tenant, params);
  const assignment = tenant.appRoleAssignments.get(params[3]!);
  if (!assignment || (assignment.resourceId !== sp.id && assignment.principalId !== sp.id)) throw notFound(params[3]!);
  requireGrantRight(req, tenant.servicePrincipals.get(assignment.resourceId)!);
  tenant.appRoleAssignments.delete(assignment.id);
  return noContent();
}

export function registerServicePrincipalRoutes(router: GraphRouter): void {
  const single = new RegExp(`${KEY}$`, 'i');
  const assignments = new RegExp(`${KEY}\\/(appRoleAssignedTo|appRoleAssignments)$`, 'i');
  const oneAssignment = new RegExp(`${KEY}\\/(appRoleAssignedTo|appRoleAssignments)\\/([A-Za-z0-9_-]+)$`, 'i');
  const sideOf = (nav: string | undefined) => (nav?.toLowerCase() === 'approleassignedto' ? 'resource' : 'principal');
  router
    .add('GET', /^\/servicePrincipals$/i, (ctx, req) => {
      requirePermission(req.auth, READ_APPLICATIONS);
      return listCollection(ctx, req, {
        entitySet: 'servicePrincipals', entity: 'servicePrincipal', items: [...req.auth.tenant.servicePrincipals.values()],
        properties: SP_PROPERTIES, filter: SP_FILTER, toJson: spJson,
      });
    })
    .add('POST', /^\/servicePrincipals$/i, createSp)
    .add('GET', single, (ctx, req, params) => {
      requirePermission(req.auth, READ_APPLICATIONS);
      const sp = spOrThrow(req.auth.tenant, params);
      const select = parseSelect(req, SP_PROPERTIES, 'servicePrincipal');
      return json(200, { '@odata.context': `${ctx.origin}/v1.0/$metadata#servicePrincipals/$entity`, ...project(spJson(sp), select) });
    })
    .add('DELETE', single, (_ctx, req, params) => {
      const sp = spOrThrow(req.auth.tenant, params);
      requirePermission(req.auth, WRITE_APPLICATIONS);
      if (req.auth.kind === 'user' && !userHasRole(req.auth, APP_MANAGER_ROLES)) throw denied();
      if (sp.appId === GRAPH_APP_ID || sp.appId === EXCHANGE_APP_ID) throw denied();
      req.auth.tenant.deleteServicePrincipal(sp.id);
      return noContent();
    })
    .add('GET', assignments, (ctx, req, params) => listAssignments(ctx, req, params, sideOf(params[2])))
    .add('POST', assignments, (ctx, req, params) => assign(ctx, req, params, sideOf(params[2])))
    .add('DELETE', oneAssignment, unassign);
}
