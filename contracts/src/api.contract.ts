import { initContract } from '@ts-rest/core';
import { commonResponses } from './common/errors.js';
import { customersContract } from './customers/customers.contract.js';
import { deviceApiContract } from './device-api/device-api.contract.js';
import { devicesContract } from './devices/devices.contract.js';
import { eventsContract } from './events/events.contract.js';
import { hooksContract } from './hooks/hooks.contract.js';
import { identityContract } from './identity/identity.contract.js';
import { licensingContract } from './licensing/licensing.contract.js';
import { onboardingContract } from './onboarding/onboarding.contract.js';
import { organizationsContract } from './organizations/organizations.contract.js';
import { shareContract } from './share/share.contract.js';
import { syncContract } from './sync/sync.contract.js';
import { usersContract } from './users/users.contract.js';

const c = initContract();
const api = { commonResponses, strictStatusCodes: true, pathPrefix: '/api/v1' } as const;

// Each router is declared on its own and the groups are typed by `typeof`, which keeps the emitted
// declarations small enough for tsc to serialize.
export const identityApi = c.router(identityContract, api);
export const customersApi = c.router(customersContract, api);
export const devicesApi = c.router(devicesContract, api);
export const organizationsApi = c.router(organizationsContract, api);
export const onboardingApi = c.router(onboardingContract, api);
export const usersApi = c.router(usersContract, api);
export const licensingApi = c.router(licensingContract, api);
export const syncApi = c.router(syncContract, api);
export const eventsApi = c.router(eventsContract, api);

export type PluginApi = {
  identity: typeof identityApi;
  customers: typeof customersApi;
  devices: typeof devicesApi;
  organizations: typeof organizationsApi;
  onboarding: typeof onboardingApi;
  users: typeof usersApi;
  licensing: typeof licensingApi;
  sync: typeof syncApi;
  events: typeof eventsApi;
};

/** The plugin API the UI calls with the host's token. */
export const pluginApi: PluginApi = {
  identity: identityApi,
  customers: customersApi,
  devices: devicesApi,
  organizations: organizationsApi,
  onboarding: onboardingApi,
  users: usersApi,
  licensing: licensingApi,
  sync: syncApi,
  events: eventsApi,
};

/** Host -> plugin REST hooks (Standard Webhooks signatures). */
export const hooksApi = c.router(hooksContract, { commonResponses, strictStatusCodes: true, pathPrefix: '/hooks/v1' });

/** Backup device -> plugin (device tokens). */
export const deviceApi = c.router(deviceApiContract, {
  commonResponses,
  strictStatusCodes: true,
  pathPrefix: '/device/v1',
});

/** Customer admin's share-link page data (no credential but the link itself). */
export const shareApi = c.router(shareContract, { commonResponses, strictStatusCodes: true, pathPrefix: '/share/v1' });

export type FullContract = { api: PluginApi; hooks: typeof hooksApi; device: typeof deviceApi; share: typeof shareApi };

/** Every route of the plugin, for the OpenAPI document and route-table driven tests. */
export const fullContract: FullContract = { api: pluginApi, hooks: hooksApi, device: deviceApi, share: shareApi };
