import type { EmulatorContext } from '../context.js';
import type { DirectoryRoleName } from '../store/well-known.js';
import { GraphError, denied } from './errors.js';
import type { AuthContext } from './request.js';

/** [doc] 401 bodies of reference 7.1; [assumption] the text for a token that fails validation. */
function unauthenticated(message: string, origin: string): GraphError {
  return new GraphError(401, 'InvalidAuthenticationToken', message, {
    'WWW-Authenticate': `Bearer realm="", authorization_uri="${origin}/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`,
  });
}

export async function authenticate(ctx: EmulatorContext, authorization: string | undefined): Promise<AuthContext> {
  const token = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : '';
  if (!token) throw unauthenticated('Access token is empty.', ctx.origin);
  const claims = await ctx.issuer.verifyGraphToken(token);
  if (claims === 'expired') throw unauthenticated('Access token has expired or is not yet valid.', ctx.origin);
  const tenant = claims === 'invalid' ? undefined : ctx.directory.tenant(claims.tid);
  if (claims === 'invalid' || !tenant) throw unauthenticated('Access token validation failure.', ctx.origin);
  const kind = claims.idtyp === 'app' ? 'app' : 'user';
  const granted = kind === 'app' ? (claims.roles ?? []) : (claims.scp ?? '').split(' ');
  return {
    tenant,
    claims,
    kind,
    user: kind === 'user' ? tenant.findUser(claims.oid) : undefined,
    permissions: new Set(granted.filter(Boolean).map((p) => p.toLowerCase())),
  };
}

/** Each inner list is "any of"; every list must be satisfied. */
export interface PermissionSpec {
  delegated?: string[][];
  app?: string[][];
}

export function hasPermission(auth: AuthContext, spec: PermissionSpec): boolean {
  const groups = auth.kind === 'app' ? spec.app : spec.delegated;
  if (!groups) return false;
  return groups.every((anyOf) => anyOf.some((p) => auth.permissions.has(p.toLowerCase())));
}

/** [doc] 403 Authorization_RequestDenied when the token lacks the scope or role. */
export function requirePermission(auth: AuthContext, spec: PermissionSpec, error: () => GraphError = denied): void {
  if (!hasPermission(auth, spec)) throw error();
}

export function userHasRole(auth: AuthContext, roles: ReadonlySet<DirectoryRoleName>): boolean {
  return auth.user?.roles.some((r) => roles.has(r)) ?? false;
}

export const READ_DIRECTORY = ['Directory.Read.All', 'Directory.ReadWrite.All'];
export const READ_USERS: PermissionSpec = {
  delegated: [['User.Read.All', 'User.ReadBasic.All', 'User.ReadWrite.All', ...READ_DIRECTORY]],
  app: [['User.Read.All', 'User.ReadWrite.All', ...READ_DIRECTORY]],
};
export const READ_APPLICATIONS: PermissionSpec = {
  delegated: [['Application.Read.All', 'Application.ReadWrite.All', ...READ_DIRECTORY]],
  app: [['Application.Read.All', 'Application.ReadWrite.All', ...READ_DIRECTORY]],
};
export const WRITE_APPLICATIONS: PermissionSpec = {
  delegated: [['Application.ReadWrite.All', 'Directory.AccessAsUser.All']],
  app: [['Application.ReadWrite.All']],
};
/** [doc] reference 4.3: appRoleAssignedTo needs AppRoleAssignment.ReadWrite.All and Application.Read.All or Directory.Read.All. */
export const WRITE_ROLE_ASSIGNMENTS: PermissionSpec = {
  delegated: [['AppRoleAssignment.ReadWrite.All'], ['Application.Read.All', 'Application.ReadWrite.All', ...READ_DIRECTORY]],
  app: [['AppRoleAssignment.ReadWrite.All']],
};
export const READ_ROLE_ASSIGNMENTS: PermissionSpec = {
  delegated: [[...READ_APPLICATIONS.delegated![0]!, 'AppRoleAssignment.ReadWrite.All']],
  app: [[...READ_APPLICATIONS.app![0]!, 'AppRoleAssignment.ReadWrite.All']],
};
