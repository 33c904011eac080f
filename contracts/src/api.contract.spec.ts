import { isAppRoute, type AppRoute, type AppRouter } from '@ts-rest/core';
import { describe, expect, it } from 'vitest';
import { fullContract } from './api.contract.js';
import { ApiErrorSchema, ERROR_CODES } from './common/errors.js';

function routes(router: AppRouter, prefix = ''): [string, AppRoute][] {
  return Object.entries(router).flatMap(([key, value]) =>
    isAppRoute(value) ? [[`${prefix}${key}`, value] as [string, AppRoute]] : routes(value, `${prefix}${key}.`),
  );
}

const all = routes(fullContract);

describe('fullContract', () => {
  it('should have a route for every area DESIGN.md names', () => {
    const keys = all.map(([key]) => key.split('.').pop());
    for (const expected of [
      'listOrganizations', 'getOrganization', 'getOrganizationSettings', 'updateOrganizationSettings',
      'disconnectOrganization', 'startOnboarding', 'getOnboarding', 'renewSignInCode', 'cancelOnboarding',
      'submitPopupSignIn', 'listUsers', 'assignLicenses', 'unassignLicenses', 'listDevices', 'listCustomers',
      'listSyncRuns', 'startSync', 'upsertCustomer', 'upsertDevice', 'setSeatPool', 'startOnboardings',
      'listCustomerStatuses', 'listAssignments', 'createAccessToken', 'listEvents',
    ]) {
      expect(keys).toContain(expected);
    }
  });

  it('should give every route a unique method and path', () => {
    const seen = all.map(([, route]) => `${route.method} ${route.path}`);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('should name routes verbNoun and paths in plural kebab-case', () => {
    for (const [key, route] of all) {
      expect(key.split('.').pop()).toMatch(/^[a-z]+[A-Z][A-Za-z]*$/);
      for (const segment of route.path.split('/').filter((part) => part && !part.startsWith(':'))) {
        expect(segment, route.path).toMatch(/^[a-z0-9-]+$/);
      }
      expect(route.summary, key).toBeTruthy();
    }
  });

  it('should answer errors with ApiError on every route', () => {
    for (const [key, route] of all) {
      for (const status of [400, 401, 404, 500]) {
        expect(route.responses[status], `${key} ${status}`).toBe(ApiErrorSchema);
      }
    }
  });

  it('should only use codes from the closed union', () => {
    expect(ApiErrorSchema.safeParse({ code: 'SOMETHING_ELSE', message: 'x' }).success).toBe(false);
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });
});
