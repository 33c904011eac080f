import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE, type Database } from '../../db/db.provider.js';
import { nextUserKey, organization } from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { CredentialExpiryService } from './credential-expiry.service.js';

const DAY = 24 * 3600_000;

describe(CredentialExpiryService.name, () => {
  let t: TestApp;
  let db: Database;
  let service: CredentialExpiryService;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DATABASE);
    service = t.app.get(CredentialExpiryService);
  });
  afterAll(() => t?.close());

  function organizationWithCertificate(id: string, status: 'connected' | 'disconnected', expiresInDays: number, thumbprint = `thumb-${id}`) {
    db.insert(organization)
      .values({
        id, partnerId: 'p1', customerId: `cust-${id}`, status, applicationName: 'Backup', licenseMode: 'automatic', defaultDeviceId: 'dev-1',
        syncIntervalMinutes: 60, tenantId: `tenant-${id}`, userKey: nextUserKey, certificateThumbprint: thumbprint, certificateExpiresAt: new Date(Date.now() + expiresInDays * DAY),
      })
      .run();
  }

  async function credentialEvents(partnerId = 'p1') {
    const response = await t.api('get', '/api/v1/events?limit=50', partnerId, 'viewer');
    expect(response.status).toBe(200);
    return (response.body as { items: { type: string; organizationId: string | null; status: string }[] }).items.filter((event) => event.type === 'credential.expiring');
  }

  describe('check', () => {
    it('should warn once per certificate expiring within 30 days of a live organization', async () => {
      organizationWithCertificate('soon', 'connected', 29);
      organizationWithCertificate('later', 'connected', 31);
      organizationWithCertificate('gone', 'disconnected', 5);
      expect(service.check()).toHaveLength(1);
      expect(service.check()).toHaveLength(0);
      expect(await credentialEvents()).toEqual([expect.objectContaining({ organizationId: 'soon', status: 'pending' })]);
      expect(await credentialEvents('p2')).toEqual([]);
    });

    it('should warn again for a renewed certificate, and for one that comes within 30 days later', async () => {
      db.update(organization).set({ certificateThumbprint: 'thumb-soon-2' }).where(eq(organization.id, 'soon')).run();
      expect(service.check()).toHaveLength(1);
      expect(service.check(new Date(Date.now() + 2 * DAY))).toHaveLength(1);
      expect((await credentialEvents()).map((event) => event.organizationId).sort()).toEqual(['later', 'soon', 'soon']);
    });
  });
});
