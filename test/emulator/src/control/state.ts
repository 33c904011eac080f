import { MICROSOFT_SERVICES_TENANT_ID as FIRST_PARTY_OWNER } from '../store/first-party.js';
import type { Tenant } from '../store/tenant.js';

export interface TenantSummary {
  id: string;
  displayName: string;
  initialDomain: string;
  defaultDomain: string;
  domains: string[];
  userCount: number;
  blockDeviceCodeFlow: boolean;
}

export interface KeyCredentialState {
  keyId: string;
  displayName: string | null;
  type: string;
  usage: string;
  startDateTime: string;
  endDateTime: string;
  /** Upper-case hex, as the Entra portal shows them. */
  sha1Thumbprint: string;
  sha256Thumbprint: string;
}

export interface PasswordCredentialState {
  keyId: string;
  displayName: string | null;
  hint: string;
  startDateTime: string;
  endDateTime: string;
}

export interface ApplicationState {
  id: string;
  appId: string;
  displayName: string;
  uniqueName: string | null;
  signInAudience: string;
  createdDateTime: string;
  requiredResourceAccess: Array<{ resourceAppId: string; resourceAccess: Array<{ id: string; type: string }> }>;
  keyCredentials: KeyCredentialState[];
  passwordCredentials: PasswordCredentialState[];
  owners: string[];
}

export interface ServicePrincipalState {
  id: string;
  appId: string;
  displayName: string;
  appOwnerOrganizationId: string;
  createdDateTime: string;
}

export interface AppRoleAssignmentState {
  id: string;
  appRoleId: string;
  /** The app role's value (`User.Read.All`), looked up on the resource. */
  appRoleValue: string | null;
  principalId: string;
  principalDisplayName: string;
  resourceId: string;
  resourceDisplayName: string;
  createdDateTime: string;
}

export interface PermissionGrantState {
  id: string;
  clientId: string;
  consentType: 'AllPrincipals' | 'Principal';
  principalId: string | null;
  resourceId: string;
  scope: string;
}

export interface TenantState {
  tenant: TenantSummary;
  applications: ApplicationState[];
  /** Service principals created in the tenant (Microsoft's first-party ones are left out). */
  servicePrincipals: ServicePrincipalState[];
  appRoleAssignments: AppRoleAssignmentState[];
  oauth2PermissionGrants: PermissionGrantState[];
}

export function tenantSummary(tenant: Tenant): TenantSummary {
  const userCount = tenant.users.liveCount;
  return {
    id: tenant.id, displayName: tenant.displayName, initialDomain: tenant.initialDomain, defaultDomain: tenant.defaultDomain,
    domains: tenant.domains.map((d) => d.name), userCount, blockDeviceCodeFlow: tenant.blockDeviceCodeFlow,
  };
}


export function tenantState(tenant: Tenant): TenantState {
  return {
    tenant: tenantSummary(tenant),
    applications: [...tenant.applications.values()].map((a) => ({
      id: a.id, appId: a.appId, displayName: a.displayName, uniqueName: a.uniqueName, signInAudience: a.signInAudience,
      createdDateTime: a.createdDateTime, requiredResourceAccess: structuredClone(a.requiredResourceAccess), owners: [...a.owners],
      keyCredentials: a.keyCredentials.map((k) => ({
        keyId: k.keyId, displayName: k.displayName, type: k.type, usage: k.usage, startDateTime: k.startDateTime, endDateTime: k.endDateTime,
        sha1Thumbprint: k.sha1Thumbprint.toUpperCase(), sha256Thumbprint: k.sha256Thumbprint.toUpperCase(),
      })),
      passwordCredentials: a.passwordCredentials.map((p) => ({
        keyId: p.keyId, displayName: p.displayName, hint: p.hint, startDateTime: p.startDateTime, endDateTime: p.endDateTime,
      })),
    })),
    servicePrincipals: [...tenant.servicePrincipals.values()].filter((s) => s.appOwnerOrganizationId !== FIRST_PARTY_OWNER).map((s) => ({
      id: s.id, appId: s.appId, displayName: s.displayName, appOwnerOrganizationId: s.appOwnerOrganizationId, createdDateTime: s.createdDateTime,
    })),
    appRoleAssignments: [...tenant.appRoleAssignments.values()].map((a) => ({
      id: a.id, appRoleId: a.appRoleId, principalId: a.principalId, principalDisplayName: a.principalDisplayName, resourceId: a.resourceId,
      resourceDisplayName: a.resourceDisplayName, createdDateTime: a.createdDateTime,
      appRoleValue: tenant.servicePrincipals.get(a.resourceId)?.appRoles.find((r) => r.id === a.appRoleId)?.value ?? null,
    })),
    oauth2PermissionGrants: [...tenant.permissionGrants.values()].map((g) => ({ ...g })),
  };
}
