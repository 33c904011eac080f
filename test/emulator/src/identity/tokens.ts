import { generateKeyPairSync, createHash, type KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors, type JWTPayload } from 'jose';
import { randomToken } from '../util/hash.js';
import { nowSeconds } from '../util/time.js';
import type { Tenant } from '../store/tenant.js';
import type { Application, DirectoryUser, ServicePrincipal } from '../store/types.js';
import { GRAPH_APP_ID, GRAPH_RESOURCE } from '../store/well-known.js';

export interface Timing {
  /** [doc] default 900 s. */
  deviceCodeExpiresInSeconds: number;
  /** [obs] 5 s. */
  deviceCodeIntervalSeconds: number;
  /** [obs] 3599 s. */
  accessTokenLifetimeSeconds: number;
  /** [doc] 90 days for native clients; SPA refresh tokens get 24 h. */
  refreshTokenLifetimeSeconds: number;
  spaRefreshTokenLifetimeSeconds: number;
  /** [doc] codes live about 10 minutes. */
  authorizationCodeLifetimeSeconds: number;
}

export const DEFAULT_TIMING: Timing = {
  deviceCodeExpiresInSeconds: 900,
  deviceCodeIntervalSeconds: 5,
  accessTokenLifetimeSeconds: 3599,
  refreshTokenLifetimeSeconds: 90 * 24 * 3600,
  spaRefreshTokenLifetimeSeconds: 24 * 3600,
  authorizationCodeLifetimeSeconds: 600,
};

export interface GraphTokenClaims extends JWTPayload {
  tid: string;
  oid: string;
  appid: string;
  idtyp: 'user' | 'app';
  scp?: string;
  roles?: string[];
}

export type TokenRejection = 'expired' | 'invalid';

/** [doc] v1 Graph tokens: `iss https://sts.windows.net/{tid}/`, aud Graph (reference 3.4). */
export function graphIssuer(tenantId: string): string {
  return `https://sts.windows.net/${tenantId}/`;
}

/** Verified tokens kept at most; the map is emptied when full (tokens live an hour, a run holds a handful). */
const VERIFIED_CACHE_SIZE = 1_000;

export class TokenIssuer {
  readonly kid: string;
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  /**
   * Tokens whose signature and claims were checked once. The emulator shares the machine with the plugin
   * it serves: an RS256 verification per request cost ~0.4 s of CPU in each 100,000-user sync benchmark,
   * taken from the plugin under test. Expiry and not-before are still checked on every use.
   */
  private readonly verified = new Map<string, GraphTokenClaims>();

  constructor(private readonly origin: string, readonly timing: Timing) {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
    const der = this.publicKey.export({ format: 'der', type: 'spki' });
    this.kid = createHash('sha1').update(der).digest('base64url');
  }

  jwks(): { keys: Array<Record<string, unknown>> } {
    const jwk = this.publicKey.export({ format: 'jwk' });
    return { keys: [{ kty: 'RSA', use: 'sig', kid: this.kid, x5t: this.kid, n: jwk.n, e: jwk.e, issuer: `${this.origin}/{tenantid}/v2.0` }] };
  }

  private sign(payload: JWTPayload, lifetime: number): Promise<string> {
    const now = nowSeconds();
    return new SignJWT({ ...payload, iat: now, nbf: now, exp: now + lifetime, uti: randomToken(16) })
      .setProtectedHeader({ typ: 'JWT', alg: 'RS256', x5t: this.kid, kid: this.kid })
      .sign(this.privateKey);
  }

  /** Delegated Graph token: `scp` holds short scope names, OIDC scopes except offline_access included [obs]. */
  userAccessToken(tenant: Tenant, user: DirectoryUser, client: Application, scopes: string[]): Promise<string> {
    const iss = graphIssuer(tenant.id);
    return this.sign({
      aud: GRAPH_RESOURCE, iss, idp: iss, acct: 0, app_displayname: client.displayName, appid: client.appId, appidacr: '0',
      family_name: user.surname ?? undefined, given_name: user.givenName ?? undefined, idtyp: 'user', ipaddr: '127.0.0.1',
      name: user.displayName, oid: user.id, platf: '14', scp: scopes.filter((s) => s !== 'offline_access').join(' '),
      sub: createHash('sha256').update(`${user.id}:${client.appId}`).digest('base64url').slice(0, 43),
      tid: tenant.id, unique_name: user.userPrincipalName, upn: user.userPrincipalName, ver: '1.0',
    }, this.timing.accessTokenLifetimeSeconds);
  }

  /** [doc] app-only token: `roles` only when at least one is granted, `oid` = service principal (reference 3.4). */
  appAccessToken(tenant: Tenant, app: Application, sp: ServicePrincipal, roles: string[], certificate: boolean): Promise<string> {
    const iss = graphIssuer(tenant.id);
    return this.sign({
      aud: GRAPH_RESOURCE, iss, idp: iss, app_displayname: app.displayName, appid: app.appId, appidacr: certificate ? '2' : '1',
      idtyp: 'app', oid: sp.id, sub: sp.id, tid: tenant.id, ver: '1.0', ...(roles.length > 0 ? { roles } : {}),
    }, this.timing.accessTokenLifetimeSeconds);
  }

  /** v2 id token; MSAL decodes it without verifying the signature [code]. */
  idToken(tenant: Tenant, user: DirectoryUser, clientId: string, nonce: string | undefined): Promise<string> {
    return this.sign({
      aud: clientId, iss: `${this.origin}/${tenant.id}/v2.0`, name: user.displayName, oid: user.id,
      preferred_username: user.userPrincipalName, sub: createHash('sha256').update(`${user.id}:${clientId}:id`).digest('base64url').slice(0, 43),
      tid: tenant.id, ver: '2.0', ...(nonce ? { nonce } : {}),
    }, this.timing.accessTokenLifetimeSeconds);
  }

  /** [code] base64url JSON {uid, utid}: MSAL builds the account id from it. */
  static clientInfo(user: DirectoryUser, tenant: Tenant): string {
    return Buffer.from(JSON.stringify({ uid: user.id, utid: tenant.id })).toString('base64url');
  }

  /** Verifies a bearer token for Graph; the caller maps the rejection to Graph's 401 body. */
  async verifyGraphToken(token: string): Promise<GraphTokenClaims | TokenRejection> {
    const known = this.verified.get(token);
    if (known) return inLifetime(known) ? known : 'expired';
    try {
      const { payload } = await jwtVerify(token, this.publicKey, { algorithms: ['RS256'], audience: [GRAPH_RESOURCE, GRAPH_APP_ID] });
      const claims = payload as GraphTokenClaims;
      if (typeof claims.tid !== 'string' || claims.iss !== graphIssuer(claims.tid)) return 'invalid';
      if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.clear();
      this.verified.set(token, claims);
      return claims;
    } catch (err) {
      return err instanceof joseErrors.JWTExpired || err instanceof joseErrors.JWTClaimValidationFailed && err.claim === 'nbf'
        ? 'expired'
        : 'invalid';
    }
  }
}

/** jose's time checks without a clock tolerance: expired at `exp`, valid from `nbf`. */
function inLifetime(claims: GraphTokenClaims): boolean {
  const now = nowSeconds();
  return !(typeof claims.exp === 'number' && claims.exp <= now) && !(typeof claims.nbf === 'number' && claims.nbf > now);
}
