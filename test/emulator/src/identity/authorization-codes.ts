import { createHash } from 'node:crypto';
import { randomToken } from '../util/hash.js';
import type { UserGrant } from './refresh-tokens.js';

export interface AuthorizationCodeEntry extends UserGrant {
  code: string;
  redirectUri: string;
  codeChallenge: string | null;
  codeChallengeMethod: 'S256' | 'plain';
  nonce: string | undefined;
  expiresAt: number;
  redeemed: boolean;
  /** Issued for a redirect URI of type "spa": cross-origin redemption allowed, 24 h refresh tokens. */
  spa: boolean;
}

/** [doc] RFC 7636 check of code_verifier against code_challenge. */
export function pkceMatches(entry: AuthorizationCodeEntry, verifier: string | undefined): boolean {
  if (entry.codeChallenge === null) return true;
  if (!verifier) return false;
  const computed = entry.codeChallengeMethod === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  return computed === entry.codeChallenge;
}

export class AuthorizationCodes {
  private readonly codes = new Map<string, AuthorizationCodeEntry>();

  issue(entry: Omit<AuthorizationCodeEntry, 'code' | 'redeemed'>): string {
    const code = `1.AQ${randomToken(96)}`;
    this.codes.set(code, { ...entry, code, redeemed: false });
    return code;
  }

  get(code: string): AuthorizationCodeEntry | undefined {
    return this.codes.get(code);
  }

  clear(): void {
    this.codes.clear();
  }
}
