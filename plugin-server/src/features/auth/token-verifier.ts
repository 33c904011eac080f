import { createPublicKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  DEVICE_TOKEN_TYPE,
  DeviceTokenClaimsSchema,
  HOST_UI_TOKEN_TYPE,
  HostTokenClaimsSchema,
  TOKEN_ALGORITHMS,
} from '@m365/contracts';
import {
  createRemoteJWKSet,
  errors as joseErrors,
  importJWK,
  importSPKI,
  jwtVerify,
  type JWK,
  type JWTVerifyGetKey,
  type KeyObject,
} from 'jose';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { DevicePrincipal, Principal } from './principal.js';

type VerificationKey = JWTVerifyGetKey | KeyObject | Awaited<ReturnType<typeof importJWK>>;

/** Verifies host UI tokens and device tokens: signature, algorithm, issuer, audience, expiry, age and type. */
@Injectable()
export class TokenVerifier {
  private key: Promise<VerificationKey> | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async verifyHostToken(token: string): Promise<Principal> {
    const payload = await this.verify(token, HOST_UI_TOKEN_TYPE);
    const claims = HostTokenClaimsSchema.safeParse(payload);
    if (!claims.success) throw unauthenticated('The host token lacks the partner, technician or role claims.');
    return {
      partnerId: claims.data.partner_id,
      technicianId: claims.data.sub,
      technicianName: claims.data.name ?? null,
      role: claims.data.role,
    };
  }

  async verifyDeviceToken(token: string): Promise<DevicePrincipal> {
    const payload = await this.verify(token, DEVICE_TOKEN_TYPE);
    const claims = DeviceTokenClaimsSchema.safeParse(payload);
    if (!claims.success) throw unauthenticated('The device token lacks the partner or device claims.');
    return { partnerId: claims.data.partner_id, deviceId: claims.data.sub };
  }

  private async verify(token: string, typ: string): Promise<Record<string, unknown>> {
    const { issuer, audience, maxAgeSeconds, clockSkewSeconds } = this.config.hostAuth;
    try {
      const { payload } = await jwtVerify(token, (await this.verificationKey()) as JWTVerifyGetKey, {
        algorithms: [...TOKEN_ALGORITHMS],
        issuer,
        audience,
        typ,
        maxTokenAge: maxAgeSeconds,
        clockTolerance: clockSkewSeconds,
        requiredClaims: ['exp', 'iat', 'sub'],
      });
      return payload;
    } catch (error) {
      if (error instanceof DomainError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated('The token has expired; the host must issue a new one.');
      if (error instanceof joseErrors.JOSEError) throw unauthenticated(`The token was refused (${error.code}).`);
      throw error;
    }
  }

  private verificationKey(): Promise<VerificationKey> {
    this.key ??= this.loadKey();
    return this.key;
  }

  private async loadKey(): Promise<VerificationKey> {
    const { jwksUrl, publicKeyPem } = this.config.hostAuth;
    if (jwksUrl) return createRemoteJWKSet(new URL(jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 600_000 });
    const text = publicKeyPem!.trim();
    if (text.startsWith('{')) return importJWK(JSON.parse(text) as JWK);
    return importSPKI(text, algorithmOf(text));
  }
}

// A PEM key serves exactly one algorithm, which blocks algorithm confusion.
function algorithmOf(pem: string): string {
  const type = createPublicKey(pem).asymmetricKeyType;
  return type === 'ec' ? 'ES256' : type === 'ed25519' ? 'EdDSA' : 'RS256';
}

function unauthenticated(message: string): DomainError {
  return new DomainError('UNAUTHENTICATED', message);
}
