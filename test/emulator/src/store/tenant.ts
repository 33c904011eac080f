import type {
  Application,
  AppRoleAssignment,
  DirectoryUser,
  OAuth2PermissionGrant,
  ServicePrincipal,
  SkuSubscription,
  VerifiedDomain,
} from './types.js';
import type { UserDirectory } from './user-directory.js';
import { GRAPH_APP_ID, type DirectoryRoleName } from './well-known.js';

export interface DirectoryRole {
  id: string;
  displayName: DirectoryRoleName;
  description: string;
  roleTemplateId: string;
}

export interface TenantInit {
  id: string;
  displayName: string;
  domains: VerifiedDomain[];
  countryLetterCode: string;
  createdDateTime: string;
  blockDeviceCodeFlow: boolean;
  users: UserDirectory;
  directoryRoles: DirectoryRole[];
  subscriptions: SkuSubscription[];
}

/** One Entra tenant: its users and the directory objects onboarding creates. */
export class Tenant {
  readonly id: string;
  readonly displayName: string;
  readonly domains: VerifiedDomain[];
  readonly countryLetterCode: string;
  readonly createdDateTime: string;
  readonly blockDeviceCodeFlow: boolean;
  readonly users: UserDirectory;
  readonly directoryRoles: DirectoryRole[];
  readonly subscriptions: SkuSubscription[];
  readonly applications = new Map<string, Application>();
  readonly servicePrincipals = new Map<string, ServicePrincipal>();
  readonly appRoleAssignments = new Map<string, AppRoleAssignment>();
  readonly permissionGrants = new Map<string, OAuth2PermissionGrant>();
  /** Delta tokens issued before this epoch are refused (control API "expire delta tokens"). */
  deltaEpoch = 0;

  constructor(init: TenantInit) {
    this.id = init.id;
    this.displayName = init.displayName;
    this.domains = init.domains;
    this.countryLetterCode = init.countryLetterCode;
    this.createdDateTime = init.createdDateTime;
    this.blockDeviceCodeFlow = init.blockDeviceCodeFlow;
    this.users = init.users;
    this.directoryRoles = init.directoryRoles;
    this.subscriptions = init.subscriptions;
  }

  get initialDomain(): string {
    return this.domains.find((d) => d.isInitial)!.name;
  }

  get defaultDomain(): string {
    return this.domains.find((d) => d.isDefault)!.name;
  }

  hasDomain(name: string): boolean {
    const lower = name.toLowerCase();
    return this.domains.some((d) => d.name === lower);
  }

  findUser(key: string): DirectoryUser | undefined {
    return this.users.find(key)?.user;
  }

  applicationByAppId(appId: string): Application | undefined {
    for (const app of this.applications.values()) if (app.appId === appId.toLowerCase()) return app;
    return undefined;
  }

  applicationByUniqueName(uniqueName: string): Application | undefined {
    const lower = uniqueName.toLowerCase();
    for (const app of this.applications.values()) if (app.uniqueName?.toLowerCase() === lower) return app;
    return undefined;
  }

  servicePrincipalByAppId(appId: string): ServicePrincipal | undefined {
    for (const sp of this.servicePrincipals.values()) if (sp.appId === appId.toLowerCase()) return sp;
    return undefined;
  }

  get graphServicePrincipal(): ServicePrincipal {
    return this.servicePrincipalByAppId(GRAPH_APP_ID)!;
  }

  assignmentsTo(resourceId: string): AppRoleAssignment[] {
    return [...this.appRoleAssignments.values()].filter((a) => a.resourceId === resourceId);
  }

  assignmentsOf(principalId: string): AppRoleAssignment[] {
    return [...this.appRoleAssignments.values()].filter((a) => a.principalId === principalId);
  }

  /** Removes a service principal with the role assignments and grants that reference it. */
  deleteServicePrincipal(id: string): void {
    this.servicePrincipals.delete(id);
    for (const [key, a] of this.appRoleAssignments) {
      if (a.principalId === id || a.resourceId === id) this.appRoleAssignments.delete(key);
    }
    for (const [key, g] of this.permissionGrants) {
      if (g.clientId === id || g.resourceId === id) this.permissionGrants.delete(key);
    }
  }

  roleOf(name: DirectoryRoleName): DirectoryRole | undefined {
    return this.directoryRoles.find((r) => r.displayName === name);
  }
}
