import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DEVICE_TOKEN_TYPE, DeviceTokenClaimsSchema, HOST_UI_TOKEN_TYPE, HostTokenClaimsSchema } from '@m365/contracts';
import { errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { DomainError } from '../../common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import type { DevicePrincipal, Principal } from './principal.js';
import { loadVerificationKey, type VerificationKey } from './verification-key.js';

/**
 * Verifies host UI tokens and device tokens: signature, algorithm, issuer, audience, expiry, age and
 * the `typ` header that keeps one kind of token from being used as the other.
 */
@Injectable()
export class TokenVerifier implements OnModuleInit {
  private key: Promise<VerificationKey> | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** A configured key that cannot be read stops the start instead of refusing every request later. */
  async onModuleInit(): Promise<void> {
    await this.verificationKey();
  }

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
    const { key, algorithms } = await this.verificationKey();
    try {
      const { payload } = await jwtVerify(token, key as JWTVerifyGetKey, {
        algorithms,
        issuer,
        audience,
        typ,
        maxTokenAge: maxAgeSeconds,
        clockTolerance: clockSkewSeconds,
        requiredClaims: ['iss', 'aud', 'exp', 'iat', 'sub'],
      });
      return payload;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated('The token has expired; the host must issue a new one.');
      if (error instanceof joseErrors.JOSEError) throw unauthenticated(`The token was refused (${error.code}).`);
      throw error;
    }
  }

  private verificationKey(): Promise<VerificationKey> {
    this.key ??= loadVerificationKey({ jwksUrl: this.config.hostAuth.jwksUrl, publicKey: this.config.hostAuth.publicKeyPem });
    return this.key;
  }
}

function unauthenticated(message: string): DomainError {
  return new DomainError('UNAUTHENTICATED', message);
}
