import { initClient, tsRestFetchApi, type ApiFetcher, type InitClientReturn } from '@ts-rest/core';
import { ApiErrorSchema, pluginApi, type PluginApi } from '@m365/contracts';
import { ApiError, isAbortError } from './api-error.js';

export interface ApiClientOptions {
  /** Where the plugin is served, e.g. `https://portal.example/m365-plugin`; routes append `/api/v1/...`. */
  baseUrl: string;
  /** The host's short-lived token, fetched before every call. */
  getAccessToken: () => Promise<string>;
}

type ClientArgs = { baseUrl: string; baseHeaders: Record<string, string>; api: ApiFetcher };
export type ApiClient = InitClientReturn<PluginApi, ClientArgs>;

/** The typed client over the plugin API; every call carries `Authorization: Bearer <host token>`. */
export function createApiClient({ baseUrl, getAccessToken }: ApiClientOptions): ApiClient {
  const clientArgs: ClientArgs = {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    baseHeaders: {},
    api: async (request) => {
      let token: string;
      try {
        token = await getAccessToken();
      } catch (error) {
        throw new ApiError('HOST_TOKEN_FAILED', `The host portal did not give a token: ${String(error)}`, 0);
      }
      try {
        return await tsRestFetchApi({ ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } });
      } catch (error) {
        if (isAbortError(error)) throw error;
        throw new ApiError('NETWORK_FAILED', 'The Microsoft 365 plugin server cannot be reached.', 0);
      }
    },
  };
  return encodePathParams(initClient(pluginApi, clientArgs));
}

type RouteCall = (args?: { params?: Record<string, string> }) => Promise<unknown>;

// ts-rest 3.52 inserts path parameters verbatim; ids come from the host (customers, devices) and may
// hold any character, so each one is percent-encoded before it becomes part of the path.
function encodePathParams(client: ApiClient): ApiClient {
  const groups = Object.entries(client as unknown as Record<string, Record<string, RouteCall>>);
  return Object.fromEntries(
    groups.map(([group, routes]) => [
      group,
      Object.fromEntries(
        Object.entries(routes).map(([name, call]) => [
          name,
          (args?: { params?: Record<string, string> }) =>
            call(
              args?.params
                ? {
                    ...args,
                    params: Object.fromEntries(
                      Object.entries(args.params).map(([key, value]) => [key, encodeURIComponent(value)]),
                    ),
                  }
                : args,
            ),
        ]),
      ),
    ]),
  ) as unknown as ApiClient;
}

type Response = { status: number; body: unknown };
type SuccessBody<R> = R extends { status: 200 | 201 | 202 | 204; body: infer B } ? B : never;

/** The body of a 2xx response; anything else becomes an `ApiError` carrying the server's code and message. */
export async function unwrap<R extends Response>(response: R | Promise<R>): Promise<SuccessBody<R>> {
  const { status, body } = await response;
  if (status >= 200 && status < 300) return body as SuccessBody<R>;
  const parsed = ApiErrorSchema.safeParse(body);
  if (parsed.success) throw new ApiError(parsed.data.code, parsed.data.message, status, parsed.data.details);
  throw new ApiError('UNEXPECTED_RESPONSE', `The plugin server answered with status ${status}.`, status, body);
}
