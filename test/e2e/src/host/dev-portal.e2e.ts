import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Customer, Device, PartnerSeats } from '@m365/contracts';
import { CUSTOMERS, DEV_PARTNER, DEV_SEAT_POOL, callHook, devices, startDevStack, type DevStack } from '@m365/host-portal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** `npm start`'s stack: the plugin server as its own process, the development portal and the emulator. */
describe('development host portal (npm start)', () => {
  let stack: DevStack;

  beforeAll(async () => {
    stack = await startDevStack({ dataDir: mkdtempSync(join(tmpdir(), 'm365-dev-portal-')), onServerOutput: () => undefined });
  });
  afterAll(() => stack?.close());

  async function get<T>(path: string): Promise<T> {
    const token = (await (await fetch(`${stack.portal.url}/dev/token`)).json()) as { accessToken: string };
    const response = await fetch(`${stack.portal.apiBaseUrl}${path}`, { headers: { authorization: `Bearer ${token.accessToken}` } });
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  }

  it('should show the customers, devices and seat pool the portal pushed through the signed hooks', async () => {
    expect(stack.fixtureHooks.length).toBe(1 + devices().length + CUSTOMERS.length);
    expect(stack.fixtureHooks.every((hook) => hook.status === 200)).toBe(true);
    const customers = await get<{ items: Customer[] }>('/api/v1/customers');
    expect(customers.items.map((customer) => customer.id).sort()).toEqual(CUSTOMERS.map((customer) => customer.id).sort());
    const listed = await get<{ items: Device[] }>('/api/v1/devices');
    expect(listed.items.map((device) => [device.id, device.isMain])).toEqual(devices().map((device) => [device.id, device.isMain]));
    expect((await get<PartnerSeats>('/api/v1/seats')).total).toBe(DEV_SEAT_POOL);
  });

  it("should deliver the plugin's events to the portal, signed with the partner's secret", async () => {
    const created = await callHook(stack.serverUrl, stack.hookSecret, 'PUT', `/partners/${DEV_PARTNER.id}/customers/cust-dev-events`, { name: 'Dev Events' });
    expect(created.status).toBe(200);
    const started = await callHook(stack.serverUrl, stack.hookSecret, 'POST', `/partners/${DEV_PARTNER.id}/onboardings`, { customerIds: ['cust-dev-events'] });
    expect(started.status).toBe(202);
    const code = (JSON.parse(started.body) as { items: { signIn: { userCode: string } }[] }).items[0]!.signIn.userCode;
    stack.emulator.control.declineDeviceCode(code);
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !stack.portal.events.some((event) => (event.payload as { type?: string }).type === 'organization.failed')) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const failed = stack.portal.events.filter((event) => (event.payload as { type?: string }).type === 'organization.failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.verified).toBe(true);
  });
});
