import { X509Certificate, randomBytes } from 'node:crypto';
import type { Application, KeyCredential, PasswordCredential, RequiredResourceAccess } from '../store/types.js';
import { newGuid, sha256Hex } from '../util/hash.js';
import { isoSeconds } from '../util/time.js';
import { badRequest } from './errors.js';
import type { FilterSchema } from './filter.js';

export function keyCredentialJson(k: KeyCredential, withKey: boolean): Record<string, unknown> {
  return {
    customKeyIdentifier: k.customKeyIdentifier, displayName: k.displayName, endDateTime: k.endDateTime,
    key: withKey ? k.key : null, keyId: k.keyId, startDateTime: k.startDateTime, type: k.type, usage: k.usage,
  };
}

export function passwordCredentialJson(p: PasswordCredential, secretText: string | null = null): Record<string, unknown> {
  return {
    customKeyIdentifier: null, displayName: p.displayName, endDateTime: p.endDateTime, hint: p.hint, keyId: p.keyId,
    secretText, startDateTime: p.startDateTime,
  };
}

/** [doc] application resource shape (reference 4.5); `key` only on a single-object $select=keyCredentials. */
export function applicationJson(app: Application, withKeys = false): Record<string, unknown> {
  return {
    id: app.id, deletedDateTime: null, appId: app.appId, applicationTemplateId: null, disabledByMicrosoftStatus: null,
    createdDateTime: app.createdDateTime, displayName: app.displayName, description: app.description, groupMembershipClaims: null,
    identifierUris: app.identifierUris, isDeviceOnlyAuthSupported: null, isFallbackPublicClient: app.isFallbackPublicClient,
    notes: app.notes, publisherDomain: app.publisherDomain, serviceManagementReference: null, signInAudience: app.signInAudience,
    tags: app.tags, tokenEncryptionKeyId: null, uniqueName: app.uniqueName, defaultRedirectUri: null, optionalClaims: null,
    addIns: [],
    api: { acceptMappedClaims: null, knownClientApplications: [], requestedAccessTokenVersion: null, oauth2PermissionScopes: [], preAuthorizedApplications: [] },
    appRoles: [],
    info: { logoUrl: null, marketingUrl: null, privacyStatementUrl: null, supportUrl: null, termsOfServiceUrl: null },
    keyCredentials: app.keyCredentials.map((k) => keyCredentialJson(k, withKeys)),
    parentalControlSettings: { countriesBlockedForMinors: [], legalAgeGroupRule: 'Allow' },
    passwordCredentials: app.passwordCredentials.map((p) => passwordCredentialJson(p)),
    publicClient: { redirectUris: app.publicClient.redirectUris },
    requiredResourceAccess: app.requiredResourceAccess,
    verifiedPublisher: { displayName: null, verifiedPublisherId: null, addedDateTime: null },
    web: {
      homePageUrl: null, logoutUrl: null, redirectUris: app.web.redirectUris, redirectUriSettings: [],
      implicitGrantSettings: { enableAccessTokenIssuance: false, enableIdTokenIssuance: false },
    },
    spa: { redirectUris: app.spa.redirectUris },
  };
}

export const APPLICATION_PROPERTIES = Object.keys(applicationJson({
  keyCredentials: [], passwordCredentials: [], publicClient: { redirectUris: [] }, web: { redirectUris: [] }, spa: { redirectUris: [] },
} as unknown as Application));

export const APPLICATION_FILTER: FilterSchema<Application> = {
  id: { get: (a) => a.id, standard: ['eq', 'in'] },
  appId: { get: (a) => a.appId, standard: ['eq', 'in'] },
  displayName: { get: (a) => a.displayName, standard: ['eq', 'startswith', 'in'] },
  uniqueName: { get: (a) => a.uniqueName, standard: ['eq', 'startswith', 'in'] },
  publisherDomain: { get: (a) => a.publisherDomain, standard: ['eq', 'startswith', 'in'] },
  signInAudience: { get: (a) => a.signInAudience, standard: ['eq', 'in'] },
};

function stringList(value: unknown, property: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw badRequest(`Invalid value specified for property '${property}'.`);
  return value as string[];
}

function redirectBlock(value: unknown, property: string): { redirectUris: string[] } {
  const uris = (value as { redirectUris?: unknown } | null)?.redirectUris;
  return { redirectUris: uris === undefined ? [] : stringList(uris, `${property}.redirectUris`) };
}

function requiredResourceAccess(value: unknown): RequiredResourceAccess[] {
  if (!Array.isArray(value)) throw badRequest("Invalid value specified for property 'requiredResourceAccess'.");
  return value.map((entry: { resourceAppId?: unknown; resourceAccess?: unknown }) => {
    if (typeof entry?.resourceAppId !== 'string' || !Array.isArray(entry.resourceAccess)) throw badRequest();
    return {
      resourceAppId: entry.resourceAppId.toLowerCase(),
      resourceAccess: entry.resourceAccess.map((a: { id?: unknown; type?: unknown }) => {
        if (typeof a?.id !== 'string' || (a.type !== 'Role' && a.type !== 'Scope')) throw badRequest();
        return { id: a.id.toLowerCase(), type: a.type };
      }),
    };
  });
}

