import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@m365/contracts';
import { DomainError } from '../../common/errors/domain-error.js';
import { AUTH_KIND, REQUIRED_ROLE, type AuthenticatedRequest, type AuthKind } from './auth.decorators.js';
import { hasRole } from './principal.js';
import { TokenVerifier } from './token-verifier.js';

/** Default-deny: every route needs a host token unless marked @Auth('public' | 'device' | 'hook'). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const kind = this.reflector.getAllAndOverride<AuthKind | undefined>(AUTH_KIND, targets) ?? 'host';
    if (kind === 'public' || kind === 'hook') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request.header('authorization'));
    if (kind === 'device') {
      request.device = await this.verifier.verifyDeviceToken(token);
      return true;
    }
    request.principal = await this.verifier.verifyHostToken(token);
    const role = this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, targets) ?? 'viewer';
    if (!hasRole(request.principal, role)) {
      throw new DomainError('FORBIDDEN', `This action needs the ${role} role; you are signed in as ${request.principal.role}.`);
    }
    return true;
  }
}

function bearerToken(header: string | undefined): string {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) throw new DomainError('UNAUTHENTICATED', 'Send the host token as "Authorization: Bearer <token>".');
  return match[1];
}
