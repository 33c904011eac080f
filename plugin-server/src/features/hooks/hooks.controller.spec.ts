import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE, type Database } from '../../db/db.provider.js';
import { insertOrganization, insertUser } from '../../test/sync-fixtures.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { AutomaticLicensingService } from '../licensing/automatic-licensing.service.js';
import { HooksController } from './hooks.controller.js';

describe(HooksController.name, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  async function customerNames(partnerId = 'p1'): Promise<string[]> {
    const response = await t.api('get', '/api/v1/customers', partnerId, 'viewer');
    expect(response.status).toBe(200);
    return (response.body as { items: { name: string }[] }).items.map((item) => item.name);
  }

  describe('signature', () => {
    it('should apply a correctly signed hook', async () => {
      const response = await t.hook('PUT', '/partners/p1/customers/c-signed', { name: 'Signed Ltd', domains: ['signed.example'] });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ ok: true });
      expect(await customerNames()).toContain('Signed Ltd');
    });

    it('should refuse, with no effect, every request whose signature does not hold', async () => {
      const body = { name: 'Forged Ltd', domains: [] };
      const path = '/hooks/v1/partners/p1/customers/c-forged';
      const signed = () => t.hook('PUT', '/partners/p1/customers/c-forged', body);
      const attempts = [
        t.http.put(path).set('content-type', 'application/json').send(body),
        signed().set('webhook-signature', 'v1,AAAA'),
        signed().unset('webhook-id'),
        signed().unset('webhook-timestamp'),
        t.hook('PUT', '/partners/p1/customers/c-forged', body, { at: new Date(Date.now() - 6 * 60_000) }),
        t.hook('PUT', '/partners/p1/customers/c-forged', body, { at: new Date(Date.now() + 6 * 60_000) }),
        t.hook('PUT', '/partners/p1/customers/c-forged', body, { id: 'msg.with.dots' }),
        t.hook('PUT', '/partners/p1/customers/c-forged', body, { secret: 'whsec_c29tZW9uZS1lbHNlcy1zZWNyZXQtc29tZW9uZQ==' }),
      ];
      for (const attempt of attempts) {
        const response = await attempt;
        expect(response.status).toBe(401);
        expect(response.body).toMatchObject({ code: 'HOOK_SIGNATURE_INVALID' });
      }
      expect(await customerNames()).not.toContain('Forged Ltd');
    });

    it('should refuse a body changed by one byte after signing', async () => {
      const signed = JSON.stringify({ name: 'Original' });
      const response = await t.hook('PUT', '/partners/p1/customers/c-tampered', { name: 'Original' }, { send: signed.replace('Original', 'Originam') });
      expect(response.status).toBe(401);
      expect(await customerNames()).not.toContain('Originam');
      await t.hook('PUT', '/partners/p1/customers/c-tampered', { name: 'Original' }, { send: signed }).expect(200);
    });

    it("should refuse partner p1's signature on partner p2's hooks, and a host token instead of a signature", async () => {
      const response = await t.hook('PUT', '/partners/p2/customers/c-cross', { name: 'Cross' });
      expect(response.status).toBe(401);
      const bearer = await t.http
        .put('/hooks/v1/partners/p1/customers/c-bearer')
        .set('authorization', `Bearer ${await t.forge.host('p1', 'admin')}`)
        .send({ name: 'Bearer' });
      expect(bearer.status).toBe(401);
      expect(await customerNames('p2')).toEqual([]);
      expect(await customerNames()).not.toContain('Bearer');
    });

    it('should answer 404 for a partner without a hook secret', async () => {
      const response = await t.hook('PUT', '/partners/p9/customers/c1', { name: 'Nobody' });
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ code: 'HOOK_PARTNER_UNKNOWN' });
    });
  });

  describe('replays', () => {
    it('should answer a replayed webhook-id with the first answer and change nothing', async () => {
      const first = await t.hook('PUT', '/partners/p1/customers/c-replay', { name: 'First name' }, { id: 'msg_replay_1' });
      expect(first.status).toBe(200);
      const second = await t.hook('PUT', '/partners/p1/customers/c-replay', { name: 'Second name' }, { id: 'msg_replay_2' });
      expect(second.status).toBe(200);
      const replay = await t.hook('PUT', '/partners/p1/customers/c-replay', { name: 'First name' }, { id: 'msg_replay_1' });
      expect(replay.status).toBe(200);
      expect(replay.headers['webhook-replayed']).toBe('true');
      expect(replay.body).toEqual(first.body);
      const names = await customerNames();
      expect(names).toContain('Second name');
      expect(names).not.toContain('First name');
    });

    it('should replay the first answer of a refused hook too', async () => {
      const invalid = await t.hook('PUT', '/partners/p1/seat-pool', { totalSeats: -1 }, { id: 'msg_invalid_pool' });
      expect(invalid.status).toBe(400);
      const replay = await t.hook('PUT', '/partners/p1/seat-pool', { totalSeats: -1 }, { id: 'msg_invalid_pool' });
      expect(replay.status).toBe(400);
      expect(replay.body).toEqual(invalid.body);
    });

    it('should refuse an id reused for another message', async () => {
      await t.hook('PUT', '/partners/p1/seat-pool', { totalSeats: 10 }, { id: 'msg_reused' }).expect(200);
      const reused = await t.hook('PUT', '/partners/p1/seat-pool', { totalSeats: 11 }, { id: 'msg_reused' });
      expect(reused.status).toBe(409);
      expect(reused.body).toMatchObject({ code: 'HOOK_ID_REUSED' });
    });

    it('should keep ids apart per partner', async () => {
      const secret = 'whsec_cDItc2VjcmV0LXAyLXNlY3JldC1wMi1zZWNyZXQ=';
      await t.hook('PUT', '/partners/p1/customers/c-shared-id', { name: 'P1 customer' }, { id: 'msg_same' }).expect(200);
      const p2 = await t.hook('PUT', '/partners/p2/customers/c-shared-id', { name: 'P2 customer' }, { id: 'msg_same', secret });
      expect(p2.status).toBe(200);
      expect(p2.headers['webhook-replayed']).toBeUndefined();
      expect(await customerNames('p2')).toEqual(['P2 customer']);
    });
  });

  describe('setSeatPool', () => {
    it("should set the partner's pool and answer with its use", async () => {
      const response = await t.hook('PUT', '/partners/p1/seat-pool', { totalSeats: 250 });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ total: 250, used: 0, available: 250 });
    });
  });

  describe('setSeatPool, with users waiting for seats', () => {
    let own: TestApp;

    beforeAll(async () => {
      own = await createTestApp();
    });
    afterAll(() => own?.close());

    it('should give the new seats to users left waiting in automatic mode before answering', async () => {
      await own.hook('PUT', '/partners/p1/seat-pool', { totalSeats: 1 }).expect(200);
      const db = own.app.get<Database>(DATABASE);
      const organization = insertOrganization(db, { partnerId: 'p1' });
      for (const upn of ['a@p1', 'b@p1', 'c@p1']) insertUser(db, organization, { userPrincipalName: upn });
      expect(await own.app.get(AutomaticLicensingService).apply(organization, 'automatic')).toMatchObject({ licensed: 1, waiting: 2 });

      const response = await own.hook('PUT', '/partners/p1/seat-pool', { totalSeats: 10 });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ total: 10, used: 3, available: 7 });
    });
  });

  describe('customer status', () => {
    it('should report a customer without organization, refuse unknown ones and list all of them', async () => {
      await t.hook('PUT', '/partners/p1/customers/c-status', { name: 'Status Co' }).expect(200);
      const one = await t.hook('GET', '/partners/p1/customers/c-status/status');
      expect(one.status).toBe(200);
      expect(one.body).toEqual({ customerId: 'c-status', organizationId: null, organizationStatus: null, onboarding: null, usersLicensed: 0, lastSyncAt: null });
      const unknown = await t.hook('GET', '/partners/p1/customers/c-unknown/status');
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ code: 'CUSTOMER_NOT_FOUND' });
      const all = await t.hook('GET', '/partners/p1/status');
      expect(all.status).toBe(200);
      expect((all.body as { items: { customerId: string }[] }).items.map((item) => item.customerId)).toContain('c-status');
    });
  });

  describe('startOnboardings', () => {
    it('should answer each customer that cannot start with its reason', async () => {
      const response = await t.hook('POST', '/partners/p1/onboardings', { customerIds: ['c-missing'], settings: {} });
      expect(response.status).toBe(202);
      expect(response.body.items).toEqual([
        { customerId: 'c-missing', onboardingId: null, status: null, signIn: null, error: expect.objectContaining({ code: 'CUSTOMER_NOT_FOUND' }) },
      ]);
    });
  });
});
