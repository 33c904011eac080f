import { describe, expect, it } from 'vitest';
import { SecretBox, bindingOf } from './secret-box.js';

const key = (byte: number) => Buffer.alloc(32, byte);
const box = (current: string) =>
  new SecretBox({ encryption: { keys: new Map([['v1', key(1)], ['v2', key(2)]]), current, generatedKeyFile: null } });

describe(SecretBox.name, () => {
  it('should round-trip a secret without leaving it readable', () => {
    const sealed = box('v1').seal('refresh-token-value', bindingOf('onboarding', 'o1', 'refresh_token'));
    expect(sealed).not.toContain('refresh-token-value');
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(box('v1').open(sealed, bindingOf('onboarding', 'o1', 'refresh_token'))).toBe('refresh-token-value');
  });

  it('should refuse a ciphertext moved to another row or column', () => {
    const sealed = box('v1').seal('secret', bindingOf('onboarding', 'o1', 'refresh_token'));
    expect(() => box('v1').open(sealed, bindingOf('onboarding', 'o2', 'refresh_token'))).toThrow();
    expect(() => box('v1').open(sealed, bindingOf('onboarding', 'o1', 'access_token'))).toThrow();
  });

  it('should refuse a tampered ciphertext', () => {
    const sealed = box('v1').seal('secret', 'b');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('SECRET').toString('base64url');
    expect(() => box('v1').open(parts.join('.'), 'b')).toThrow();
  });

  it('should open secrets sealed under an older key and flag them for re-sealing', () => {
    const old = box('v1').seal('secret', 'b');
    const current = box('v2');
    expect(current.open(old, 'b')).toBe('secret');
    expect(current.isStale(old)).toBe(true);
    expect(current.isStale(current.seal('secret', 'b'))).toBe(false);
  });

  it('should use a fresh IV each time', () => {
    expect(box('v1').seal('same', 'b')).not.toBe(box('v1').seal('same', 'b'));
  });
});
