import type { Tenant } from '../store/tenant.js';
import type { DirectoryUser } from '../store/types.js';
import { SKUS } from '../store/skus.js';
import { stableGuid } from '../util/hash.js';
import type { FilterSchema } from './filter.js';
import type { PageBuffer } from './page-buffer.js';

type Getter = (user: DirectoryUser, tenant: Tenant) => unknown;

/** [assumption] licenses are assigned in a monthly batch: midnight UTC on the first day after the account's creation month. */
function licenseDay(user: DirectoryUser): string {
  const year = Number(user.createdDateTime.slice(0, 4));
  const month = Number(user.createdDateTime.slice(5, 7));
  return month === 12 ? `${year + 1}-01-01T00:00:00Z` : `${year}-${String(month + 1).padStart(2, '0')}-01T00:00:00Z`;
}

function assignedLicenses(user: DirectoryUser): unknown[] {
  return user.licenses.map((l) => ({
    disabledPlans: SKUS[l.sku].servicePlans.filter((p) => l.disabledServices.includes(p.service as never)).map((p) => p.servicePlanId),
    skuId: SKUS[l.sku].skuId,
  }));
}

/** [doc] assignedPlans entries per service plan; [assumption] a plan switched off shows capabilityStatus "Deleted". */
function assignedPlans(user: DirectoryUser): unknown[] {
  const plans: unknown[] = [];
  for (const l of user.licenses) {
    for (const p of SKUS[l.sku].servicePlans) {
      plans.push({
        assignedDateTime: licenseDay(user),
        capabilityStatus: l.disabledServices.includes(p.service as never) ? 'Deleted' : 'Enabled',
        service: p.service,
        servicePlanId: p.servicePlanId,
      });
    }
  }
  return plans;
}

const GETTERS: Record<string, Getter> = {
  id: (u) => u.id,
  businessPhones: () => [],
  displayName: (u) => u.displayName,
  givenName: (u) => u.givenName,
  jobTitle: (u) => u.jobTitle,
  mail: (u) => u.mail,
  mobilePhone: (u) => u.mobilePhone,
  officeLocation: (u) => u.officeLocation,
  preferredLanguage: (u) => u.preferredLanguage,
  surname: (u) => u.surname,
  userPrincipalName: (u) => u.userPrincipalName,
  accountEnabled: (u) => u.accountEnabled,
  assignedLicenses,
  assignedPlans,
  city: () => null,
  companyName: () => null,
  country: () => null,
  createdDateTime: (u) => u.createdDateTime,
  creationType: (u) => (u.userType === 'Guest' ? 'Invitation' : null),
  deletedDateTime: () => null,
  department: (u) => u.department,
  employeeId: () => null,
  externalUserState: (u) => (u.userType === 'Guest' ? 'Accepted' : null),
  mailNickname: (u) => u.mailNickname,
  onPremisesImmutableId: () => null,
  onPremisesSamAccountName: (u) => (u.onPremisesSyncEnabled ? u.mailNickname : null),
  onPremisesSyncEnabled: (u) => u.onPremisesSyncEnabled,
  otherMails: () => [],
  postalCode: () => null,
  proxyAddresses: (u) => (u.mail && u.userType === 'Member' ? [`SMTP:${u.mail}`] : []),
  showInAddressList: () => null,
  state: () => null,
  streetAddress: () => null,
  usageLocation: (u) => u.usageLocation,
  userType: (u) => u.userType,
};

/** [doc] properties returned when no $select is given (reference 6.1). */
export const DEFAULT_USER_PROPERTIES = [
  'businessPhones', 'displayName', 'givenName', 'id', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName',
];

/** [doc] only readable on a single user; selecting them on the collection is refused (reference 6.1). */
export const SINGLE_USER_PROPERTIES = ['mailboxSettings', 'aboutMe', 'birthday', 'hireDate', 'interests', 'mySite', 'pastProjects', 'preferredName', 'responsibilities', 'schools', 'skills'];

export const USER_PROPERTIES = [...Object.keys(GETTERS), ...SINGLE_USER_PROPERTIES];

export function userJson(user: DirectoryUser, tenant: Tenant, select: string[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of select ?? DEFAULT_USER_PROPERTIES) {
    const getter = GETTERS[key];
    out[key] = getter ? getter(user, tenant) : key === 'mailboxSettings' ? mailboxSettingsJson(user) : null;
  }
  return out;
}

const licenseBytes = new WeakMap<object, Buffer>();
const planBytes = new WeakMap<object, Map<string, Buffer>>();

/** UTF-8 JSON of the license arrays, memoised per license array (generated users share theirs) and month. */
const FAST_BYTES: Record<string, (user: DirectoryUser) => Buffer> = {
  assignedLicenses: (user) => {
    let bytes = licenseBytes.get(user.licenses);
    if (bytes === undefined) licenseBytes.set(user.licenses, (bytes = Buffer.from(JSON.stringify(assignedLicenses(user)))));
    return bytes;
  },
  assignedPlans: (user) => {
    let byMonth = planBytes.get(user.licenses);
    if (byMonth === undefined) planBytes.set(user.licenses, (byMonth = new Map()));
    const month = user.createdDateTime.slice(0, 7);
    let bytes = byMonth.get(month);
    if (bytes === undefined) byMonth.set(month, (bytes = Buffer.from(JSON.stringify(assignedPlans(user)))));
    return bytes;
  },
};

