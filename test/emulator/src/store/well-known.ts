/** Fixed identifiers of Microsoft's first-party objects (m365-protocol.md sections 1.6, 4.2, 4.3, 4.12). */

export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const EXCHANGE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';

export interface AppRoleDefinition {
  id: string;
  value: string;
  displayName: string;
}

// [doc] User.Read.All id; the others are cross-checked ids from the reference table 4.12 or, where marked, [assumption].
export const GRAPH_APP_ROLES: readonly AppRoleDefinition[] = [
  { id: 'df021288-bdef-4463-88db-98f22de89214', value: 'User.Read.All', displayName: "Read all users' full profiles" },
  { id: '7ab1d382-f21e-4acd-a863-ba3e13f7da61', value: 'Directory.Read.All', displayName: 'Read directory data' },
  { id: 'e2a3a72e-5f79-4c64-b1b1-878b674786c9', value: 'Mail.ReadWrite', displayName: 'Read and write mail in all mailboxes' },
  { id: 'ef54d2bf-783f-4e0f-bca1-3210c0444d99', value: 'Calendars.ReadWrite', displayName: 'Read and write calendars in all mailboxes' },
  { id: '6918b873-d17a-4dc1-b314-35f528134491', value: 'Contacts.ReadWrite', displayName: 'Read and write contacts in all mailboxes' },
  { id: '75359482-378d-4052-8f01-80520e7db3cd', value: 'Files.ReadWrite.All', displayName: 'Read and write files in all site collections' },
  { id: '9492366f-7969-46a4-8d15-ed1a20078fff', value: 'Sites.ReadWrite.All', displayName: 'Read and write items in all site collections' },
  { id: '5b567255-7703-4780-807c-7be8301ae99b', value: 'Group.Read.All', displayName: 'Read all groups' },
  { id: '498476ce-e0fe-48b0-b801-37ba7e2685c6', value: 'Organization.Read.All', displayName: 'Read organization information' },
  { id: '40f97065-369a-49f4-947c-6a255697ae91', value: 'MailboxSettings.Read', displayName: "Read all user mailbox settings" },
  { id: '6931bccd-447a-43d1-b442-00a195474933', value: 'MailboxSettings.ReadWrite', displayName: "Read and write all user mailbox settings" },
  { id: '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9', value: 'Application.ReadWrite.All', displayName: 'Read and write all applications' },
  { id: '06b708a9-e830-4db3-a914-8e69da51d44f', value: 'AppRoleAssignment.ReadWrite.All', displayName: 'Manage app permission grants and app role assignments' },
  // [assumption] ids below are not in the reference; taken from public Graph appRoles dumps.
  { id: '741f803b-c850-494e-b5df-cde7c675a1ca', value: 'User.ReadWrite.All', displayName: "Read and write all users' full profiles" },
  { id: '19dbc75e-c2e2-444c-a770-ec69d8559fc7', value: 'Directory.ReadWrite.All', displayName: 'Read and write directory data' },
  { id: '9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30', value: 'Application.Read.All', displayName: 'Read all applications' },
  { id: '810c84a8-4a9e-49e6-bf7d-12d183f40d01', value: 'Mail.Read', displayName: 'Read mail in all mailboxes' },
  { id: '01d4889c-1287-42c6-ac1f-5d1e02578ef6', value: 'Files.Read.All', displayName: 'Read files in all site collections' },
  { id: '332a536c-c7ef-4017-ab91-336970924f0d', value: 'Sites.Read.All', displayName: 'Read items in all site collections' },
];

export const EXCHANGE_APP_ROLES: readonly AppRoleDefinition[] = [
  { id: 'dc890d15-9560-4a4c-9b7f-a736ec74ec40', value: 'full_access_as_app', displayName: 'Use Exchange Web Services with full access to all mailboxes' },
];

export interface DelegatedScopeDefinition {
  id: string;
  value: string;
  adminConsentRequired: boolean;
  /** Line shown on the consent page. [assumption] wording of Microsoft's consent screen. */
  consentText: string;
}

// [doc] reference table 4.3.
export const GRAPH_DELEGATED_SCOPES: readonly DelegatedScopeDefinition[] = [
  { id: 'bdfbf15f-ee85-4955-8675-146e8e5296b5', value: 'Application.ReadWrite.All', adminConsentRequired: true, consentText: 'Read and write all applications' },
  { id: '84bccea3-f856-4a8a-967b-dbe0a3d53a64', value: 'AppRoleAssignment.ReadWrite.All', adminConsentRequired: true, consentText: 'Manage app permission grants and app role assignments' },
  { id: '06da0dbc-49e2-44d2-8312-53f166ab848a', value: 'Directory.Read.All', adminConsentRequired: true, consentText: 'Read directory data' },
  { id: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d', value: 'User.Read', adminConsentRequired: false, consentText: 'Sign in and read user profile' },
  { id: '7427e0e9-2fba-42fe-b0c0-848c9e6a8182', value: 'offline_access', adminConsentRequired: false, consentText: 'Maintain access to data you have given it access to' },
  { id: '37f7f235-527c-4136-accd-4a02d197296e', value: 'openid', adminConsentRequired: false, consentText: 'Sign you in' },
  { id: '14dad69e-099b-42c9-810b-d002981feec1', value: 'profile', adminConsentRequired: false, consentText: 'View your basic profile' },
  // [assumption] ids not in the reference.
  { id: 'a154be20-db9c-4678-8ab7-66f6cc099a59', value: 'User.Read.All', adminConsentRequired: true, consentText: "Read all users' full profiles" },
  { id: 'c79f8feb-a9db-4090-85f9-90d820caa0eb', value: 'Application.Read.All', adminConsentRequired: true, consentText: 'Read applications' },
  { id: '64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0', value: 'email', adminConsentRequired: false, consentText: 'View your email address' },
];

export const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

export type DirectoryRoleName =
  | 'Global Administrator'
  | 'Privileged Role Administrator'
  | 'Application Administrator'
  | 'Cloud Application Administrator'
  | 'User Administrator';

// [doc] roleTemplateId values, reference 4.2.
export const DIRECTORY_ROLE_TEMPLATES: Readonly<Record<DirectoryRoleName, string>> = {
  'Global Administrator': '62e90394-69f5-4237-9190-012177145e10',
  'Privileged Role Administrator': 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  'Application Administrator': '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
  'Cloud Application Administrator': '158c047a-c907-4556-b7ef-446551a6b5f7',
  'User Administrator': 'fe930be7-5e62-47db-91af-98c3a49a38b1',
};

export const DIRECTORY_ROLE_NAMES = Object.keys(DIRECTORY_ROLE_TEMPLATES) as DirectoryRoleName[];

/** [doc] roles that may grant tenant-wide consent to delegated permissions (reference 4.2). */
export const CONSENT_ADMIN_ROLES: ReadonlySet<DirectoryRoleName> = new Set([
  'Global Administrator',
  'Privileged Role Administrator',
  'Application Administrator',
  'Cloud Application Administrator',
]);

/** [doc] only these may grant Microsoft Graph application permissions (app roles). */
export const GRAPH_APP_ROLE_GRANTORS: ReadonlySet<DirectoryRoleName> = new Set([
  'Global Administrator',
  'Privileged Role Administrator',
]);

/** Roles allowed to manage any application or service principal in the tenant. */
export const APP_MANAGER_ROLES: ReadonlySet<DirectoryRoleName> = new Set([
  'Global Administrator',
  'Application Administrator',
  'Cloud Application Administrator',
]);
