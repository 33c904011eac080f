import { randomUUID } from 'node:crypto';
import { HOST_UI_TOKEN_TYPE, type HostTokenClaims, type Role } from '@m365/contracts';
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose';

export const DEV_TOKEN_AUDIENCE = 'm365-backup-plugin';
export const DEV_TOKEN_LIFETIME_SECONDS = 300;

export interface Technician {
  id: string;
  name: string;
  role: Role;
}

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export interface DevToken {
  accessToken: string;
  expiresAt: string;
}

/** Issues the host's short-lived UI tokens with an ES256 key generated at start; publishes the public key. */
export class DevTokenIssuer {
  private constructor(
    readonly issuer: string,
    private readonly kid: string,
    private readonly privateKey: PrivateKey,
    private readonly publicJwk: JWK,
  ) {}

  static async create(issuer: string): Promise<DevTokenIssuer> {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = `dev-${randomUUID()}`;
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
    return new DevTokenIssuer(issuer, kid, privateKey, publicJwk);
  }

  /** JSON Web Key Set served at `/.well-known/jwks.json`. */
  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  async sign(partnerId: string, technician: Technician, now = Date.now()): Promise<DevToken> {
    const iat = Math.floor(now / 1000);
    const exp = iat + DEV_TOKEN_LIFETIME_SECONDS;
    const claims: Omit<HostTokenClaims, 'iss' | 'aud' | 'sub' | 'iat' | 'exp'> = {
      partner_id: partnerId,
      role: technician.role,
      name: technician.name,
    };
    const accessToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', typ: HOST_UI_TOKEN_TYPE, kid: this.kid })
      .setIssuer(this.issuer)
      .setAudience(DEV_TOKEN_AUDIENCE)
      .setSubject(technician.id)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .setJti(randomUUID())
      .sign(this.privateKey);
    return { accessToken, expiresAt: new Date(exp * 1000).toISOString() };
  }
}
