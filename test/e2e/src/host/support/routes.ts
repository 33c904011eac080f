import { fullContract, type Role } from '@m365/contracts';
import { isAppRoute, type AppRoute, type AppRouter } from '@ts-rest/core';

export type RouteKind = 'host' | 'hook' | 'device' | 'share';

export interface RouteEntry {
  name: string;
  kind: RouteKind;
  route: AppRoute;
  /** The lowest role that may call a host route: viewer reads, technician changes, admin disconnects. */
  role: Role;
}

// The one route only admins may call (issue 7: "admin also disconnects").
const ADMIN_ROUTES = new Set(['disconnectOrganization']);
const KIND: Record<keyof typeof fullContract, RouteKind> = { api: 'host', hooks: 'hook', device: 'device', share: 'share' };

function flatten(router: AppRouter, prefix: string): [string, AppRoute][] {
  return Object.entries(router).flatMap(([key, value]) =>
    isAppRoute(value) ? [[`${prefix}${key}`, value] as [string, AppRoute]] : flatten(value, `${prefix}${key}.`),
  );
}

// Writes run after every read, the host API's last: its disconnect ends the device's assignment.
const WRITE_ORDER: RouteKind[] = ['device', 'share', 'hook', 'host'];

/** Every route of every contract, read routes first so that writes cannot spoil the fixtures they read. */
export function routeTable(): RouteEntry[] {
  const entries = (Object.keys(fullContract) as (keyof typeof fullContract)[]).flatMap((group) =>
    flatten(fullContract[group], `${group}.`).map(([name, route]) => {
      const key = name.split('.').at(-1)!;
      const role: Role = ADMIN_ROUTES.has(key) ? 'admin' : route.method === 'GET' ? 'viewer' : 'technician';
      return { name, kind: KIND[group], route, role };
    }),
  );
  const writes = entries.filter((entry) => entry.route.method !== 'GET');
  return [
    ...entries.filter((entry) => entry.route.method === 'GET'),
    ...WRITE_ORDER.flatMap((kind) => writes.filter((entry) => entry.kind === kind)),
  ];
}

/** The path with every `:param` taken from `values`; a parameter without a value is a test bug. */
export function pathOf(route: AppRoute, values: Record<string, string>): string {
  return route.path.replace(/:(\w+)/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No fixture value for :${name} in ${route.path}`);
    return encodeURIComponent(value);
  });
}