const NEEDS_ESCAPE = /["\\\u0000-\u001f\u007f-\uffff]/;

/** JSON string literal; plain ASCII (nearly every directory value) skips JSON.stringify. */
function quote(value: string): string {
  return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
}

/** Values the emulator formats itself (GUIDs, timestamps, enums): never anything to escape. */
const SAFE_STRINGS = new Set(['id', 'createdDateTime', 'userType', 'usageLocation', 'preferredLanguage', 'creationType', 'externalUserState']);

function valueText(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return JSON.stringify(value);
}

type Writer = { prefix: string; text?: (user: DirectoryUser, tenant: Tenant) => string; bytes?: (user: DirectoryUser) => Buffer };

/** Serialisers for a $select list, built once per page. */
export function userWriters(select: string[] | undefined): Writer[] {
  return (select ?? DEFAULT_USER_PROPERTIES).map((key, i) => {
    const prefix = `${i === 0 ? '{' : ','}"${key}":`;
    const bytes = FAST_BYTES[key];
    if (bytes) return { prefix, bytes };
    const getter = GETTERS[key];
    const safe = SAFE_STRINGS.has(key) && getter
      ? (u: DirectoryUser, t: Tenant) => { const v = getter(u, t); return v === null ? 'null' : `"${v as string}"`; }
      : undefined;
    return { prefix, text: safe ?? (getter ? (u: DirectoryUser, t: Tenant) => valueText(getter(u, t)) : () => 'null') };
  });
}

/** Same content as userJson, written into a page (the /users hot path). */
export function writeUserJson(out: PageBuffer, user: DirectoryUser, tenant: Tenant, writers: Writer[]): void {
  let pending = '';
  for (const writer of writers) {
    if (writer.bytes) {
      out.write(pending + writer.prefix);
      pending = '';
      out.copy(writer.bytes(user));
    } else {
      pending += writer.prefix + writer.text!(user, tenant);
    }
  }
  out.write(`${pending}}`);
}

/** [doc] standard $filter support on users; anything else needs ConsistencyLevel: eventual. */
export const USER_FILTER: FilterSchema<DirectoryUser> = {
  id: { get: (u) => u.id, standard: ['eq', 'in'] },
  userPrincipalName: { get: (u) => u.userPrincipalName, standard: ['eq', 'startswith', 'in'] },
  displayName: { get: (u) => u.displayName, standard: ['eq', 'startswith', 'in'] },
  mail: { get: (u) => u.mail, standard: ['eq', 'startswith', 'in'] },
  givenName: { get: (u) => u.givenName, standard: ['eq', 'startswith', 'in'] },
  surname: { get: (u) => u.surname, standard: ['eq', 'startswith', 'in'] },
  mailNickname: { get: (u) => u.mailNickname, standard: ['eq', 'startswith', 'in'] },
  jobTitle: { get: (u) => u.jobTitle, standard: ['eq', 'startswith', 'in'] },
  department: { get: (u) => u.department, standard: [] },
  userType: { get: (u) => u.userType, standard: ['eq', 'in'] },
  accountEnabled: { get: (u) => u.accountEnabled, standard: ['eq'] },
  usageLocation: { get: (u) => u.usageLocation, standard: ['eq'] },
  onPremisesSyncEnabled: { get: (u) => u.onPremisesSyncEnabled, standard: [] },
};

/** [doc] mailboxSettings with userPurpose (reference 6.3); other values are plausible defaults. */
export function mailboxSettingsJson(user: DirectoryUser): Record<string, unknown> {
  return {
    archiveFolder: stableGuid('archive', user.id),
    timeZone: 'Pacific Standard Time',
    automaticRepliesSetting: {
      status: 'disabled', externalAudience: 'all', internalReplyMessage: '', externalReplyMessage: '',
      scheduledStartDateTime: { dateTime: '2024-01-01T00:00:00.0000000', timeZone: 'UTC' },
      scheduledEndDateTime: { dateTime: '2024-01-02T00:00:00.0000000', timeZone: 'UTC' },
    },
    language: { locale: 'en-US', displayName: 'English (United States)' },
    workingHours: {
      daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], startTime: '08:00:00.0000000', endTime: '17:00:00.0000000',
      timeZone: { name: 'Pacific Standard Time' },
    },
    dateFormat: 'M/d/yyyy',
    timeFormat: 'h:mm tt',
    userPurpose: user.mailboxPurpose,
    delegateMeetingMessageDeliveryOptions: 'sendToDelegateOnly',
  };
}

/** A business OneDrive (reference 6.3); ids are stable per user. */
export function driveJson(user: DirectoryUser, tenant: Tenant): Record<string, unknown> {
  const host = `${tenant.initialDomain.split('.')[0]}-my.sharepoint.com`;
  const personal = user.userPrincipalName.replace(/[@.]/g, '_');
  const used = (parseInt(user.id.slice(0, 6), 16) % 5000) * 1_048_576;
  return {
    id: `b!${Buffer.from(stableGuid('drive', user.id)).toString('base64url').slice(0, 64)}`,
    createdDateTime: user.createdDateTime,
    lastModifiedDateTime: user.createdDateTime,
    description: '',
    name: 'OneDrive',
    driveType: 'business',
    webUrl: `https://${host}/personal/${personal}/Documents`,
    createdBy: { user: { displayName: 'System Account' } },
    owner: { user: { id: user.id, displayName: user.displayName, email: user.mail } },
    quota: { deleted: 0, remaining: 1_099_511_627_776 - used, state: 'normal', total: 1_099_511_627_776, used },
  };
}
