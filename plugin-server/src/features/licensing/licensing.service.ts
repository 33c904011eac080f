import { Injectable } from '@nestjs/common';
import {
  MAX_REJECTED_LISTED,
  type LicenseChange,
  type LicenseChangeResult,
  type LicenseSelection,
  type Page,
  type PageQuery,
  type PartnerSeats,
} from '@m365/contracts';
import { DomainError } from '../../common/errors/domain-error.js';
import { Transactions } from '../../db/transactions.js';
import type { Principal } from '../auth/principal.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { ineligibleMessage, isEligible } from '../users/user-rules.util.js';
import { UsersService, type SelectionKey, type TenantUserRow } from '../users/users.service.js';
import { decodeSequenceCursor, encodeSequenceCursor, toLicenseChange } from './license-change.mapper.js';
import { LicenseRepository } from './license.repository.js';
import { SeatsService } from './seats.service.js';

const CHUNK = 500;

type Rejection = LicenseChangeResult['rejected'][number];
interface Tally {
  changed: number;
  unchanged: number;
  rejected: Rejection[];
  rejectedTotal: number;
}

/** Manual mode: technicians license and release users, one at a time or in bulk; plus the seat and change views. */
@Injectable()
export class LicensingService {
  constructor(
    private readonly licenses: LicenseRepository,
    private readonly seats: SeatsService,
    private readonly users: UsersService,
    private readonly organizations: OrganizationsService,
    private readonly transactions: Transactions,
  ) {}

  assign(principal: Principal, organizationId: string, selection: LicenseSelection): LicenseChangeResult {
    return this.change(principal, organizationId, selection, 'assign');
  }

  unassign(principal: Principal, organizationId: string, selection: LicenseSelection): LicenseChangeResult {
    return this.change(principal, organizationId, selection, 'unassign');
  }

  listChanges(partnerId: string, organizationId: string, query: PageQuery): Page<LicenseChange> {
    const organization = this.organizations.row(partnerId, organizationId);
    const rows = this.licenses.changes(organization.id, decodeSequenceCursor(query.cursor), query.limit + 1);
    const items = rows.slice(0, query.limit);
    return {
      items: items.map(toLicenseChange),
      nextCursor: rows.length > query.limit ? encodeSequenceCursor(items.at(-1)!.sequence) : null,
      total: this.licenses.countChanges(organization.id),
    };
  }

  partnerSeats(partnerId: string): PartnerSeats {
    return this.seats.partnerSeats(partnerId);
  }

  private change(principal: Principal, organizationId: string, selection: LicenseSelection, action: 'assign' | 'unassign'): LicenseChangeResult {
    const organization = this.organizations.row(principal.partnerId, organizationId);
    if (organization.status === 'disconnected') {
      throw new DomainError('ORGANIZATION_NOT_CONNECTED', 'This organization is disconnected; its users can no longer be licensed.');
    }
    if (organization.licenseMode === 'automatic') {
      throw new DomainError(
        'LICENSE_MODE_AUTOMATIC',
        'Licenses of this organization are managed automatically. Switch License management to manual to change them by hand.',
      );
    }
    const tally: Tally = { changed: 0, unchanged: 0, rejected: [], rejectedTotal: 0 };
    const context = { partnerId: organization.partnerId, organizationId: organization.id, reason: 'technician' as const, actor: principal.technicianId };
    for (const chunk of this.chunks(organization.id, selection, tally)) {
      this.transactions.run(() => {
        let available = action === 'assign' ? this.seats.available(organization.partnerId) : 0;
        const toChange: TenantUserRow[] = [];
        for (const user of chunk) {
          if (user.licensed === (action === 'assign')) tally.unchanged += 1;
          else if (action === 'unassign') toChange.push(user);
          else if (!isEligible(user)) reject(tally, user.id, 'LICENSE_USER_NOT_ELIGIBLE', ineligibleMessage(user));
          else if (available <= 0) reject(tally, user.id, 'LICENSE_SEATS_EXHAUSTED', `No seats left for ${user.userPrincipalName}: every seat of the pool is in use.`);
          else {
            toChange.push(user);
            available -= 1;
          }
        }
        const at = { ...context, at: new Date() };
        if (action === 'assign') this.licenses.assign(at, toChange);
        else this.licenses.release(at, toChange);
        tally.changed += toChange.length;
      });
      this.users.changed(organization.id);
    }
    const single = 'userIds' in selection && selection.userIds.length === 1 ? tally.rejected[0] : undefined;
    if (single) throw new DomainError(single.code, single.message, { userId: single.userId });
    return {
      changed: tally.changed,
      unchanged: tally.unchanged,
      rejected: tally.rejected,
      rejectedTotal: tally.rejectedTotal,
      seats: this.seats.usage(organization.partnerId),
      counts: this.users.counts(organization.id),
    };
  }

  /** The selected users in licensing order (first seen, UPN, id), so a short pool is spent the same way every time. */
  private *chunks(organizationId: string, selection: LicenseSelection, tally: Tally): Generator<TenantUserRow[]> {
    if ('userIds' in selection) {
      const ids = [...new Set(selection.userIds)];
      const found = this.users.byIds(organizationId, ids);
      const known = new Set(found.map((user) => user.id));
      for (const id of ids) if (!known.has(id)) reject(tally, id, 'USER_NOT_FOUND', `User ${id} is not a user of this organization.`);
      found.sort(byLicensingOrder);
      for (let start = 0; start < found.length; start += CHUNK) yield found.slice(start, start + CHUNK);
      return;
    }
    let after: SelectionKey | undefined;
    for (;;) {
      const chunk = this.users.selection(organizationId, selection.filter, after, CHUNK);
      if (chunk.length === 0) return;
      yield chunk;
      const last = chunk.at(-1)!;
      after = { firstSeenAt: last.firstSeenAt, userPrincipalName: last.userPrincipalName, id: last.id };
    }
  }
}

function reject(tally: Tally, userId: string, code: Rejection['code'], message: string): void {
  tally.rejectedTotal += 1;
  if (tally.rejected.length < MAX_REJECTED_LISTED) tally.rejected.push({ userId, code, message });
}

function byLicensingOrder(a: TenantUserRow, b: TenantUserRow): number {
  return a.firstSeenAt.getTime() - b.firstSeenAt.getTime() || cmp(a.userPrincipalName, b.userPrincipalName) || cmp(a.id, b.id);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
