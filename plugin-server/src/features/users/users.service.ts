import { Injectable } from '@nestjs/common';
import type { ListUsersQuery, UserCounts, UsersPage } from '@m365/contracts';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { decodeUserCursor, encodeUserCursor } from './user-cursor.util.js';
import { toOrganizationUser } from './user.mapper.js';
import { UsersRepository, type SelectionKey, type TenantUserRow, type UserQueryFilter } from './users.repository.js';

export type { SelectionKey, TenantUserRow, UserQueryFilter };

/** An organization's users as the sync stored them: paged, searched and filtered. */
@Injectable()
export class UsersService {
  /** Counts over a whole organization, read again only after a writer says its users changed. */
  private readonly counted = new Map<string, UserCounts>();

  constructor(
    private readonly users: UsersRepository,
    private readonly organizations: OrganizationsService,
  ) {}

  list(partnerId: string, organizationId: string, query: ListUsersQuery): UsersPage {
    const organization = this.organizations.row(partnerId, organizationId);
    const { cursor, limit, ...filter } = query;
    const rows = this.users.page(organization.id, filter, decodeUserCursor(cursor), limit + 1);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    const counts = this.counts(organization.id);
    const unfiltered = Object.entries(filter).every(([key, value]) => value === undefined || key === 'deleted');
    return {
      items: items.map((row) => toOrganizationUser(row, organization.licenseMode)),
      nextCursor: rows.length > limit && last ? encodeUserCursor(last) : null,
      total: unfiltered ? (filter.deleted ? counts.deleted : counts.total) : this.users.countMatching(organization.id, filter),
      counts,
    };
  }

  counts(organizationId: string): UserCounts {
    let counts = this.counted.get(organizationId);
    if (!counts) this.counted.set(organizationId, (counts = this.users.counts(organizationId)));
    return counts;
  }

  /** Writers of tenant users (sync, licensing) call this after each change they commit. */
  changed(organizationId: string): void {
    this.counted.delete(organizationId);
  }

  byIds(organizationId: string, ids: string[]): TenantUserRow[] {
    return this.users.byIds(organizationId, ids);
  }

  /** Users matching a filter in licensing order (first seen, UPN, id), `limit` after `after`. */
  selection(organizationId: string, filter: UserQueryFilter, after: SelectionKey | undefined, limit: number): TenantUserRow[] {
    return this.users.selection(organizationId, filter, after, limit);
  }
}
