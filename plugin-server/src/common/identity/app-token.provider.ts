import { Inject, Injectable } from '@nestjs/common';
import { AuthError, ConfidentialClientApplication, LogLevel, ServerError } from '@azure/msal-node';
import { decodeJwt } from 'jose';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { MicrosoftError } from '../microsoft/microsoft-error.js';

/** The Graph resource is named by its identifier, which stays the same wherever Graph is served from. */
export const GRAPH_APP_SCOPE = 'https://graph.microsoft.com/.default';
const MICROSOFT_LOGIN_HOSTS = ['login.microsoftonline.com', 'login.microsoft.com', 'login.windows.net'];

export interface AppCredential {
  tenantId: string;
  clientId: string;
  thumbprintSha256: string;
  privateKeyPem: string;
}

export interface AppToken {
  accessToken: string;
  expiresAt: Date;
  roles: string[];
}

/** App-only tokens by client credentials with the organization's certificate (msal-node). */
@Injectable()
export class AppTokenProvider {
  private readonly clients = new Map<string, ConfidentialClientApplication>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** `fresh` bypasses msal's cache: right after a grant, a cached token would lack the new roles. */
  async acquire(credential: AppCredential, options: { fresh?: boolean } = {}): Promise<AppToken> {
    try {
      const result = await this.client(credential).acquireTokenByClientCredential({
        scopes: [GRAPH_APP_SCOPE],
        skipCache: options.fresh ?? false,
      });
      if (!result?.accessToken) throw new MicrosoftError('identity', 500, 'no_token', 'The identity platform returned no token.');
      const roles = decodeJwt(result.accessToken).roles;
      return {
        accessToken: result.accessToken,
        expiresAt: result.expiresOn ?? new Date(Date.now() + 3_000_000),
        roles: Array.isArray(roles) ? roles.map(String) : [],
      };
    } catch (error) {
      throw toMicrosoftError(error);
    }
  }

  /** Forget a credential (rotated or disconnected) so its client stops being reused. */
  evict(credential: Pick<AppCredential, 'tenantId' | 'clientId'>): void {
    for (const key of this.clients.keys()) {
      if (key.startsWith(`${credential.tenantId}|${credential.clientId}|`)) this.clients.delete(key);
    }
  }

  private client(credential: AppCredential): ConfidentialClientApplication {
    const key = `${credential.tenantId}|${credential.clientId}|${credential.thumbprintSha256}`;
    let client = this.clients.get(key);
    if (!client) {
      const loginUrl = new URL(this.config.microsoft.loginUrl);
      client = new ConfidentialClientApplication({
        auth: {
          clientId: credential.clientId,
          authority: `${loginUrl.origin}/${credential.tenantId}`,
          clientCertificate: { thumbprintSha256: credential.thumbprintSha256, privateKey: credential.privateKeyPem },
          knownAuthorities: MICROSOFT_LOGIN_HOSTS.includes(loginUrl.hostname) ? [] : [loginUrl.host],
        },
        system: {
          disableInternalRetries: true,
          loggerOptions: { logLevel: LogLevel.Error, piiLoggingEnabled: false, loggerCallback: () => undefined },
        },
      });
      this.clients.set(key, client);
    }
    return client;
  }
}

function toMicrosoftError(error: unknown): unknown {
  if (error instanceof MicrosoftError) return error;
  if (error instanceof ServerError) {
    const aadsts = error.errorNo ? [Number(error.errorNo)] : [];
    return new MicrosoftError('identity', error.status ?? 400, error.errorCode, firstLine(error.errorMessage), { aadsts });
  }
  if (error instanceof AuthError) {
    const network = /network|fetch|ECONN|ETIMEDOUT|socket/i.test(`${error.errorCode} ${error.errorMessage}`);
    return new MicrosoftError(network ? 'network' : 'identity', network ? 0 : 400, error.errorCode, firstLine(error.errorMessage));
  }
  return error;
}

function firstLine(message: string): string {
  const description = /Description: (.*?)(?: - Correlation ID|$)/s.exec(message)?.[1] ?? message;
  return description.split(/\r?\n/)[0] ?? description;
}
