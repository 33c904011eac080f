import type { KeyObject } from 'node:crypto';
import type { DirectoryRoleName } from './well-known.js';
import type { PlanService, SkuName } from './skus.js';

export type MailboxPurpose = 'user' | 'shared' | 'room' | 'equipment';

export interface LicenseAssignment {
  sku: SkuName;
  /** Services switched off inside this license (their plans appear with capabilityStatus "Deleted"). */
  disabledServices: PlanService[];
}

/** A user as the emulator keeps it; Graph shapes are derived from it (graph/user-shape.ts). */
export interface DirectoryUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
  mailNickname: string;
  accountEnabled: boolean;
  userType: 'Member' | 'Guest';
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  mobilePhone: string | null;
  usageLocation: string | null;
  preferredLanguage: string | null;
  createdDateTime: string;
  onPremisesSyncEnabled: boolean | null;
  licenses: LicenseAssignment[];
  /** null = no Exchange Online mailbox. */
  mailboxPurpose: MailboxPurpose | null;
  /** A OneDrive exists only when SharePoint is licensed and the user has visited it once. */
  oneDriveProvisioned: boolean;
  /** null = cannot sign in interactively (no password known to the emulator). */
  password: string | null;
  roles: DirectoryRoleName[];
}

export interface KeyCredential {
  keyId: string;
  type: string;
  usage: string;
  displayName: string | null;
  customKeyIdentifier: string | null;
  startDateTime: string;
  endDateTime: string;
  /** Base64 DER of the certificate. */
  key: string;
  sha1Thumbprint: string;
  sha256Thumbprint: string;
  publicKey: KeyObject;
  createdAt: number;
}

export interface PasswordCredential {
  keyId: string;
  displayName: string | null;
  hint: string;
  startDateTime: string;
  endDateTime: string;
  secretHash: string;
  createdAt: number;
}

export interface RequiredResourceAccess {
  resourceAppId: string;
  resourceAccess: Array<{ id: string; type: string }>;
}

export interface Application {
  id: string;
  appId: string;
  uniqueName: string | null;
  displayName: string;
  description: string | null;
  notes: string | null;
  signInAudience: string;
  publisherDomain: string;
  createdDateTime: string;
  isFallbackPublicClient: boolean;
  identifierUris: string[];
  tags: string[];
  requiredResourceAccess: RequiredResourceAccess[];
  web: { redirectUris: string[] };
  spa: { redirectUris: string[] };
  publicClient: { redirectUris: string[] };
  keyCredentials: KeyCredential[];
  passwordCredentials: PasswordCredential[];
  owners: string[];
  createdAt: number;
}

export interface AppRole {
  id: string;
  value: string;
  displayName: string;
  description: string;
  allowedMemberTypes: string[];
  isEnabled: boolean;
  origin: string;
}

export interface PermissionScope {
  id: string;
  value: string;
  adminConsentDisplayName: string;
  adminConsentDescription: string;
  userConsentDisplayName: string | null;
  userConsentDescription: string | null;
  type: 'Admin' | 'User';
  isEnabled: boolean;
}

export interface ServicePrincipal {
  id: string;
  appId: string;
  displayName: string;
  appDisplayName: string;
  appOwnerOrganizationId: string;
  accountEnabled: boolean;
  appRoleAssignmentRequired: boolean;
  servicePrincipalNames: string[];
  servicePrincipalType: 'Application';
  signInAudience: string;
  tags: string[];
  appRoles: AppRole[];
  oauth2PermissionScopes: PermissionScope[];
  createdDateTime: string;
  createdAt: number;
}

export interface AppRoleAssignment {
  id: string;
  appRoleId: string;
  principalId: string;
  principalType: 'ServicePrincipal' | 'User' | 'Group';
  principalDisplayName: string;
  resourceId: string;
  resourceDisplayName: string;
  createdDateTime: string;
  createdAt: number;
}

/** Tenant-wide delegated consent (consentType AllPrincipals) recorded when an admin consents for the organization. */
export interface OAuth2PermissionGrant {
  id: string;
  clientId: string;
  consentType: 'AllPrincipals' | 'Principal';
  principalId: string | null;
  resourceId: string;
  scope: string;
}

export interface VerifiedDomain {
  name: string;
  isDefault: boolean;
  isInitial: boolean;
}

export interface SkuSubscription {
  sku: SkuName;
  prepaidUnits: number;
}
