import type { ErrorCode } from '@m365/contracts';
import type { ApiClient } from '../api/client.js';

type Group = keyof ApiClient;
type Handlers = { [G in Group]?: Partial<ApiClient[G]> };

export interface FakeCall {
  route: string;
  args: unknown;
}

export interface FakeApi {
  api: ApiClient;
  calls: FakeCall[];
  /** Calls of one route (`group.route`), in order. */
  callsTo(route: string): unknown[];
}

/**
 * A stand-in for the typed client: each handler returns `{status, body}` like the real one; a route
 * without a handler fails the test loudly.
 */
export function createFakeApi(handlers: Handlers): FakeApi {
  const calls: FakeCall[] = [];
  const api = new Proxy(
    {},
    {
      get(_target, group: string) {
        return new Proxy(
          {},
          {
            get(_inner, route: string) {
              return (args: unknown) => {
                calls.push({ route: `${group}.${route}`, args });
                const handler = (handlers as Record<string, Record<string, (a: unknown) => unknown> | undefined>)[group]?.[
                  route
                ];
                if (!handler) return Promise.reject(new Error(`fake api: no handler for ${group}.${route}`));
                return Promise.resolve(handler(args));
              };
            },
          },
        );
      },
    },
  ) as ApiClient;
  return { api, calls, callsTo: (route) => calls.filter((call) => call.route === route).map((call) => call.args) };
}

/** A response the typed client would return. */
export function ok<B>(body: B): { status: 200; body: B; headers: Headers };
export function ok<B, S extends 201 | 202>(body: B, status: S): { status: S; body: B; headers: Headers };
export function ok(body: unknown, status = 200) {
  return { status, body, headers: new Headers() };
}

/** An error response with an ApiError body. */
export function fail<S extends 400 | 404 | 409 | 422 | 500 | 503>(status: S, code: ErrorCode, message: string, details?: unknown) {
  return { status, body: { code, message, details }, headers: new Headers() };
}
