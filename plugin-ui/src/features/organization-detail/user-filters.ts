import type { LicenseSelection } from '@m365/contracts';

/** The views of the users list; each maps to a query and, where the API allows, a bulk selection filter. */
export const USER_VIEWS = ['all', 'licensed', 'unlicensed', 'eligibleUnlicensed', 'guests', 'deleted'] as const;
export type UserView = (typeof USER_VIEWS)[number];

type QueryFilter = {
  licensed?: 'true' | 'false';
  eligible?: 'true' | 'false';
  deleted?: 'true' | 'false';
  userType?: 'member' | 'guest';
};

const QUERY: Record<UserView, QueryFilter> = {
  all: {},
  licensed: { licensed: 'true' },
  unlicensed: { licensed: 'false' },
  eligibleUnlicensed: { eligible: 'true', licensed: 'false' },
  guests: { userType: 'guest' },
  deleted: { deleted: 'true' },
};

/** Query-string filter of `listUsers` for a view and a search. */
export function userQuery(view: UserView, search: string): QueryFilter & { search?: string } {
  return { ...QUERY[view], ...(search ? { search } : {}) };
}

type SelectionFilter = Extract<LicenseSelection, { filter: unknown }>['filter'];

const SELECTION: Record<UserView, SelectionFilter | null> = {
  all: {},
  licensed: { licensed: true },
  unlicensed: { licensed: false },
  eligibleUnlicensed: { eligible: true, licensed: false },
  guests: { userType: 'guest' },
  // The license selection has no "deleted" filter: deleted users release their seat anyway.
  deleted: null,
};

/** The bulk license selection meaning "every user this view shows", or null when the API cannot express it. */
export function selectionFilter(view: UserView, search: string): SelectionFilter | null {
  const filter = SELECTION[view];
  return filter === null ? null : { ...filter, ...(search ? { search } : {}) };
}
