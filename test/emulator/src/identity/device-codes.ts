import { randomBytes } from 'node:crypto';
import type { TenantSegment } from '../store/directory.js';
import { randomToken } from '../util/hash.js';
import type { RequestedScopes } from './scopes.js';
import type { Account } from './sign-in.js';

export type DeviceCodeStatus = 'pending' | 'approved' | 'declined' | 'blocked' | 'redeemed';

export interface DeviceCodeEntry {
  deviceCode: string;
  userCode: string;
  clientId: string;
  segment: TenantSegment;
  segmentName: string;
  requested: RequestedScopes;
  createdAt: number;
  expiresAt: number;
  /** Seconds the client must wait between polls; slow_down adds 5 (RFC 8628 3.5). */
  interval: number;
  lastPollAt: number | null;
  status: DeviceCodeStatus;
  account?: Account;
  graphScopes?: string[];
}

/** Letters and digits without look-alikes; [obs] codes are 9 upper-case characters. */
const USER_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function userCode(): string {
  const bytes = randomBytes(9);
  return [...bytes].map((b) => USER_CODE_ALPHABET[b % USER_CODE_ALPHABET.length]).join('');
}

export function normaliseUserCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

/** Device authorizations in flight: pending -> approved | declined | blocked, then redeemed once. */
export class DeviceCodes {
  private readonly byDevice = new Map<string, DeviceCodeEntry>();
  private readonly byUser = new Map<string, DeviceCodeEntry>();

  create(init: Omit<DeviceCodeEntry, 'deviceCode' | 'userCode' | 'lastPollAt' | 'status'>): DeviceCodeEntry {
    let code = userCode();
    while (this.byUser.has(code)) code = userCode();
    const entry: DeviceCodeEntry = { ...init, deviceCode: `DAQABIQEAAAD${randomToken(96)}`, userCode: code, lastPollAt: null, status: 'pending' };
    this.byDevice.set(entry.deviceCode, entry);
    this.byUser.set(code, entry);
    return entry;
  }

  byDeviceCode(deviceCode: string): DeviceCodeEntry | undefined {
    return this.byDevice.get(deviceCode);
  }

  byUserCode(code: string): DeviceCodeEntry | undefined {
    return this.byUser.get(normaliseUserCode(code));
  }

  isExpired(entry: DeviceCodeEntry, now = Date.now()): boolean {
    return now >= entry.expiresAt;
  }

  /** Codes a person could still enter on /devicelogin. */
  pending(now = Date.now()): DeviceCodeEntry[] {
    return [...this.byDevice.values()].filter((e) => e.status === 'pending' && !this.isExpired(e, now));
  }

  clear(): void {
    this.byDevice.clear();
    this.byUser.clear();
  }
}
