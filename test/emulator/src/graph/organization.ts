import type { EmulatorContext } from '../context.js';
import { SKUS } from '../store/skus.js';
import type { Tenant } from '../store/tenant.js';
import type { DirectoryUser } from '../store/types.js';
import { hasPermission, READ_DIRECTORY, READ_USERS, requirePermission } from './auth.js';
import { GraphError, notFound } from './errors.js';
import { contextUrl, parseSelect, project } from './paging.js';
import { json, type GraphRequest, type GraphResponse } from './request.js';
import type { GraphRouter } from './router.js';
import { USER_PROPERTIES, userJson } from './user-shape.js';

const ORG_READ = {
  delegated: [['User.Read', 'Organization.Read.All', 'Organization.ReadWrite.All', ...READ_DIRECTORY]],
  app: [['Organization.Read.All', 'Organization.ReadWrite.All', ...READ_DIRECTORY]],
};

function tenantPlans(tenant: Tenant): unknown[] {
  const plans = new Map(tenant.subscriptions.flatMap((s) => SKUS[s.sku].servicePlans.map((p) => [p.servicePlanId, p] as const)));
  return [...plans.values()].map((p) => ({
    assignedDateTime: tenant.createdDateTime, capabilityStatus: 'Enabled', service: p.service, servicePlanId: p.servicePlanId,
  }));
}

function organizationJson(tenant: Tenant, full: boolean): Record<string, unknown> {
  const verifiedDomains = tenant.domains.map((d) => ({
    capabilities: 'Email, OfficeCommunicationsOnline', isDefault: d.isDefault, isInitial: d.isInitial, name: d.name, type: 'Managed',
  }));
  // [doc] with only User.Read: id, displayName and verifiedDomains, nulls elsewhere (reference 4.1).
  const admin = `admin@${tenant.defaultDomain}`;
  return {
    id: tenant.id,
    deletedDateTime: null,
    businessPhones: full ? ['+1 425 555 0100'] : [],
    city: full ? 'Redmond' : null,
    country: full ? 'United States' : null,
    countryLetterCode: full ? tenant.countryLetterCode : null,
    createdDateTime: full ? tenant.createdDateTime : null,
    defaultUsageLocation: full ? 'US' : null,
    displayName: tenant.displayName,
    onPremisesLastSyncDateTime: null,
    onPremisesSyncEnabled: null,
    partnerTenantType: null,
    postalCode: full ? '98052' : null,
    preferredLanguage: full ? 'en' : null,
    state: full ? 'WA' : null,
    street: full ? '1 Microsoft Way' : null,
    technicalNotificationMails: full ? [admin] : [],
    tenantType: full ? 'AAD' : null,
    assignedPlans: full ? tenantPlans(tenant) : [],
    provisionedPlans: [],
    verifiedDomains,
  };
}

function organization(ctx: EmulatorContext, req: GraphRequest, params: string[]): GraphResponse {
  requirePermission(req.auth, ORG_READ);
  const tenant = req.auth.tenant;
  const full = hasPermission(req.auth, { delegated: [['Organization.Read.All', ...READ_DIRECTORY]], app: ORG_READ.app });
  const body = organizationJson(tenant, full);
  const select = parseSelect(req, Object.keys(body), 'organization');
  const origin = ctx.origin;
  if (params[0]) {
    if (params[0].toLowerCase() !== tenant.id) throw notFound(params[0]);
    return json(200, { '@odata.context': `${origin}/v1.0/$metadata#organization/$entity`, ...project(body, select) });
  }
  return json(200, { '@odata.context': contextUrl(origin, 'organization', select), value: [project(body, select)] });
}

