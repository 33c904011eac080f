import { stableGuid } from '../util/hash.js';
import type { AppRole, PermissionScope, ServicePrincipal } from './types.js';
import {
  EXCHANGE_APP_ID,
  EXCHANGE_APP_ROLES,
  GRAPH_APP_ID,
  GRAPH_APP_ROLES,
  GRAPH_DELEGATED_SCOPES,
  type AppRoleDefinition,
} from './well-known.js';

/** [assumption] appOwnerOrganizationId of first-party apps (the Microsoft Services tenant), as seen in tenant dumps. */
export const MICROSOFT_SERVICES_TENANT_ID = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';

function appRole(def: AppRoleDefinition): AppRole {
  return {
    id: def.id,
    value: def.value,
    displayName: def.displayName,
    description: `Allows the app to ${def.displayName.charAt(0).toLowerCase()}${def.displayName.slice(1)} without a signed-in user.`,
    allowedMemberTypes: ['Application'],
    isEnabled: true,
    origin: 'Application',
  };
}

function graphScopes(): PermissionScope[] {
  return GRAPH_DELEGATED_SCOPES.filter((s) => !['openid', 'profile', 'offline_access', 'email'].includes(s.value)).map((s) => ({
    id: s.id,
    value: s.value,
    adminConsentDisplayName: s.consentText,
    adminConsentDescription: `Allows the app to ${s.consentText.toLowerCase()} on behalf of the signed-in user.`,
    userConsentDisplayName: s.adminConsentRequired ? null : s.consentText,
    userConsentDescription: s.adminConsentRequired ? null : `Allows the app to ${s.consentText.toLowerCase()}.`,
    type: s.adminConsentRequired ? 'Admin' : 'User',
    isEnabled: true,
  }));
}

function firstParty(tenantId: string, appId: string, displayName: string, names: string[]): ServicePrincipal {
  const created = Date.UTC(2018, 0, 1);
  return {
    id: stableGuid('service-principal', tenantId, appId),
    appId,
    displayName,
    appDisplayName: displayName,
    appOwnerOrganizationId: MICROSOFT_SERVICES_TENANT_ID,
    accountEnabled: true,
    appRoleAssignmentRequired: false,
    servicePrincipalNames: [appId, ...names],
    servicePrincipalType: 'Application',
    signInAudience: 'AzureADMultipleOrgs',
    tags: [],
    appRoles: [],
    oauth2PermissionScopes: [],
    createdDateTime: new Date(created).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    createdAt: created,
  };
}

export function firstPartyServicePrincipals(tenantId: string): ServicePrincipal[] {
  const graph = firstParty(tenantId, GRAPH_APP_ID, 'Microsoft Graph', ['https://graph.microsoft.com', 'https://graph.microsoft.com/']);
  graph.appRoles = GRAPH_APP_ROLES.map(appRole);
  graph.oauth2PermissionScopes = graphScopes();
  const exchange = firstParty(tenantId, EXCHANGE_APP_ID, 'Office 365 Exchange Online', ['https://outlook.office365.com/']);
  exchange.appRoles = EXCHANGE_APP_ROLES.map(appRole);
  return [graph, exchange];
}
