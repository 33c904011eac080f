import { randomUUID } from 'node:crypto';
import { DEVICE_TOKEN_TYPE, HOST_UI_TOKEN_TYPE, type DeviceTokenClaims, type HostTokenClaims, type Role } from '@m365/contracts';
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose';

export const DEV_TOKEN_AUDIENCE = 'm365-backup-plugin';
export const DEV_TOKEN_LIFETIME_SECONDS = 300;

export interface Technician {
  id: string;
  name: string;
  role: Role;
}

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/** Test-only deviations from a correct token (another `typ` header or audience). */
export interface TokenVariant {
  typ?: string;
  audience?: string;
}

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

  async sign(partnerId: string, technician: Technician, now = Date.now(), variant: TokenVariant = {}): Promise<DevToken> {
    const claims: Omit<HostTokenClaims, 'iss' | 'aud' | 'sub' | 'iat' | 'exp'> = {
      partner_id: partnerId,
      role: technician.role,
      name: technician.name,
    };
    return this.signClaims(claims, technician.id, HOST_UI_TOKEN_TYPE, now, variant);
  }

  /** The token a backup device of the partner gets from the host for the plugin's device API. */
  signDevice(partnerId: string, deviceId: string, now = Date.now(), variant: TokenVariant = {}): Promise<DevToken> {
    const claims: Omit<DeviceTokenClaims, 'iss' | 'aud' | 'sub' | 'iat' | 'exp'> = { partner_id: partnerId };
    return this.signClaims(claims, deviceId, DEVICE_TOKEN_TYPE, now, variant);
  }

  private async signClaims(claims: Record<string, unknown>, subject: string, typ: string, now: number, variant: TokenVariant): Promise<DevToken> {
    const iat = Math.floor(now / 1000);
    const exp = iat + DEV_TOKEN_LIFETIME_SECONDS;
    const accessToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', typ: variant.typ ?? typ, kid: this.kid })
      .setIssuer(this.issuer)
      .setAudience(variant.audience ?? DEV_TOKEN_AUDIENCE)
      .setSubject(subject)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .setJti(randomUUID())
      .sign(this.privateKey);
    return { accessToken, expiresAt: new Date(exp * 1000).toISOString() };
  }
}