function signedInUser(req: GraphRequest): DirectoryUser {
  if (req.auth.kind !== 'user') {
    // [obs] Graph's answer to /me with an app-only token.
    throw new GraphError(400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
  }
  if (!req.auth.user) throw notFound(req.auth.claims.oid);
  return req.auth.user;
}

function me(ctx: EmulatorContext, req: GraphRequest): GraphResponse {
  const user = signedInUser(req);
  requirePermission(req.auth, { delegated: [['User.Read', 'User.ReadWrite', ...READ_USERS.delegated![0]!]] });
  const select = parseSelect(req, USER_PROPERTIES, 'user');
  return json(200, { '@odata.context': `${ctx.origin}/v1.0/$metadata#users/$entity`, ...userJson(user, req.auth.tenant, select) });
}

const ROLE_PROPERTIES = ['id', 'deletedDateTime', 'description', 'displayName', 'roleTemplateId'];

/** [doc] memberOf cast to directoryRole; roleTemplateId is what callers compare (reference 4.2). */
function directoryRoles(ctx: EmulatorContext, req: GraphRequest, user: DirectoryUser): GraphResponse {
  requirePermission(req.auth, {
    delegated: [['Directory.Read.All', 'Directory.ReadWrite.All', 'RoleManagement.Read.Directory', 'GroupMember.Read.All']],
    app: [['Directory.Read.All', 'Directory.ReadWrite.All', 'RoleManagement.Read.Directory', 'GroupMember.Read.All']],
  });
  const select = parseSelect(req, ROLE_PROPERTIES, 'directoryRole');
  const value = req.auth.tenant.directoryRoles
    .filter((r) => user.roles.includes(r.displayName))
    .map((r) => ({
      '@odata.type': '#microsoft.graph.directoryRole',
      ...project({ id: r.id, deletedDateTime: null, description: r.description, displayName: r.displayName, roleTemplateId: r.roleTemplateId }, select),
    }));
  return json(200, { '@odata.context': contextUrl(ctx.origin, 'directoryRoles', select), value });
}

function subscribedSkus(ctx: EmulatorContext, req: GraphRequest): GraphResponse {
  requirePermission(req.auth, ORG_READ);
  const tenant = req.auth.tenant;
  const consumed = new Map<string, number>();
  for (const { user } of tenant.users.entries()) {
    for (const l of user.licenses) consumed.set(l.sku, (consumed.get(l.sku) ?? 0) + 1);
  }
  // [doc] shape of reference 6.4.
  const value = tenant.subscriptions.map((s) => {
    const sku = SKUS[s.sku];
    return {
      accountId: tenant.id, accountName: tenant.displayName, appliesTo: 'User', capabilityStatus: 'Enabled',
      consumedUnits: consumed.get(s.sku) ?? 0, id: `${tenant.id}_${sku.skuId}`, skuId: sku.skuId, skuPartNumber: sku.skuPartNumber,
      subscriptionIds: [], prepaidUnits: { enabled: s.prepaidUnits, suspended: 0, warning: 0, lockedOut: 0 },
      servicePlans: sku.servicePlans.map((p) => ({ servicePlanId: p.servicePlanId, servicePlanName: p.servicePlanName, provisioningStatus: 'Success', appliesTo: 'User' })),
    };
  });
  return json(200, { '@odata.context': `${ctx.origin}/v1.0/$metadata#subscribedSkus`, value });
}

export function registerOrganizationRoutes(router: GraphRouter): void {
  router
    .add('GET', /^\/organization(?:\/([^/]+))?$/i, organization)
    .add('GET', /^\/me$/i, me)
    .add('GET', /^\/me\/(?:transitiveM|m)emberOf\/microsoft\.graph\.directoryRole$/i, (ctx, req) => directoryRoles(ctx, req, signedInUser(req)))
    .add('GET', /^\/users\/([^/]+)\/(?:transitiveM|m)emberOf\/microsoft\.graph\.directoryRole$/i, (ctx, req, [key]) => {
      const user = req.auth.tenant.findUser(key!);
      if (!user) throw notFound(key!);
      return directoryRoles(ctx, req, user);
    })
    .add('GET', /^\/subscribedSkus$/i, subscribedSkus);
}
