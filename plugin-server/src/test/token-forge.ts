import { DEVICE_TOKEN_TYPE, HOST_UI_TOKEN_TYPE } from '@m365/contracts';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK } from 'jose';

export const FORGE_ISSUER = 'https://host.test';
export const FORGE_AUDIENCE = 'm365-backup-plugin';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
type Claims = Record<string, unknown>;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs host and device tokens with a key pair of its own, including every way a token can be wrong. */
export class TokenForge {
  private constructor(
    private readonly privateKey: PrivateKey,
    readonly alg: 'RS256' | 'ES256',
    /** SPKI PEM of the public key (HOST_JWT_PUBLIC_KEY). */
    readonly publicKeyPem: string,
    readonly publicJwk: JWK,
  ) {}

  static async create(alg: 'RS256' | 'ES256' = 'RS256'): Promise<TokenForge> {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
    return new TokenForge(privateKey, alg, await exportSPKI(publicKey), { ...(await exportJWK(publicKey)), alg });
  }

  host(partnerId: string, role: string, overrides: Claims = {}, typ: string = HOST_UI_TOKEN_TYPE): Promise<string> {
    return this.sign({ sub: 'tech-1', partner_id: partnerId, role, name: 'Tech One', ...overrides }, typ);
  }

  device(partnerId: string, deviceId: string, overrides: Claims = {}, typ: string = DEVICE_TOKEN_TYPE): Promise<string> {
    return this.sign({ sub: deviceId, partner_id: partnerId, ...overrides }, typ);
  }

  async sign(claims: Claims, typ: string | undefined): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iss: FORGE_ISSUER, aud: FORGE_AUDIENCE, iat: now, exp: now + 300, ...claims })
      .setProtectedHeader(typ === undefined ? { alg: this.alg } : { alg: this.alg, typ })
      .sign(this.privateKey);
  }

  /** `alg: none`: no signature at all. */
  unsigned(claims: Claims, typ: string = HOST_UI_TOKEN_TYPE): string {
    const now = Math.floor(Date.now() / 1000);
    return `${b64({ alg: 'none', typ })}.${b64({ iss: FORGE_ISSUER, aud: FORGE_AUDIENCE, iat: now, exp: now + 300, ...claims })}.`;
  }

  /** HS256 with the public key's text as the HMAC secret: the classic RS/HS confusion. */
  async hmacWithPublicKey(claims: Claims, keyText: string = this.publicKeyPem, typ: string = HOST_UI_TOKEN_TYPE): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iss: FORGE_ISSUER, aud: FORGE_AUDIENCE, iat: now, exp: now + 300, ...claims })
      .setProtectedHeader({ alg: 'HS256', typ })
      .sign(new TextEncoder().encode(keyText));
  }
}
