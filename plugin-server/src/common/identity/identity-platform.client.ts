import { Inject, Injectable } from '@nestjs/common';
import { decodeJwt } from 'jose';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { fetchMicrosoft, identityError } from '../microsoft/http.js';

export interface DeviceCodeGrant {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  expiresInSeconds: number;
  intervalSeconds: number;
}

export interface DelegatedTokens {
  accessToken: string;
  refreshToken: string | null;
  expiresAt: Date;
  tenantId: string;
  username: string | null;
}

export type DeviceCodePoll = { kind: 'pending' } | { kind: 'slow_down' } | { kind: 'granted'; tokens: DelegatedTokens };

const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
// Work and school accounts only: the customer's organization must be an Entra ID tenant.
const MULTI_TENANT_AUTHORITY = 'organizations';

/**
 * Device code (RFC 8628) and refresh grants against the identity platform, with the plugin's public
 * client. Polling is the caller's, so a durable onboarding can resume it after a restart.
 */
@Injectable()
export class IdentityPlatformClient {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async requestDeviceCode(scopes: readonly string[]): Promise<DeviceCodeGrant> {
    const response = await this.post('devicecode', { client_id: this.clientId, scope: scopes.join(' ') });
    const body = (await response.json()) as {
      device_code: string;
      user_code: string;
      verification_uri: string;
      expires_in: number | string;
      interval?: number | string;
    };
    return {
      deviceCode: body.device_code,
      userCode: body.user_code,
      verificationUri: body.verification_uri,
      expiresInSeconds: Number(body.expires_in),
      intervalSeconds: Number(body.interval ?? 5),
    };
  }

  /** One poll; `authorization_pending` and `slow_down` are answers, every other error is thrown. */
  async pollDeviceCode(deviceCode: string): Promise<DeviceCodePoll> {
    const response = await this.post(
      'token',
      { grant_type: DEVICE_CODE_GRANT, client_id: this.clientId, device_code: deviceCode },
      { allowError: true },
    );
    if (response.ok) return { kind: 'granted', tokens: await readTokens(response) };
    const error = await identityError(response);
    if (error.code === 'authorization_pending') return { kind: 'pending' };
    if (error.code === 'slow_down') return { kind: 'slow_down' };
    throw error;
  }

  async refresh(refreshToken: string, scopes: readonly string[]): Promise<DelegatedTokens> {
    const response = await this.post('token', {
      grant_type: 'refresh_token',
      client_id: this.clientId,
      refresh_token: refreshToken,
      scope: scopes.join(' '),
    });
    return readTokens(response);
  }

  private get clientId(): string {
    return this.config.microsoft.publicClientId;
  }

  private async post(endpoint: 'devicecode' | 'token', form: Record<string, string>, options: { allowError?: boolean } = {}) {
    const url = `${this.config.microsoft.loginUrl}/${MULTI_TENANT_AUTHORITY}/oauth2/v2.0/${endpoint}`;
    const response = await fetchMicrosoft(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form),
    });
    if (!response.ok && !options.allowError) throw await identityError(response);
    return response;
  }
}

async function readTokens(response: Response): Promise<DelegatedTokens> {
  const body = (await response.json()) as {
    access_token: string;
    refresh_token?: string;
    expires_in: number | string;
    id_token?: string;
  };
  const claims = decodeJwt(body.id_token ?? body.access_token);
  const accessClaims = decodeJwt(body.access_token);
  const tenantId = String(claims.tid ?? accessClaims.tid ?? '');
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token ?? null,
    expiresAt: new Date(Date.now() + Number(body.expires_in) * 1000),
    tenantId,
    username: (claims.preferred_username as string | undefined) ?? (accessClaims.upn as string | undefined) ?? null,
  };
}
