import { readFileSync } from 'node:fs';
import type { DirectoryRoleName } from './well-known.js';
import type { PlanService, SkuName } from './skus.js';
import type { MailboxPurpose } from './types.js';

/** Password of every seeded admin and named user (README). */
export const SEED_PASSWORD = 'Passw0rd!';

export type SeedLicense = SkuName | { sku: SkuName; disabledServices?: PlanService[] };

export interface SeedUser {
  /** Local part (`admin`) or full UPN; a bare local part gets the tenant's default domain. */
  userPrincipalName: string;
  displayName: string;
  id?: string;
  /** Sign-in password; defaults to SEED_PASSWORD for members, none for shared/room mailboxes and guests. */
  password?: string | null;
  roles?: DirectoryRoleName[];
  accountEnabled?: boolean;
  userType?: 'Member' | 'Guest';
  /** Guests: their home address. Others default to the UPN when they have a mailbox. */
  mail?: string | null;
  licenses?: SeedLicense[];
  /** Mailbox kind; defaults to `user` when an Exchange plan is licensed and enabled, otherwise none. */
  mailbox?: MailboxPurpose | null;
  /** OneDrive provisioned; defaults to true when a SharePoint plan is licensed and enabled. */
  oneDrive?: boolean;
  jobTitle?: string | null;
  department?: string | null;
}

export interface SeedTenant {
  name: string;
  /** Tenant id; derived from the name and Seed.randomSeed when absent. */
  id?: string;
  /** The `*.onmicrosoft.com` domain (isInitial). */
  initialDomain: string;
  /** Further verified domains; the first one is the default domain used for user names. */
  domains?: string[];
  countryLetterCode?: string;
  users?: SeedUser[];
  /** Deterministic generated users added after the named ones (cheap for any count). */
  generatedUsers?: number;
  /** Conditional Access policy blocking the device code flow (AADSTS53003). */
  blockDeviceCodeFlow?: boolean;
  /** The emulator's public client already has tenant-wide admin consent here. */
  publicClientConsented?: boolean;
  subscriptions?: Array<{ sku: SkuName; units: number }>;
}

export interface BulkTenants {
  count: number;
  /** Name prefix: tenant `bulk-01` has domains `bulk-01.onmicrosoft.com` and `bulk-01.com`. */
  prefix?: string;
  generatedUsers?: number;
}

export interface Seed {
  /** Feeds every derived id and generated user: the same seed always yields the same directory. */
  randomSeed?: number;
  /** Start from the built-in tenants (Contoso, Fabrikam, ...) and add these. */
  includeDefaultTenants?: boolean;
  tenants?: SeedTenant[];
  bulkTenants?: BulkTenants;
}

function smallTenant(name: string, admin: Partial<SeedUser>, extra: Partial<SeedTenant> = {}): SeedTenant {
  const key = name.toLowerCase();
  return {
    name,
    initialDomain: `${key}.onmicrosoft.com`,
    domains: [`${key}.com`],
    users: [
      { userPrincipalName: 'admin', displayName: `${name} Administrator`, roles: ['Global Administrator'], licenses: ['SPE_E3'], ...admin },
      { userPrincipalName: 'user', displayName: `${name} User`, licenses: ['SPE_E3'] },
    ],
    generatedUsers: 18,
    ...extra,
  };
}

/** The built-in tenants; host-portal fixtures match them by domain. */
export function defaultTenants(): SeedTenant[] {
  const contoso = smallTenant('Contoso', {}, { generatedUsers: 37 });
  contoso.users!.push(
    { userPrincipalName: 'helpdesk', displayName: 'Helpdesk Operator', roles: ['User Administrator'], licenses: ['SPE_E3'] },
    { userPrincipalName: 'info', displayName: 'Contoso Info', mailbox: 'shared', accountEnabled: false },
    { userPrincipalName: 'sales', displayName: 'Sales Team', mailbox: 'shared', accountEnabled: false },
    { userPrincipalName: 'support', displayName: 'Customer Support', mailbox: 'shared', accountEnabled: false },
    { userPrincipalName: 'boardroom', displayName: 'Boardroom', mailbox: 'room', accountEnabled: false },
    { userPrincipalName: 'jane.doe_fabrikam.com#EXT#@contoso.onmicrosoft.com', displayName: 'Jane Doe', userType: 'Guest', mail: 'jane.doe@fabrikam.com' },
    { userPrincipalName: 'pat.partner_gmail.com#EXT#@contoso.onmicrosoft.com', displayName: 'Pat Partner', userType: 'Guest', mail: 'pat.partner@gmail.com' },
    { userPrincipalName: 'former.employee', displayName: 'Former Employee', accountEnabled: false, licenses: ['SPE_E3'] },
    { userPrincipalName: 'intern', displayName: 'Summer Intern' },
    { userPrincipalName: 'new.hire', displayName: 'New Hire', licenses: ['SPE_E3'], oneDrive: false },
    { userPrincipalName: 'kiosk', displayName: 'Front Desk Kiosk', licenses: [{ sku: 'SPE_E3', disabledServices: ['SharePoint'] }] },
  );
  return [
    contoso,
    smallTenant('Fabrikam', {}, { generatedUsers: 4_998 }),
    smallTenant('Northwind', {}, { generatedUsers: 99_998 }),
    smallTenant('Tailspin', { roles: ['Application Administrator'] }),
    smallTenant('Woodgrove', {}, { blockDeviceCodeFlow: true }),
    smallTenant('Litware', { roles: ['Privileged Role Administrator'] }),
  ];
}

export const DEFAULT_SEED: Seed = { randomSeed: 20_240_601, includeDefaultTenants: true };

export function bulkTenants(bulk: BulkTenants): SeedTenant[] {
  const prefix = bulk.prefix ?? 'bulk';
  const width = Math.max(2, String(bulk.count).length);
  return Array.from({ length: bulk.count }, (_, i) => {
    const key = `${prefix}-${String(i + 1).padStart(width, '0')}`;
    return {
      name: key,
      initialDomain: `${key}.onmicrosoft.com`,
      domains: [`${key}.com`],
      users: [
        { userPrincipalName: 'admin', displayName: `${key} Administrator`, roles: ['Global Administrator'], licenses: ['SPE_E3'] },
        { userPrincipalName: 'user', displayName: `${key} User`, licenses: ['SPE_E3'] },
      ],
      generatedUsers: bulk.generatedUsers ?? 8,
    } satisfies SeedTenant;
  });
}

/** Every tenant a seed describes, in order. */
export function seedTenants(seed: Seed): SeedTenant[] {
  return [
    ...(seed.includeDefaultTenants ? defaultTenants() : []),
    ...(seed.tenants ?? []),
    ...(seed.bulkTenants ? bulkTenants(seed.bulkTenants) : []),
  ];
}

export function loadSeedFile(path: string): Seed {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`Seed file ${path} must hold a JSON object`);
  }
  return parsed as Seed;
}

export function resolveSeed(seed: Seed | string | undefined): Seed {
  if (seed === undefined) return DEFAULT_SEED;
  return typeof seed === 'string' ? loadSeedFile(seed) : seed;
}
