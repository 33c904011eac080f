import { deviceApi, type Onboarding } from '@m365/contracts';
import { callHook } from '@m365/host-portal';
import { initClient } from '@ts-rest/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onboard } from '../support/onboard.js';
import { PARTNER, startStack, type Stack } from '../support/stack.js';

describe('/device/v1', () => {
  let stack: Stack;
  let contoso: Onboarding;

  beforeAll(async () => {
    stack = await startStack();
    contoso = await onboard(stack, 'contoso.com', 'admin@contoso.com');
    expect(contoso.status).toBe('connected');
  });
  afterAll(() => stack?.close());

  async function device(deviceId: string, partnerId: string = PARTNER) {
    const { accessToken } = await stack.issuer.signDevice(partnerId, deviceId);
    return initClient(deviceApi, { baseUrl: stack.url, baseHeaders: { authorization: `Bearer ${accessToken}` } });
  }

  describe('GET /assignments', () => {
    it('should list the organizations the device is the Default device of, with their licensed users', async () => {
      const organization = await stack.api.organizations.getOrganization({ params: { organizationId: contoso.organizationId! } });
      if (organization.status !== 200) throw new Error('getOrganization failed');
      const response = await (await device('dev-backup-01')).listAssignments();
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        deviceId: 'dev-backup-01',
        items: [
          {
            organizationId: contoso.organizationId,
            customerId: 'cust-contoso',
            customerName: 'Contoso',
            tenantId: contoso.tenant!.tenantId,
            tenantName: 'Contoso',
            licensedUsers: organization.body.licensedCount,
          },
        ],
      });
      expect(organization.body.licensedCount).toBeGreaterThan(0);
      expect((await (await device('dev-backup-02')).listAssignments()).body).toEqual({ deviceId: 'dev-backup-02', items: [] });
    });
  });

  describe('GET /assignments/:organizationId/users', () => {
    it('should page through exactly the licensed users, with the workloads to back up', async () => {
      const client = await device('dev-backup-01');
      const seen: { id: string; workloads: Record<string, boolean>; isSharedMailbox: boolean }[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.listAssignedUsers({ params: { organizationId: contoso.organizationId! }, query: { limit: 7, cursor } });
        if (page.status !== 200) throw new Error(`listAssignedUsers answered ${page.status}`);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor ?? undefined;
      } while (cursor);
      const licensed = await stack.api.users.listUsers({ params: { organizationId: contoso.organizationId! }, query: { licensed: 'true', limit: 500 } });
      if (licensed.status !== 200) throw new Error('listUsers failed');
      expect(seen.map((user) => user.id).sort()).toEqual(licensed.body.items.map((user) => user.id).sort());
      for (const user of licensed.body.items) {
        const assigned = seen.find((candidate) => candidate.id === user.id)!;
        expect(assigned.workloads).toEqual({ mailbox: user.hasMailbox, contacts: user.hasMailbox, calendar: user.hasMailbox, oneDrive: user.hasOneDrive });
      }
      expect(seen.some((user) => user.isSharedMailbox && user.workloads.mailbox)).toBe(true);
    });
  });

  describe('POST /assignments/:organizationId/access-token', () => {
    it("should hand out an app-only Graph token that works, and nothing of the certificate", async () => {
      const response = await (await device('dev-backup-01')).createAccessToken({ params: { organizationId: contoso.organizationId! } });
      expect(response.status).toBe(200);
      if (response.status !== 200) return;
      expect(response.body).toMatchObject({ tenantId: contoso.tenant!.tenantId, graphBaseUrl: stack.emulator.url });
      expect(Date.parse(response.body.expiresAt)).toBeGreaterThan(Date.now() + 10 * 60_000);
      expect(Object.keys(response.body).sort()).toEqual(['accessToken', 'expiresAt', 'graphBaseUrl', 'tenantId']);
      const users = await fetch(`${response.body.graphBaseUrl}/v1.0/users?$top=1`, { headers: { authorization: `Bearer ${response.body.accessToken}` } });
      expect(users.status).toBe(200);
    });

    it('should follow the Default device: another device gets it, the former one and a deleted one get 404', async () => {
      const organizationId = contoso.organizationId!;
      const moved = await stack.api.organizations.updateOrganizationSettings({ params: { organizationId }, body: { defaultDeviceId: 'dev-backup-02' } });
      expect(moved.status).toBe(200);
      const former = await (await device('dev-backup-01')).createAccessToken({ params: { organizationId } });
      expect(former.status).toBe(404);
      expect(former.body).toMatchObject({ code: 'ORGANIZATION_NOT_FOUND' });
      const current = await (await device('dev-backup-02')).createAccessToken({ params: { organizationId } });
      expect(current.status).toBe(200);
      const otherPartner = await (await device('dev-backup-02', 'partner-other')).createAccessToken({ params: { organizationId } });
      expect(otherPartner.status).toBe(404);

      expect((await callHook(stack.url, stack.hookSecret, 'DELETE', `/partners/${PARTNER}/devices/dev-backup-02`, undefined)).status).toBe(200);
      const deleted = await device('dev-backup-02');
      expect((await deleted.createAccessToken({ params: { organizationId } })).status).toBe(404);
      expect((await deleted.listAssignments()).body).toEqual({ deviceId: 'dev-backup-02', items: [] });
    });
  });
});
