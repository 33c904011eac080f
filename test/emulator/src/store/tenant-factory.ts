import { hashString, stableGuid } from '../util/hash.js';
import { isoSeconds } from '../util/time.js';
import { firstPartyServicePrincipals } from './first-party.js';
import { SEED_PASSWORD, type SeedLicense, type SeedTenant, type SeedUser } from './seed.js';
import { isSkuName, SKUS, type SkuName } from './skus.js';
import { Tenant, type DirectoryRole } from './tenant.js';
import type { DirectoryUser, LicenseAssignment, SkuSubscription, VerifiedDomain } from './types.js';
import { UserDirectory } from './user-directory.js';
import { UserGenerator } from './user-generator.js';
import { DIRECTORY_ROLE_NAMES, DIRECTORY_ROLE_TEMPLATES } from './well-known.js';

export class SeedError extends Error {}

function licenseOf(entry: SeedLicense, where: string): LicenseAssignment {
  const sku = typeof entry === 'string' ? entry : entry.sku;
  if (!isSkuName(sku)) throw new SeedError(`${where}: unknown license "${sku}" (known: ${Object.keys(SKUS).join(', ')})`);
  return { sku, disabledServices: typeof entry === 'string' ? [] : [...(entry.disabledServices ?? [])] };
}

export function serviceEnabled(licenses: LicenseAssignment[], service: string): boolean {
  return licenses.some((l) => !l.disabledServices.includes(service as never) && SKUS[l.sku].servicePlans.some((p) => p.service === service));
}

export function qualifyUpn(upn: string, domain: string): string {
  return (upn.includes('@') ? upn : `${upn}@${domain}`).toLowerCase();
}

