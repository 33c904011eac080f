import type { Tenant } from '../store/tenant.js';
import type { DirectoryUser } from '../store/types.js';
import type { CompiledFilter } from './filter.js';
import { PageBuffer } from './page-buffer.js';
import { writeUserJson, type userWriters } from './user-shape.js';

export interface RenderedPage {
  /** UTF-8 JSON of the `value` array, encoded ahead so serving a prefetched page is a copy. */
  value: Buffer;
  /** Position the next page starts at. */
  next: number;
}

/** A prefilter when the filter reads only userPrincipalName: most positions are then rejected without building a user. */
export function upnPrefilter(users: Tenant['users'], filter: CompiledFilter<DirectoryUser> | undefined): ((position: number) => boolean) | undefined {
  if (!filter || filter.properties.some((p) => p !== 'userPrincipalName')) return undefined;
  return (position) => {
    const upn = users.upnAt(position);
    return upn !== undefined && filter.test({ userPrincipalName: upn } as DirectoryUser);
  };
}

/** The live positions a `startswith(userPrincipalName, ...)` filter selects, from the directory's prefix index. */
export function upnPrefixPositions(users: Tenant['users'], filter: CompiledFilter<DirectoryUser> | undefined): Int32Array | undefined {
  return filter?.prefix?.property === 'userPrincipalName' ? users.positionsWithUpnPrefix(filter.prefix.value) : undefined;
}

export function renderUsersPage(
  tenant: Tenant, position: number, top: number, filter: CompiledFilter<DirectoryUser> | undefined, writers: ReturnType<typeof userWriters>,
): RenderedPage {
  const indexed = upnPrefixPositions(tenant.users, filter);
  if (indexed) return renderIndexedPage(tenant, indexed, position, top, writers);
  const users = tenant.users;
  const out = new PageBuffer();
  const size = users.size;
  const prefilter = upnPrefilter(users, filter);
  let found = 0;
  out.write('[');
  while (position < size && found < top) {
    if (prefilter && !prefilter(position)) {
      position++;
      continue;
    }
    const user = users.at(position++);
    if (!user || (filter && !filter.test(user))) continue;
    if (found++ > 0) out.write(',');
    writeUserJson(out, user, tenant, writers);
  }
  out.write(']');
  return { value: out.bytes(), next: position };
}

function renderIndexedPage(tenant: Tenant, positions: Int32Array, position: number, top: number, writers: ReturnType<typeof userWriters>): RenderedPage {
  let index = lowerBound(positions, position);
  const out = new PageBuffer();
  let found = 0;
  out.write('[');
  for (; index < positions.length && found < top; index++) {
    const user = tenant.users.at(positions[index]!);
    if (!user) continue;
    if (found++ > 0) out.write(',');
    writeUserJson(out, user, tenant, writers);
  }
  out.write(']');
  // Past the last match the listing is over: no nextLink to an empty page.
  return { value: out.bytes(), next: index < positions.length ? positions[index]! : tenant.users.size };
}

function lowerBound(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const MAX_PAGES = 64;
const MAX_AGE_MS = 60_000;

/**
 * Renders the page after the one just served while the client parses it, so the two halves of a listing overlap on
 * separate cores. Keys carry the directory's change sequence: a page is never served after the users changed.
 */
export class PagePrefetcher {
  private readonly pages = new Map<string, { page: RenderedPage; at: number }>();

  take(key: string): RenderedPage | undefined {
    const entry = this.pages.get(key);
    this.pages.delete(key);
    return entry && Date.now() - entry.at < MAX_AGE_MS ? entry.page : undefined;
  }

  schedule(key: string, render: () => RenderedPage): void {
    setImmediate(() => {
      if (this.pages.has(key)) return;
      this.pages.set(key, { page: render(), at: Date.now() });
      for (const oldest of this.pages.keys()) {
        if (this.pages.size <= MAX_PAGES) break;
        this.pages.delete(oldest);
      }
    });
  }

  clear(): void {
    this.pages.clear();
  }
}
