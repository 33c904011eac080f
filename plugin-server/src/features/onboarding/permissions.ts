/** Microsoft Graph's application id, the same in every tenant. */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/**
 * Delegated scopes of the admin's sign-in, used only while onboarding: create the application and its
 * service principal, grant its app roles, and read the tenant and the admin's roles.
 */
export const DELEGATED_SCOPES = [
  'https://graph.microsoft.com/Application.ReadWrite.All',
  'https://graph.microsoft.com/AppRoleAssignment.ReadWrite.All',
  'https://graph.microsoft.com/Directory.Read.All',
  'https://graph.microsoft.com/User.Read',
  'offline_access',
  'openid',
  'profile',
] as const;

export interface ApplicationPermission {
  value: string;
  id: string;
  reason: string;
}

/**
 * The Graph application permissions the backup needs, each with its reason. Ids are the app-role ids
 * of Microsoft Graph (stable across tenants); the grant step still looks them up by value in the tenant.
 */
export const APPLICATION_PERMISSIONS: readonly ApplicationPermission[] = [
  { value: 'User.Read.All', id: 'df021288-bdef-4463-88db-98f22de89214', reason: 'discover the users to protect and keep them in sync' },
  { value: 'Mail.ReadWrite', id: 'e2a3a72e-5f79-4c64-b1b1-878b674786c9', reason: 'back up mailboxes and restore mail into them' },
  { value: 'MailboxSettings.Read', id: '40f97065-369a-49f4-947c-6a255697ae91', reason: 'tell shared mailboxes from user mailboxes (userPurpose)' },
  { value: 'Contacts.ReadWrite', id: '6918b873-d17a-4dc1-b314-35f528134491', reason: 'back up and restore contacts' },
  { value: 'Calendars.ReadWrite', id: 'ef54d2bf-783f-4e0f-bca1-3210c0444d99', reason: 'back up and restore calendars' },
  { value: 'Files.ReadWrite.All', id: '75359482-378d-4052-8f01-80520e7db3cd', reason: 'back up and restore OneDrive files' },
];

/** Directory role template ids (stable across tenants). */
export const DIRECTORY_ROLES = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  privilegedRoleAdministrator: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  applicationAdministrator: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
  cloudApplicationAdministrator: '158c047a-c907-4556-b7ef-446551a6b5f7',
} as const;

/** Roles that can grant Microsoft Graph application permissions (admin consent). */
export const ROLES_THAT_CAN_CONSENT: readonly string[] = [DIRECTORY_ROLES.globalAdministrator, DIRECTORY_ROLES.privilegedRoleAdministrator];

/** Roles that can delete an application registration. */
export const ROLES_THAT_CAN_DELETE_APPLICATIONS: readonly string[] = [
  ...ROLES_THAT_CAN_CONSENT,
  DIRECTORY_ROLES.applicationAdministrator,
  DIRECTORY_ROLES.cloudApplicationAdministrator,
];
