import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/test-database.js';
import { HookReceiptRepository } from './hook-receipt.repository.js';
import { HookReceiptsService, RECEIPT_RETENTION_MS } from './hook-receipts.service.js';

const request = (body: string) => ({ method: 'PUT', path: '/hooks/v1/partners/p1/seat-pool', rawBody: Buffer.from(body) });

describe(HookReceiptsService.name, () => {
  let service: HookReceiptsService;

  beforeEach(() => {
    service = new HookReceiptsService(new HookReceiptRepository(createTestDatabase()));
  });

  describe('begin', () => {
    it('should let the first delivery through and answer later ones with its answer', () => {
      expect(service.begin('p1', 'msg_1', request('{"totalSeats":5}'))).toEqual({ kind: 'first' });
      service.finish('p1', 'msg_1', 200, { total: 5 });
      expect(service.begin('p1', 'msg_1', request('{"totalSeats":5}'))).toEqual({ kind: 'replay', status: 200, body: { total: 5 } });
      expect(service.begin('p2', 'msg_1', request('{"totalSeats":5}'))).toEqual({ kind: 'first' });
    });

    it('should refuse a second delivery while the first is being processed, and the id reused for another message', () => {
      service.begin('p1', 'msg_2', request('{"totalSeats":5}'));
      expect(() => service.begin('p1', 'msg_2', request('{"totalSeats":5}'))).toThrow(expect.objectContaining({ code: 'HOOK_IN_PROGRESS' }));
      expect(() => service.begin('p1', 'msg_2', request('{"totalSeats":6}'))).toThrow(expect.objectContaining({ code: 'HOOK_ID_REUSED' }));
    });

    it('should process again after a server error, and after a restart interrupted the first delivery', () => {
      service.begin('p1', 'msg_3', request('{}'));
      service.finish('p1', 'msg_3', 500, { code: 'INTERNAL' });
      expect(service.begin('p1', 'msg_3', request('{}'))).toEqual({ kind: 'first' });
      expect(service.releaseUnfinished()).toBe(1);
      expect(service.begin('p1', 'msg_3', request('{}'))).toEqual({ kind: 'first' });
    });
  });

  describe('prune', () => {
    it('should forget answers past the retention only', () => {
      service.begin('p1', 'msg_4', request('{}'));
      service.finish('p1', 'msg_4', 200, { ok: true });
      expect(service.prune(new Date(Date.now() + RECEIPT_RETENTION_MS - 60_000))).toBe(0);
      expect(service.prune(new Date(Date.now() + RECEIPT_RETENTION_MS + 60_000))).toBe(1);
      expect(service.begin('p1', 'msg_4', request('{}'))).toEqual({ kind: 'first' });
    });
  });
});
