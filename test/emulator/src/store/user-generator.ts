import { mix32 } from '../util/hash.js';
import type { DirectoryUser, LicenseAssignment, MailboxPurpose } from './types.js';
import type { SkuName } from './skus.js';
import { capitalize, DEPARTMENTS, FIRST_NAMES, GUEST_DOMAINS, JOB_TITLES, LAST_NAMES, OFFICES } from './names.js';

const BLOCK = FIRST_NAMES.length * LAST_NAMES.length;
const GIVEN_NAMES = FIRST_NAMES.map(capitalize);
const SURNAMES = LAST_NAMES.map(capitalize);
// Built once (16,384 entries each) so a generated user costs a lookup, not string building.
const LOCAL_PARTS = Array.from({ length: BLOCK }, (_, j) => `${FIRST_NAMES[j % FIRST_NAMES.length]}.${LAST_NAMES[Math.floor(j / FIRST_NAMES.length)]}`);
const DISPLAY_NAMES = Array.from({ length: BLOCK }, (_, j) => `${GIVEN_NAMES[j % FIRST_NAMES.length]} ${SURNAMES[Math.floor(j / FIRST_NAMES.length)]}`);
const NO_ROLES = Object.freeze([]) as unknown as DirectoryUser['roles'];
// Odd stride: a bijection on [0, BLOCK) that scatters neighbouring indexes over the name grid.
const STRIDE = 7919;
const EPOCH_MS = Date.UTC(2018, 0, 1);

type Category = 'licensed' | 'noSharePoint' | 'noOneDriveYet' | 'exchangeOnly' | 'business' | 'unlicensed' | 'disabled' | 'guest' | 'shared' | 'room';

// Cumulative percentages: the mix a mid-size organization typically shows.
const CATEGORY_TABLE: Array<[number, Category]> = [
  [62, 'licensed'], [70, 'business'], [76, 'noSharePoint'], [81, 'noOneDriveYet'], [85, 'exchangeOnly'],
  [89, 'unlicensed'], [92, 'disabled'], [96, 'guest'], [99, 'shared'], [100, 'room'],
];

function categoryOf(roll: number): Category {
  for (const [limit, category] of CATEGORY_TABLE) if (roll < limit) return category;
  return 'licensed';
}

function license(sku: SkuName, ...disabled: LicenseAssignment['disabledServices']): LicenseAssignment[] {
  return [Object.freeze({ sku, disabledServices: disabled })];
}

