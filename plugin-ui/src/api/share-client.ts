import { initClient, tsRestFetchApi } from '@ts-rest/core';
import { shareApi, type SharedOnboarding } from '@m365/contracts';
import { ApiError, isAbortError } from './api-error.js';
import { unwrap } from './client.js';

/** The share page's only call: the onboarding a link shows, by the link's token (no other credential). */
export interface ShareClient {
  getSharedOnboarding(token: string, signal?: AbortSignal): Promise<SharedOnboarding>;
}

/** `baseUrl` is where the plugin is served, e.g. `https://portal.example/m365-plugin`; the route is `/share/v1/:token`. */
export function createShareClient(baseUrl: string): ShareClient {
  const client = initClient(shareApi, {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    baseHeaders: {},
    api: async (request) => {
      try {
        return await tsRestFetchApi(request);
      } catch (error) {
        if (isAbortError(error)) throw error;
        throw new ApiError('NETWORK_FAILED', 'The Microsoft 365 plugin server cannot be reached.', 0);
      }
    },
  });
  return {
    getSharedOnboarding: (token, signal) =>
      unwrap(client.getSharedOnboarding({ params: { token: encodeURIComponent(token) }, fetchOptions: { signal } })),
  };
}
