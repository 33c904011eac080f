import { newGuid, stableGuid } from '../util/hash.js';
import { isoSeconds } from '../util/time.js';
import { resolveSeed, seedTenants, type Seed } from './seed.js';
import type { Tenant } from './tenant.js';
import { buildTenant, SeedError } from './tenant-factory.js';
import type { Application, DirectoryUser, ServicePrincipal } from './types.js';
import { GRAPH_APP_ID, GRAPH_DELEGATED_SCOPES } from './well-known.js';

/** Client id of the plugin's multi-tenant public client as the emulator registers it. */
export const EMULATOR_PUBLIC_CLIENT_ID = 'c3f6a2d4-5b1e-4f7a-9c8d-2e0b7a6f1d35';
/** Home tenant of that client (the vendor's own tenant; nobody signs in there). */
export const EMULATOR_VENDOR_TENANT_ID = 'e6a1b7c2-4d3f-4a8e-b915-0c7d2f6e8a41';

export interface PublicClientOptions {
  clientId?: string;
  displayName?: string;
  /** Redirect URIs of type "spa": the only ones allowed to redeem codes cross-origin. */
  spaRedirectUris?: string[];
  /** Redirect URIs of type "publicClient" (mobile and desktop). */
  publicClientRedirectUris?: string[];
}

const PUBLIC_CLIENT_SCOPES = ['Application.ReadWrite.All', 'AppRoleAssignment.ReadWrite.All', 'Directory.Read.All', 'User.Read'];

export type TenantSegment =
  | { kind: 'tenant'; tenant: Tenant }
  | { kind: 'organizations' | 'common' | 'consumers' };

function buildPublicClient(options: PublicClientOptions): Application {
  const appId = (options.clientId ?? EMULATOR_PUBLIC_CLIENT_ID).toLowerCase();
  const created = Date.UTC(2024, 0, 15);
  return {
    id: stableGuid('application', EMULATOR_VENDOR_TENANT_ID, appId),
    appId,
    uniqueName: null,
    displayName: options.displayName ?? 'M365 Backup',
    description: null,
    notes: null,
    signInAudience: 'AzureADMultipleOrgs',
    publisherDomain: 'm365backup.example',
    createdDateTime: isoSeconds(created),
    isFallbackPublicClient: true,
    identifierUris: [],
    tags: [],
    requiredResourceAccess: [{
      resourceAppId: GRAPH_APP_ID,
      resourceAccess: PUBLIC_CLIENT_SCOPES.map((value) => ({ id: GRAPH_DELEGATED_SCOPES.find((s) => s.value === value)!.id, type: 'Scope' })),
    }],
    web: { redirectUris: [] },
    spa: { redirectUris: [...(options.spaRedirectUris ?? [])] },
    publicClient: { redirectUris: options.publicClientRedirectUris ?? ['https://login.microsoftonline.com/common/oauth2/nativeclient'] },
    keyCredentials: [],
    passwordCredentials: [],
    owners: [],
    createdAt: created,
  };
}

/** Every tenant of the emulated cloud, plus the plugin's public client. */
export class Directory {
  readonly tenants = new Map<string, Tenant>();
  private readonly byDomain = new Map<string, Tenant>();
  publicClient: Application;

  constructor(seed: Seed | string | undefined, publicClient: PublicClientOptions = {}) {
    this.publicClient = buildPublicClient(publicClient);
    this.load(resolveSeed(seed));
  }

  load(seed: Seed): void {
    const randomSeed = seed.randomSeed ?? 1;
    const tenants = seedTenants(seed).map((t) => ({ seed: t, tenant: buildTenant(t, randomSeed) }));
    const ids = new Set<string>();
    const domains = new Map<string, Tenant>();
    for (const { tenant } of tenants) {
      if (ids.has(tenant.id)) throw new SeedError(`Duplicate tenant id ${tenant.id} (${tenant.displayName})`);
      ids.add(tenant.id);
      for (const d of tenant.domains) {
        if (domains.has(d.name)) throw new SeedError(`Domain ${d.name} is verified in two tenants`);
        domains.set(d.name, tenant);
      }
    }
    this.tenants.clear();
    this.byDomain.clear();
    for (const { seed: s, tenant } of tenants) {
      this.tenants.set(tenant.id, tenant);
      if (s.publicClientConsented) this.grantConsent(tenant, this.publicClient, PUBLIC_CLIENT_SCOPES, null);
    }
    for (const [name, tenant] of domains) this.byDomain.set(name, tenant);
  }