/** Shared, never mutated: serialisers memoise their JSON per array (graph/user-shape.ts). */
const LICENSES = {
  e3: license('SPE_E3'),
  e3NoSharePoint: license('SPE_E3', 'SharePoint'),
  spb: license('SPB'),
  basic: license('O365_BUSINESS_ESSENTIALS'),
  exchange: license('EXCHANGESTANDARD'),
  none: [] as LicenseAssignment[],
};

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lower-case hex of the low `width` nibbles (width even or 3); table-driven because it runs per generated user. */
function hex(value: number, width: number): string {
  const v = value >>> 0;
  switch (width) {
    case 8: return HEX_BYTE[v >>> 24]! + HEX_BYTE[(v >>> 16) & 255]! + HEX_BYTE[(v >>> 8) & 255]! + HEX_BYTE[v & 255]!;
    case 4: return HEX_BYTE[(v >>> 8) & 255]! + HEX_BYTE[v & 255]!;
    default: return (v & 0xfff).toString(16).padStart(3, '0');
  }
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const dayText = new Map<number, string>();

/** "2019-03-04T05:06:07Z"; Date#toISOString per user was the largest cost of a /users page. */
function isoFast(ms: number): string {
  const day = Math.floor(ms / 86_400_000);
  let date = dayText.get(day);
  if (date === undefined) dayText.set(day, (date = new Date(day * 86_400_000).toISOString().slice(0, 10)));
  const seconds = Math.floor((ms - day * 86_400_000) / 1000);
  return `${date}T${TWO_DIGITS[Math.floor(seconds / 3600)]}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:${TWO_DIGITS[seconds % 60]}Z`;
}

/**
 * Deterministic, allocation-light users for one tenant: user `index` is a pure function of (tenant seed, index),
 * so 100,000-user tenants cost nothing until a page is read.
 */
export class UserGenerator {
  private readonly tag: number;
  private readonly mask: number;
  private upnIndex: Map<string, number> | undefined;

  constructor(
    private readonly tenantSeed: number,
    readonly count: number,
    private readonly domain: string,
    private readonly initialDomain: string,
  ) {
    this.tag = mix32(tenantSeed ^ 0x5bd1e995) & 0xffff;
    this.mask = mix32(tenantSeed ^ 0x27d4eb2f);
  }

  idOf(index: number): string {
    const a = mix32(this.tenantSeed ^ Math.imul(index + 1, 0x9e3779b1));
    const b = mix32(a + 1);
    const c = mix32(b + 7);
    const variant = '89ab'[c >>> 30]!;
    return `${hex(a, 8)}-${hex(b >>> 16, 4)}-4${hex(b, 3)}-${variant}${hex(c, 3)}-${hex(this.tag, 4)}${hex(index ^ this.mask, 8)}`;
  }

  /** Inverse of idOf: the last group carries the index, the rest is checked by regeneration. */
  indexOfId(id: string): number | undefined {
    const tail = id.slice(24).toLowerCase();
    if (id.length !== 36 || tail.slice(0, 4) !== hex(this.tag, 4)) return undefined;
    const index = (parseInt(tail.slice(4), 16) ^ this.mask) >>> 0;
    if (index >= this.count || this.idOf(index) !== id.toLowerCase()) return undefined;
    return index;
  }

  indexOfUpn(upn: string): number | undefined {
    if (!this.upnIndex) {
      this.upnIndex = new Map();
      for (let i = 0; i < this.count; i++) this.upnIndex.set(this.upnOf(i).toLowerCase(), i);
    }
    return this.upnIndex.get(upn.toLowerCase());
  }

  private roll(index: number, salt: number): number {
    return mix32(this.tenantSeed ^ Math.imul(index + salt, 0x85ebca6b));
  }

  /** Position on the name grid and the number appended once the grid is used up. */
  private pair(index: number): number {
    return (index % BLOCK) * STRIDE % BLOCK;
  }

  private suffix(index: number): string {
    const block = Math.floor(index / BLOCK);
    return block === 0 ? '' : String(block + 1);
  }

  private category(index: number): Category {
    return categoryOf(this.roll(index, 11) % 100);
  }

  upnOf(index: number): string {
    const local = LOCAL_PARTS[this.pair(index)]! + this.suffix(index);
    if (this.category(index) === 'guest') {
      const guestDomain = GUEST_DOMAINS[this.roll(index, 3) % GUEST_DOMAINS.length]!;
      return `${local}_${guestDomain}#EXT#@${this.initialDomain}`;
    }
    return `${local}@${this.domain}`;
  }

  user(index: number): DirectoryUser {
    const j = this.pair(index);
    const suffix = this.suffix(index);
    const category = this.category(index);
    const local = LOCAL_PARTS[j]! + suffix;
    const detail = this.roll(index, 29);
    const member = category !== 'guest';
    const guestDomain = member ? '' : GUEST_DOMAINS[this.roll(index, 3) % GUEST_DOMAINS.length]!;
    const upn = member ? `${local}@${this.domain}` : `${local}_${guestDomain}#EXT#@${this.initialDomain}`;
    let licenses = LICENSES.none;
    let mailboxPurpose: MailboxPurpose | null = 'user';
    let oneDriveProvisioned = true;
    switch (category) {
      case 'licensed': case 'disabled': licenses = LICENSES.e3; break;
      case 'business': licenses = detail % 2 === 0 ? LICENSES.spb : LICENSES.basic; break;
      case 'noSharePoint': licenses = LICENSES.e3NoSharePoint; oneDriveProvisioned = false; break;
      case 'noOneDriveYet': licenses = LICENSES.e3; oneDriveProvisioned = false; break;
      case 'exchangeOnly': licenses = LICENSES.exchange; oneDriveProvisioned = false; break;
      case 'unlicensed': case 'guest': mailboxPurpose = null; oneDriveProvisioned = false; break;
      case 'shared': mailboxPurpose = 'shared'; oneDriveProvisioned = false; break;
      case 'room': mailboxPurpose = 'room'; oneDriveProvisioned = false; break;
    }
    const guestMail = member ? null : `${local}@${guestDomain}`;
    const resource = category === 'shared' || category === 'room';
    return {
      id: this.idOf(index),
      userPrincipalName: upn,
      displayName: suffix ? `${DISPLAY_NAMES[j]!} ${suffix}` : DISPLAY_NAMES[j]!,
      givenName: GIVEN_NAMES[j % FIRST_NAMES.length]!,
      surname: SURNAMES[Math.floor(j / FIRST_NAMES.length)]!,
      mail: guestMail ?? (mailboxPurpose ? upn : null),
      mailNickname: member ? local : local.replace(/\./g, '') + '_ext',
      accountEnabled: !(category === 'disabled' || resource),
      userType: member ? 'Member' : 'Guest',
      jobTitle: member && !resource ? JOB_TITLES[detail % JOB_TITLES.length]! : null,
      department: member && !resource ? DEPARTMENTS[(detail >>> 4) % DEPARTMENTS.length]! : null,
      officeLocation: member ? OFFICES[(detail >>> 8) % OFFICES.length]! : null,
      mobilePhone: null,
      usageLocation: member ? 'US' : null,
      preferredLanguage: member ? 'en-US' : null,
      createdDateTime: isoFast(EPOCH_MS + index * 1_800_000 + (detail % 1_000_000) * 1000),
      onPremisesSyncEnabled: member && (detail >>> 12) % 5 === 0 ? true : null,
      licenses,
      mailboxPurpose,
      oneDriveProvisioned,
      password: null,
      roles: NO_ROLES,
    };
  }
}
