import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestConfig } from '../../test/test-config.js';
import type { AuthenticatedRequest } from './auth.decorators.js';
import { HookSignatureVerifier } from './hook-signature.verifier.js';

// The Standard Webhooks specification's test vector.
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  payload: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const OLD_SECRET = 'whsec_b2xkLXNlY3JldC1vbGQtc2VjcmV0LW9sZC1zZWNyZXQ=';
const refused = { code: 'HOOK_SIGNATURE_INVALID' };

function request(partnerId: string, headers: Record<string, string | undefined>, body: string): AuthenticatedRequest {
  return {
    params: { partnerId },
    rawBody: Buffer.from(body),
    header: (name: string) => headers[name.toLowerCase()],
  } as unknown as AuthenticatedRequest;
}

function vectorHeaders(overrides: Record<string, string | undefined> = {}) {
  return { 'webhook-id': VECTOR.id, 'webhook-timestamp': String(VECTOR.timestamp), 'webhook-signature': VECTOR.signature, ...overrides };
}

describe(HookSignatureVerifier.name, () => {
  const verifier = new HookSignatureVerifier(createTestConfig({ HOOK_SECRETS: `p1:${VECTOR.secret}|${OLD_SECRET},p2:${OLD_SECRET}` }));

  afterEach(() => vi.useRealTimers());

  function at(seconds: number) {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(seconds * 1000);
  }

  describe('verify', () => {
    it('should accept the reference vector of the specification', () => {
      at(VECTOR.timestamp);
      expect(verifier.verify(request('p1', vectorHeaders(), VECTOR.payload))).toBe('p1');
    });

    it('should refuse a body changed by one byte', () => {
      at(VECTOR.timestamp);
      expect(() => verifier.verify(request('p1', vectorHeaders(), VECTOR.payload.replace('4}', '5}')))).toThrow(expect.objectContaining(refused));
    });

    it('should refuse a wrong or truncated signature', () => {
      at(VECTOR.timestamp);
      const truncated = VECTOR.signature.slice(0, -4);
      const flipped = VECTOR.signature.replace('g0hM', 'g0hN');
      for (const signature of [truncated, flipped, 'v1,', 'v2,' + VECTOR.signature.slice(3), VECTOR.signature.slice(3)]) {
        expect(() => verifier.verify(request('p1', vectorHeaders({ 'webhook-signature': signature }), VECTOR.payload))).toThrow(expect.objectContaining(refused));
      }
    });

    it('should refuse a request missing any of the three headers', () => {
      at(VECTOR.timestamp);
      for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
        expect(() => verifier.verify(request('p1', vectorHeaders({ [name]: undefined }), VECTOR.payload))).toThrow(expect.objectContaining(refused));
      }
    });

    it('should refuse timestamps 6 minutes old or ahead and accept 4 minutes either way', () => {
      at(VECTOR.timestamp + 6 * 60);
      expect(() => verifier.verify(request('p1', vectorHeaders(), VECTOR.payload))).toThrow(/too old/);
      at(VECTOR.timestamp - 6 * 60);
      expect(() => verifier.verify(request('p1', vectorHeaders(), VECTOR.payload))).toThrow(/too new/);
      at(VECTOR.timestamp + 4 * 60);
      expect(verifier.verify(request('p1', vectorHeaders(), VECTOR.payload))).toBe('p1');
      at(VECTOR.timestamp - 4 * 60);
      expect(verifier.verify(request('p1', vectorHeaders(), VECTOR.payload))).toBe('p1');
    });

    it('should refuse a webhook-id containing a dot even when the signature matches it', () => {
      const now = Math.floor(Date.now() / 1000);
      const id = 'msg_1.2';
      const signature = new Webhook(VECTOR.secret).sign(id, new Date(now * 1000), '{}');
      expect(() =>
        verifier.verify(request('p1', { 'webhook-id': id, 'webhook-timestamp': String(now), 'webhook-signature': signature }, '{}')),
      ).toThrow(/without dots/);
    });

    it('should accept any of the partner secrets and any matching signature of a list, for rotation', () => {
      const now = new Date();
      const headers = (signature: string) => ({ 'webhook-id': 'msg_rot', 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': signature });
      const byOld = new Webhook(OLD_SECRET).sign('msg_rot', now, '{}');
      const byNew = new Webhook(VECTOR.secret).sign('msg_rot', now, '{}');
      const byStranger = new Webhook('whsec_c3RyYW5nZXItc3RyYW5nZXItc3RyYW5nZXI=').sign('msg_rot', now, '{}');
      expect(verifier.verify(request('p1', headers(byOld), '{}'))).toBe('p1');
      expect(verifier.verify(request('p1', headers(byNew), '{}'))).toBe('p1');
      expect(verifier.verify(request('p1', headers(`${byStranger} ${byNew}`), '{}'))).toBe('p1');
      expect(() => verifier.verify(request('p1', headers(byStranger), '{}'))).toThrow(expect.objectContaining(refused));
    });

    it("should refuse one partner's signature on another partner's path, and unknown partners", () => {
      const now = new Date();
      const signature = new Webhook(VECTOR.secret).sign('msg_x', now, '{}');
      const headers = { 'webhook-id': 'msg_x', 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': signature };
      expect(() => verifier.verify(request('p2', headers, '{}'))).toThrow(expect.objectContaining(refused));
      expect(() => verifier.verify(request('p3', headers, '{}'))).toThrow(expect.objectContaining({ code: 'HOOK_PARTNER_UNKNOWN' }));
    });
  });
});