  setPublicClient(options: PublicClientOptions): void {
    const current = this.publicClient;
    this.publicClient = buildPublicClient({
      clientId: options.clientId ?? current.appId,
      displayName: options.displayName ?? current.displayName,
      spaRedirectUris: options.spaRedirectUris ?? current.spa.redirectUris,
      publicClientRedirectUris: options.publicClientRedirectUris ?? current.publicClient.redirectUris,
    });
  }

  /** [doc] `{tenant}` may be common, organizations, consumers, a tenant id or a verified domain (reference 1.1). */
  resolveSegment(segment: string): TenantSegment | undefined {
    const lower = segment.toLowerCase();
    if (lower === 'organizations' || lower === 'common' || lower === 'consumers') return { kind: lower };
    const tenant = this.tenants.get(lower) ?? this.byDomain.get(lower);
    return tenant ? { kind: 'tenant', tenant } : undefined;
  }

  tenant(idOrDomain: string): Tenant | undefined {
    const lower = idOrDomain.toLowerCase();
    return this.tenants.get(lower) ?? this.byDomain.get(lower);
  }

  /** Home tenant and user for a sign-in name; guests sign in at home, so #EXT# names never match. */
  findAccount(email: string): { tenant: Tenant; user: DirectoryUser } | undefined {
    const at = email.lastIndexOf('@');
    if (at < 0) return undefined;
    const tenant = this.byDomain.get(email.slice(at + 1).toLowerCase());
    const user = tenant?.findUser(email);
    if (!tenant || !user || user.userType === 'Guest') return undefined;
    return { tenant, user };
  }

  /** A client the identity platform knows in this tenant: the public client, or an app registered there. */
  findClient(appId: string, tenant: Tenant | undefined): Application | undefined {
    if (appId.toLowerCase() === this.publicClient.appId) return this.publicClient;
    return tenant?.applicationByAppId(appId);
  }

  /** What Entra does on the first consent: the client's enterprise app appears in the customer tenant. */
  ensureServicePrincipal(tenant: Tenant, app: Application, ownerTenantId: string): ServicePrincipal {
    const existing = tenant.servicePrincipalByAppId(app.appId);
    if (existing) return existing;
    const now = Date.now();
    const sp: ServicePrincipal = {
      id: newGuid(),
      appId: app.appId,
      displayName: app.displayName,
      appDisplayName: app.displayName,
      appOwnerOrganizationId: ownerTenantId,
      accountEnabled: true,
      appRoleAssignmentRequired: false,
      servicePrincipalNames: [app.appId],
      servicePrincipalType: 'Application',
      signInAudience: app.signInAudience,
      tags: [],
      appRoles: [],
      oauth2PermissionScopes: [],
      createdDateTime: isoSeconds(now),
      createdAt: now,
    };
    tenant.servicePrincipals.set(sp.id, sp);
    return sp;
  }

  /** Records delegated consent: tenant-wide (principalId null, an admin "for the organization") or for one user. */
  grantConsent(tenant: Tenant, app: Application, scopes: string[], principalId: string | null): void {
    const owner = app === this.publicClient ? EMULATOR_VENDOR_TENANT_ID : tenant.id;
    const client = this.ensureServicePrincipal(tenant, app, owner);
    const resourceId = tenant.graphServicePrincipal.id;
    const key = `${client.id}:${resourceId}:${principalId ?? '*'}`;
    const existing = tenant.permissionGrants.get(key);
    const merged = new Set([...(existing?.scope.split(' ') ?? []), ...scopes].filter(Boolean));
    tenant.permissionGrants.set(key, {
      id: existing?.id ?? newGuid(),
      clientId: client.id,
      consentType: principalId ? 'Principal' : 'AllPrincipals',
      principalId,
      resourceId,
      scope: [...merged].join(' '),
    });
  }

  /** Graph scopes consented for a client, tenant-wide plus (when given) those a user consented to alone. */
  consentedScopes(tenant: Tenant, appId: string, userId?: string): Set<string> {
    const client = tenant.servicePrincipalByAppId(appId);
    if (!client) return new Set();
    const scopes = new Set<string>();
    for (const grant of tenant.permissionGrants.values()) {
      if (grant.clientId !== client.id) continue;
      if (grant.consentType === 'AllPrincipals' || grant.principalId === userId) {
        for (const s of grant.scope.split(' ')) if (s) scopes.add(s);
      }
    }
    return scopes;
  }
}