/** Builds a user from seed or control-API input, filling the documented defaults. */
export function buildUser(tenantId: string, defaultDomain: string, input: SeedUser, where: string): DirectoryUser {
  if (!input.userPrincipalName || !input.displayName) throw new SeedError(`${where}: userPrincipalName and displayName are required`);
  const upn = qualifyUpn(input.userPrincipalName, defaultDomain);
  const guest = input.userType === 'Guest' || upn.includes('#ext#');
  const licenses = (input.licenses ?? []).map((l) => licenseOf(l, where));
  for (const role of input.roles ?? []) {
    if (!DIRECTORY_ROLE_NAMES.includes(role)) throw new SeedError(`${where}: unknown role "${role}"`);
  }
  const mailboxPurpose = input.mailbox !== undefined ? input.mailbox : serviceEnabled(licenses, 'exchange') ? 'user' : null;
  const resource = mailboxPurpose !== null && mailboxPurpose !== 'user';
  const local = upn.slice(0, upn.indexOf('@'));
  const [given, ...rest] = input.displayName.split(' ');
  return {
    id: (input.id ?? stableGuid('user', tenantId, upn)).toLowerCase(),
    userPrincipalName: upn,
    displayName: input.displayName,
    givenName: resource ? null : (given ?? null),
    surname: resource || rest.length === 0 ? null : rest.join(' '),
    mail: input.mail !== undefined ? input.mail : mailboxPurpose ? upn : null,
    mailNickname: local.replace(/#ext#$/, '').replace(/[^a-z0-9._-]/g, '_'),
    accountEnabled: input.accountEnabled ?? true,
    userType: guest ? 'Guest' : 'Member',
    jobTitle: input.jobTitle ?? null,
    department: input.department ?? null,
    officeLocation: null,
    mobilePhone: null,
    usageLocation: guest ? null : 'US',
    preferredLanguage: guest ? null : 'en-US',
    createdDateTime: isoSeconds(Date.UTC(2017, 5, 1) + (hashString(upn) % 31_536_000) * 1000),
    onPremisesSyncEnabled: null,
    licenses,
    mailboxPurpose,
    oneDriveProvisioned: input.oneDrive ?? serviceEnabled(licenses, 'SharePoint'),
    password: input.password !== undefined ? input.password : guest || resource ? null : SEED_PASSWORD,
    roles: [...(input.roles ?? [])],
  };
}

function domainsOf(seed: SeedTenant): VerifiedDomain[] {
  const initial = seed.initialDomain.toLowerCase();
  if (!initial.endsWith('.onmicrosoft.com')) throw new SeedError(`Tenant ${seed.name}: initialDomain must end with .onmicrosoft.com`);
  const custom = (seed.domains ?? []).map((d) => d.toLowerCase());
  const defaultDomain = custom[0] ?? initial;
  return [initial, ...custom].map((name) => ({ name, isInitial: name === initial, isDefault: name === defaultDomain }));
}

function subscriptionsOf(seed: SeedTenant, users: DirectoryUser[], generated: number): SkuSubscription[] {
  if (seed.subscriptions) return seed.subscriptions.map((s) => ({ sku: s.sku, prepaidUnits: s.units }));
  const skus = new Set<SkuName>(users.flatMap((u) => u.licenses.map((l) => l.sku)));
  if (generated > 0) for (const sku of ['SPE_E3', 'SPB', 'O365_BUSINESS_ESSENTIALS', 'EXCHANGESTANDARD'] as const) skus.add(sku);
  const total = users.length + generated;
  return [...skus].map((sku) => ({ sku, prepaidUnits: Math.max(25, Math.ceil((total * 1.1) / 5) * 5) }));
}

export function buildTenant(seed: SeedTenant, randomSeed: number): Tenant {
  if (!seed.name || !seed.initialDomain) throw new SeedError('Every seed tenant needs name and initialDomain');
  const id = (seed.id ?? stableGuid('tenant', randomSeed, seed.name)).toLowerCase();
  const domains = domainsOf(seed);
  const defaultDomain = domains.find((d) => d.isDefault)!.name;
  const explicit = (seed.users ?? []).map((u, i) => buildUser(id, defaultDomain, u, `Tenant ${seed.name} user ${i + 1}`));
  const generatedCount = seed.generatedUsers ?? 0;
  const generator = generatedCount > 0
    ? new UserGenerator(hashString(`${randomSeed}:${id}`), generatedCount, defaultDomain, domains.find((d) => d.isInitial)!.name)
    : null;
  const directoryRoles: DirectoryRole[] = DIRECTORY_ROLE_NAMES.map((name) => ({
    id: stableGuid('directory-role', id, name),
    displayName: name,
    description: `Members of the ${name} role.`,
    roleTemplateId: DIRECTORY_ROLE_TEMPLATES[name],
  }));
  const tenant = new Tenant({
    id,
    displayName: seed.name,
    domains,
    countryLetterCode: seed.countryLetterCode ?? 'US',
    createdDateTime: isoSeconds(Date.UTC(2016, 0, 1) + (hashString(id) % 63_072_000) * 1000),
    blockDeviceCodeFlow: seed.blockDeviceCodeFlow ?? false,
    users: new UserDirectory(explicit, generator),
    directoryRoles,
    subscriptions: subscriptionsOf(seed, explicit, generatedCount),
  });
  const seen = new Set<string>();
  for (const user of explicit) {
    if (seen.has(user.userPrincipalName)) throw new SeedError(`Tenant ${seed.name}: duplicate user ${user.userPrincipalName}`);
    seen.add(user.userPrincipalName);
    const looksGenerated = /^[a-z]+\.[a-z]+\d*(_[^@]+#ext#)?@/.test(user.userPrincipalName);
    if (looksGenerated && generator?.indexOfUpn(user.userPrincipalName) !== undefined) {
      throw new SeedError(`Tenant ${seed.name}: ${user.userPrincipalName} collides with a generated user name`);
    }
  }
  for (const sp of firstPartyServicePrincipals(id)) tenant.servicePrincipals.set(sp.id, sp);
  return tenant;
}
