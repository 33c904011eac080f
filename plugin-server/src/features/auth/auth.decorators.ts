import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@m365/contracts';
import type { Request } from 'express';
import type { DevicePrincipal, Principal } from './principal.js';

export type AuthKind = 'host' | 'device' | 'hook' | 'public';
export const AUTH_KIND = 'm365:auth-kind';
export const REQUIRED_ROLE = 'm365:required-role';

/** Routes are host-authenticated unless a controller or handler says otherwise. */
export const Auth = (kind: AuthKind) => SetMetadata(AUTH_KIND, kind);
/** Host routes need viewer to read and technician to change anything; this raises (or states) the bar. */
export const RequireRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

export type AuthenticatedRequest = Request & {
  principal?: Principal;
  device?: DevicePrincipal;
  /** Set on hook routes once the Standard Webhooks signature is verified. */
  hookPartnerId?: string;
  rawBody?: Buffer;
};

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without host authentication');
  return principal;
});

export const HookPartner = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const partnerId = context.switchToHttp().getRequest<AuthenticatedRequest>().hookPartnerId;
  if (!partnerId) throw new Error('HookPartner used on a route without hook authentication');
  return partnerId;
});

export const CurrentDevice = createParamDecorator((_data: unknown, context: ExecutionContext): DevicePrincipal => {
  const device = context.switchToHttp().getRequest<AuthenticatedRequest>().device;
  if (!device) throw new Error('CurrentDevice used on a route without device authentication');
  return device;
});
