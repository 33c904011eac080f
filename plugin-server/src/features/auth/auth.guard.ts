import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@m365/contracts';
import { DomainError } from '../../common/errors/domain-error.js';
import { AUTH_KIND, REQUIRED_ROLE, type AuthenticatedRequest, type AuthKind } from './auth.decorators.js';
import { HookSignatureVerifier } from './hook-signature.verifier.js';
import { hasRole } from './principal.js';
import { TokenVerifier } from './token-verifier.js';

const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * Default-deny: every route needs a host token unless marked @Auth('public' | 'device' | 'hook'), and
 * every host route that changes something needs at least the technician role unless it says more.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenVerifier,
    private readonly hooks: HookSignatureVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const kind = this.reflector.getAllAndOverride<AuthKind | undefined>(AUTH_KIND, targets) ?? 'host';
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    switch (kind) {
      case 'public':
        return true;
      case 'hook':
        request.hookPartnerId = this.hooks.verify(request);
        return true;
      case 'device':
        request.device = await this.tokens.verifyDeviceToken(bearerToken(request.header('authorization')));
        return true;
      case 'host': {
        request.principal = await this.tokens.verifyHostToken(bearerToken(request.header('authorization')));
        const needed =
          this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, targets) ??
          (READ_METHODS.has(request.method) ? 'viewer' : 'technician');
        if (!hasRole(request.principal, needed)) {
          throw new DomainError('FORBIDDEN', `This action needs the ${needed} role; you are signed in as ${request.principal.role}.`);
        }
        return true;
      }
    }
  }
}

function bearerToken(header: string | undefined): string {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) throw new DomainError('UNAUTHENTICATED', 'Send the token as "Authorization: Bearer <token>".');
  return match[1];
}
