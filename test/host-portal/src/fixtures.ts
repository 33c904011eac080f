/**
 * What the development host portal knows: one partner, its technician, customers and backup devices.
 * Customers with a tenant are named after the emulator's seeded tenants, with the same domains, so a
 * sign-in as `admin@contoso.com` lands in the tenant of customer Contoso.
 */

export interface FixtureCustomer {
  id: string;
  name: string;
  domains: string[];
  /** Whether the emulator seeds a tenant for this customer (false: connecting it must fail or mismatch). */
  hasEmulatorTenant: boolean;
}

export interface FixtureDevice {
  id: string;
  name: string;
  isMain: boolean;
  status: 'online' | 'offline';
  lastSeenAt: string | null;
}

export const DEV_PARTNER = { id: 'partner-dev', name: 'Northbridge IT Services' } as const;

export const DEV_TECHNICIAN = { id: 'tech-dev', name: 'Dana Reyes', role: 'admin' } as const;

/** Backup seats the host sells this partner. */
export const DEV_SEAT_POOL = 1000;

export const CUSTOMERS: readonly FixtureCustomer[] = [
  { id: 'cust-contoso', name: 'Contoso', domains: ['contoso.com'], hasEmulatorTenant: true },
  { id: 'cust-fabrikam', name: 'Fabrikam', domains: ['fabrikam.com'], hasEmulatorTenant: true },
  { id: 'cust-northwind', name: 'Northwind Traders', domains: ['northwind.com'], hasEmulatorTenant: true },
  { id: 'cust-tailspin', name: 'Tailspin Toys', domains: ['tailspin.com'], hasEmulatorTenant: true },
  { id: 'cust-woodgrove', name: 'Woodgrove Bank', domains: ['woodgrove.com'], hasEmulatorTenant: true },
  { id: 'cust-litware', name: 'Litware', domains: ['litware.com'], hasEmulatorTenant: true },
  { id: 'cust-adventure-works', name: 'Adventure Works', domains: ['adventure-works.com'], hasEmulatorTenant: false },
  { id: 'cust-alpine-ski-house', name: 'Alpine Ski House', domains: ['alpineskihouse.com'], hasEmulatorTenant: false },
  { id: 'cust-proseware', name: 'Proseware', domains: [], hasEmulatorTenant: false },
];

const minutesAgo = (minutes: number, now: number) => new Date(now - minutes * 60_000).toISOString();

/** The partner's backup devices; `lastSeenAt` is relative to `now`. BACKUP-01 is the Main device. */
export function devices(now = Date.now()): FixtureDevice[] {
  return [
    { id: 'dev-backup-01', name: 'BACKUP-01', isMain: true, status: 'online', lastSeenAt: minutesAgo(1, now) },
    { id: 'dev-backup-02', name: 'BACKUP-02', isMain: false, status: 'online', lastSeenAt: minutesAgo(4, now) },
    { id: 'dev-nas-03', name: 'NAS-03', isMain: false, status: 'offline', lastSeenAt: minutesAgo(26 * 60, now) },
    { id: 'dev-vault-04', name: 'VAULT-04', isMain: false, status: 'offline', lastSeenAt: null },
  ];
}

export const DEVICES: readonly FixtureDevice[] = devices();
