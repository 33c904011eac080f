import type { CustomerStatus, EventDelivery, Organization, StartOnboardingsHookResult } from '@m365/contracts';
import { callHook } from '@m365/host-portal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARTNER, SEED_PASSWORD, startStack, type Stack } from '../support/stack.js';

const base = `/partners/${PARTNER}`;

describe('/hooks/v1', () => {
  let stack: Stack;
  let contosoOrganization: string;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.close());

  const hook = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, body?: unknown, id?: string) =>
    callHook(stack.url, stack.hookSecret, method, `${base}${path}`, body, id);

  async function events(): Promise<EventDelivery[]> {
    const response = await stack.api.events.listEvents({ query: { limit: 500 } });
    if (response.status !== 200) throw new Error(`listEvents answered ${response.status}`);
    return response.body.items;
  }

  async function organization(id: string): Promise<Organization> {
    const response = await stack.api.organizations.getOrganization({ params: { organizationId: id } });
    if (response.status !== 200) throw new Error(`getOrganization answered ${response.status}`);
    return response.body;
  }

  describe('POST /partners/:partnerId/onboardings', () => {
    it("should start one batch with the template, answer each customer's session and code, and do it once per webhook-id", async () => {
      const body = {
        customerIds: ['cust-contoso', 'cust-tailspin', 'cust-nobody', 'cust-contoso'],
        settings: { applicationName: 'Host Started Backup', licenseMode: 'manual' },
        startedBy: 'rmm-automation',
      };
      const first = await hook('POST', '/onboardings', body, 'msg_start_batch_1');
      expect(first.status).toBe(202);
      const result = JSON.parse(first.body) as StartOnboardingsHookResult;
      expect(result.items.map((item) => item.customerId)).toEqual(['cust-contoso', 'cust-tailspin', 'cust-nobody']);
      for (const item of result.items.slice(0, 2)) {
        expect(item).toMatchObject({ status: 'awaiting_sign_in', error: null, onboardingId: expect.any(String) });
        expect(item.signIn?.userCode).toMatch(/^[A-Z0-9]{6,}$/);
      }
      expect(result.items[2]).toMatchObject({ onboardingId: null, signIn: null, error: { code: 'CUSTOMER_NOT_FOUND' } });

      const replay = await hook('POST', '/onboardings', body, 'msg_start_batch_1');
      expect(replay).toMatchObject({ status: 202, replayed: true });
      expect(JSON.parse(replay.body)).toEqual(result);
      const batches = await stack.api.onboarding.listBatches();
      expect(batches.status === 200 && batches.body.items.map((batch) => batch.id)).toEqual([result.batchId]);
      const again = await hook('POST', '/onboardings', body, 'msg_start_batch_2');
      expect((JSON.parse(again.body) as StartOnboardingsHookResult).items.map((item) => item.error?.code)).toEqual([
        'ONBOARDING_ALREADY_ACTIVE',
        'ONBOARDING_ALREADY_ACTIVE',
        'CUSTOMER_NOT_FOUND',
      ]);

      const active = await stack.api.onboarding.listOnboardings({ query: { active: 'true' } });
      expect(active.status === 200 && active.body.items.map((item) => item.id).sort()).toEqual(
        result.items.slice(0, 2).map((item) => item.onboardingId).sort(),
      );
      const batch = await stack.api.onboarding.getBatch({ params: { batchId: result.batchId } });
      expect(batch.status === 200 && batch.body.settings).toMatchObject({ applicationName: 'Host Started Backup', licenseMode: 'manual' });
      const audit = await stack.api.organizations.listAuditRecords({ params: { organizationId: (await organizationOf(result.items[0]!.onboardingId!)) } });
      expect(audit.status === 200 && audit.body.items[0]).toMatchObject({ technicianId: 'host', kind: 'onboarding' });
    });

    async function organizationOf(onboardingId: string): Promise<string> {
      const response = await stack.api.onboarding.getOnboarding({ params: { onboardingId } });
      if (response.status !== 200) throw new Error(`getOnboarding answered ${response.status}`);
      return response.body.organizationId!;
    }
  });

  describe('GET /partners/:partnerId/customers/:customerId/status', () => {
    it('should show the current code while the admin signs in, then the connected organization', async () => {
      const waiting = JSON.parse((await hook('GET', '/customers/cust-contoso/status')).body) as CustomerStatus;
      expect(waiting).toMatchObject({ customerId: 'cust-contoso', organizationStatus: 'connecting', onboarding: { status: 'awaiting_sign_in' } });
      stack.emulator.control.completeDeviceCode(waiting.onboarding!.signIn!.userCode, { email: 'admin@contoso.com', password: SEED_PASSWORD });
      const connected = await stack.waitFor(waiting.onboarding!.id, (onboarding) => ['connected', 'failed'].includes(onboarding.status));
      expect(connected.status).toBe('connected');
      contosoOrganization = connected.organizationId!;

      const status = JSON.parse((await hook('GET', '/customers/cust-contoso/status')).body) as CustomerStatus;
      expect(status).toMatchObject({
        organizationId: contosoOrganization,
        organizationStatus: 'connected',
        onboarding: { id: waiting.onboarding!.id, status: 'connected', signIn: null },
        usersLicensed: 0,
        lastSyncAt: expect.any(String),
      });
      const all = JSON.parse((await hook('GET', '/status')).body) as { items: CustomerStatus[] };
      expect(all.items.map((item) => item.customerId).sort()).toEqual(
        ['cust-adventure-works', 'cust-alpine-ski-house', 'cust-contoso', 'cust-fabrikam', 'cust-litware', 'cust-northwind', 'cust-proseware', 'cust-tailspin', 'cust-woodgrove'],
      );
      expect(all.items.find((item) => item.customerId === 'cust-tailspin')).toMatchObject({ organizationStatus: 'connecting', onboarding: { status: 'awaiting_sign_in' } });
    });
  });

  describe('DELETE /partners/:partnerId/devices/:deviceId', () => {
    it("should put the organizations it backed up in need of attention and tell the host, once per message", async () => {
      const before = (await events()).length;
      const deleted = await hook('DELETE', '/devices/dev-backup-01', undefined, 'msg_delete_main');
      expect(deleted.status).toBe(200);
      expect((await organization(contosoOrganization)).attention).toMatchObject({ reason: 'default_device_missing' });
      const after = await events();
      const added = after.slice(0, after.length - before);
      expect(added.filter((event) => event.organizationId === contosoOrganization).map((event) => event.type).sort()).toEqual([
        'device.default_missing',
        'organization.needs_attention',
      ]);

      expect(await hook('DELETE', '/devices/dev-backup-01', undefined, 'msg_delete_main')).toMatchObject({ status: 200, replayed: true });
      expect(await hook('DELETE', '/devices/dev-backup-01', undefined, 'msg_delete_main_again')).toMatchObject({ status: 200 });
      expect((await events()).length).toBe(after.length);

      const restored = await hook('PUT', '/devices/dev-backup-01', { name: 'BACKUP-01', isMain: true, status: 'online' });
      expect(restored.status).toBe(200);
      expect(await organization(contosoOrganization)).toMatchObject({ status: 'connected', attention: null });
    });
  });

  describe('DELETE /partners/:partnerId/customers/:customerId', () => {
    it('should refuse to delete a customer with an organization, and delete one without', async () => {
      const refused = await hook('DELETE', '/customers/cust-contoso');
      expect(refused.status).toBe(409);
      expect(JSON.parse(refused.body)).toMatchObject({ code: 'CUSTOMER_ALREADY_CONNECTED' });
      expect((await hook('DELETE', '/customers/cust-proseware')).status).toBe(200);
      expect((await hook('GET', '/customers/cust-proseware/status')).status).toBe(404);
    });
  });
});
