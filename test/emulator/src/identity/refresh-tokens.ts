import { randomToken } from '../util/hash.js';

export interface UserGrant {
  tenantId: string;
  userId: string;
  clientId: string;
  /** Graph scopes the grant covers (short names). */
  graphScopes: string[];
  oidc: string[];
}

export interface RefreshTokenRecord extends UserGrant {
  expiresAt: number;
  spa: boolean;
}

/** Opaque refresh tokens; [doc] every redemption returns a new one and the old one stays valid until it expires. */
export class RefreshTokens {
  private readonly tokens = new Map<string, RefreshTokenRecord>();

  issue(grant: UserGrant, lifetimeSeconds: number, spa: boolean): string {
    const token = `1.AQ${randomToken(120)}`;
    this.tokens.set(token, { ...grant, spa, expiresAt: Date.now() + lifetimeSeconds * 1000 });
    return token;
  }

  get(token: string): RefreshTokenRecord | undefined {
    return this.tokens.get(token);
  }

  clear(): void {
    this.tokens.clear();
  }
}