/** [doc] PATCH replaces the whole collection; an entry naming an existing keyId without `key` keeps that key [assumption]. */
export function parseKeyCredentials(value: unknown, existing: KeyCredential[]): KeyCredential[] {
  if (!Array.isArray(value)) throw badRequest("Invalid value specified for property 'keyCredentials'.");
  return value.map((input: Record<string, unknown>) => {
    const kept = typeof input?.keyId === 'string' ? existing.find((k) => k.keyId === input.keyId) : undefined;
    if (kept && (input.key === undefined || input.key === null)) return kept;
    if (input?.type !== 'AsymmetricX509Cert' || input.usage !== 'Verify') {
      throw badRequest("Key credential 'type' must be 'AsymmetricX509Cert' and 'usage' must be 'Verify'.");
    }
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(Buffer.from(String(input.key), 'base64'));
    } catch {
      throw badRequest('Invalid certificate: Key value is invalid certificate');
    }
    const sha1 = cert.fingerprint.replace(/:/g, '');
    const start = typeof input.startDateTime === 'string' ? input.startDateTime : isoSeconds(Date.parse(cert.validFrom));
    const end = typeof input.endDateTime === 'string' ? input.endDateTime : isoSeconds(Date.parse(cert.validTo));
    return {
      keyId: typeof input.keyId === 'string' ? input.keyId : newGuid(),
      type: 'AsymmetricX509Cert',
      usage: 'Verify',
      displayName: typeof input.displayName === 'string' ? input.displayName : cert.subject.replace(/\n/g, ', '),
      customKeyIdentifier: typeof input.customKeyIdentifier === 'string' ? input.customKeyIdentifier : Buffer.from(sha1, 'hex').toString('base64'),
      startDateTime: start,
      endDateTime: end,
      key: cert.raw.toString('base64'),
      sha1Thumbprint: sha1.toLowerCase(),
      sha256Thumbprint: cert.fingerprint256.replace(/:/g, '').toLowerCase(),
      publicKey: cert.publicKey,
      createdAt: kept?.createdAt ?? Date.now(),
    };
  });
}

const UPDATABLE = new Set(['displayName', 'description', 'notes', 'signInAudience', 'isFallbackPublicClient', 'identifierUris', 'tags',
  'requiredResourceAccess', 'web', 'spa', 'publicClient', 'keyCredentials']);
const READ_ONLY = new Set(['id', 'appId', 'createdDateTime', 'publisherDomain', 'deletedDateTime', 'passwordCredentials']);

/** Applies a POST/PATCH body; [assumption] wording of the refusals. */
export function applyApplicationPatch(app: Application, body: Record<string, unknown>, creating: boolean): void {
  for (const [key, value] of Object.entries(body)) {
    if (key.startsWith('@')) continue;
    if (key === 'uniqueName') {
      if (!creating && value !== app.uniqueName) throw badRequest("Property 'uniqueName' is immutable once set.");
      if (creating) app.uniqueName = typeof value === 'string' ? value : null;
      continue;
    }
    if (READ_ONLY.has(key)) throw badRequest(`Property '${key}' is read-only and cannot be set.`);
    if (!UPDATABLE.has(key)) throw badRequest(`Property '${key}' does not exist as a declared property or extension property.`);
    switch (key) {
      case 'displayName': case 'description': case 'notes': case 'signInAudience':
        if (value !== null && typeof value !== 'string') throw badRequest(`Invalid value specified for property '${key}'.`);
        if (key === 'displayName' && !value) throw badRequest("Property 'displayName' cannot be empty.");
        (app as unknown as Record<string, unknown>)[key] = value;
        break;
      case 'isFallbackPublicClient': app.isFallbackPublicClient = value === true; break;
      case 'identifierUris': app.identifierUris = stringList(value, key); break;
      case 'tags': app.tags = stringList(value, key); break;
      case 'requiredResourceAccess': app.requiredResourceAccess = requiredResourceAccess(value); break;
      case 'web': app.web = redirectBlock(value, key); break;
      case 'spa': app.spa = redirectBlock(value, key); break;
      case 'publicClient': app.publicClient = redirectBlock(value, key); break;
      case 'keyCredentials': app.keyCredentials = parseKeyCredentials(value, app.keyCredentials); break;
    }
  }
}

/** [obs] current secrets: 40 characters with "Q~" at position 4 and URL-reserved characters (reference 4.9). */
export function newSecret(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.~';
  const bytes = randomBytes(40);
  const pick = (i: number) => alphabet[bytes[i]! % alphabet.length]!;
  const head = Array.from({ length: 3 }, (_, i) => pick(i)).join('') + String(bytes[3]! % 10);
  return `${head}Q~${Array.from({ length: 34 }, (_, i) => pick(i + 6)).join('')}`;
}

export function newPasswordCredential(input: Record<string, unknown> | undefined, secret: string): PasswordCredential {
  const now = Date.now();
  const start = typeof input?.startDateTime === 'string' ? input.startDateTime : isoSeconds(now);
  // [doc] default lifetime two years.
  const end = typeof input?.endDateTime === 'string' ? input.endDateTime : isoSeconds(Date.parse(start) + 2 * 365 * 24 * 3600 * 1000);
  return {
    keyId: newGuid(), displayName: typeof input?.displayName === 'string' ? input.displayName : null, hint: secret.slice(0, 3),
    startDateTime: start, endDateTime: end, secretHash: sha256Hex(secret), createdAt: now,
  };
}
