import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/db.provider.js';
import { outboxEvent } from '../../db/schema/index.js';
import { createTestConfig } from '../../test/test-config.js';
import { createTestDatabase } from '../../test/test-database.js';
import { EventDeliveryService } from './event-delivery.service.js';
import { EventsService } from './events.service.js';
import { OutboxRepository } from './outbox.repository.js';

const NEW_SECRET = 'whsec_bmV3LXNlY3JldC1uZXctc2VjcmV0LW5ldy1zZWNyZXQ=';
const OLD_SECRET = 'whsec_b2xkLXNlY3JldC1vbGQtc2VjcmV0LW9sZC1zZWNyZXQ=';

interface Received {
  id: string;
  type: string;
  organizationId: string | null;
  verifiedWith: string[];
}

describe(EventDeliveryService.name, () => {
  let server: Server;
  let url: string;
  let received: Received[];
  let answer: (request: IncomingMessage) => number;
  let db: Database;
  let events: EventsService;

  beforeAll(async () => {
    // Giving up on an event is logged as an error, which is what one test makes happen.
    Logger.overrideLogger(false);
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const status = answer(request);
        if (status < 300) {
          const envelope = JSON.parse(body) as { id: string; type: string; data: { organizationId?: string } };
          const verifiedWith = [NEW_SECRET, OLD_SECRET].filter((secret) => {
            try {
              new Webhook(secret).verify(body, request.headers as Record<string, string>);
              return true;
            } catch {
              return false;
            }
          });
          received.push({ id: envelope.id, type: envelope.type, organizationId: envelope.data.organizationId ?? null, verifiedWith });
        }
        response.writeHead(status).end(status < 300 ? '' : 'host down');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  beforeEach(() => {
    received = [];
    answer = () => 204;
    db = createTestDatabase();
    events = new EventsService(new OutboxRepository(db));
  });

  function delivery(env: Record<string, string | undefined> = {}): EventDeliveryService {
    const config = createTestConfig({
      HOST_EVENTS_URL: url,
      HOOK_SECRETS: `p1:${NEW_SECRET}|${OLD_SECRET},p2:${NEW_SECRET}`,
      HOST_EVENTS_RETRY_BASE_SECONDS: '0.01',
      HOST_EVENTS_RETRY_MAX_SECONDS: '0.02',
      ...env,
    });
    return new EventDeliveryService(new OutboxRepository(db), config);
  }

  function emitDeviceMissing(partnerId: string, organizationId: string): string {
    return events.emit(partnerId, 'device.default_missing', { organizationId, customerId: 'c', tenantId: null, deviceId: 'd' }, organizationId);
  }

  async function run(service: EventDeliveryService, rounds: number): Promise<void> {
    for (let round = 0; round < rounds; round += 1) {
      service.tick();
      await service.drain();
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  describe('tick', () => {
    it('should post each event once, signed with every secret of its partner, in order per organization', async () => {
      const ids = ['o1', 'o2', 'o1', 'o2', 'o1'].map((organizationId) => emitDeviceMissing('p1', organizationId));
      const service = delivery();
      await run(service, 3);
      expect(received.map((event) => event.id).sort()).toEqual([...ids].sort());
      expect(received.filter((event) => event.organizationId === 'o1').map((event) => event.id)).toEqual([ids[0], ids[2], ids[4]]);
      expect(received.every((event) => event.verifiedWith.length === 2)).toBe(true);
      expect(events.list('p1', { limit: 10 }).items.every((event) => event.status === 'delivered' && event.attempts === 1)).toBe(true);
    });

    it('should hold the rest of a lane while its first event is retried, and let other lanes through', async () => {
      const first = emitDeviceMissing('p1', 'o1');
      const second = emitDeviceMissing('p1', 'o1');
      const other = emitDeviceMissing('p1', 'o2');
      let failures = 3;
      answer = (request) => {
        const failing = request.headers['webhook-id'] === first && failures > 0;
        if (failing) failures -= 1;
        return failing ? 503 : 204;
      };
      const service = delivery();
      service.tick();
      await service.drain();
      expect(received.map((event) => event.id)).toEqual([other]);
      const pending = events.list('p1', { status: 'pending', limit: 10 }).items;
      expect(pending.find((event) => event.id === first)).toMatchObject({ attempts: 1, lastError: 'The host answered 503: host down' });
      await run(service, 10);
      expect(received.map((event) => event.id)).toEqual([other, first, second]);
      expect(events.list('p1', { limit: 10 }).items.find((event) => event.id === first)).toMatchObject({ status: 'delivered', attempts: 4, lastError: null });
    });

    it('should mark an event failed once its retry window has passed', async () => {
      const id = emitDeviceMissing('p1', 'o1');
      answer = () => 500;
      const service = delivery({ HOST_EVENTS_RETRY_HOURS: '0.00001' });
      await run(service, 3);
      expect(events.list('p1', { status: 'failed', limit: 10 }).items.map((event) => event.id)).toEqual([id]);
      expect(received).toEqual([]);
    });

    it('should not post without a host URL, nor for a partner without a secret', async () => {
      emitDeviceMissing('p1', 'o1');
      await run(delivery({ HOST_EVENTS_URL: undefined }), 2);
      expect(received).toEqual([]);
      db.update(outboxEvent).set({ partnerId: 'p9' }).run();
      await run(delivery(), 2);
      expect(received).toEqual([]);
      expect(events.list('p9', { limit: 10 }).items[0]!.lastError).toMatch(/No secret is configured for partner p9/);
    });
  });
});
