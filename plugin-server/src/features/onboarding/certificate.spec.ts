import { createPrivateKey, createSign, createVerify, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateCertificate } from './certificate.js';

describe('generateCertificate', () => {
  it('should produce a certificate whose key signs what its public key verifies', async () => {
    const generated = await generateCertificate('Acme, Backup = "Test"', 12, new Date('2026-11-27T00:00:00Z'));
    const certificate = new X509Certificate(generated.certificatePem);
    expect(certificate.subject).toBe('CN=Acme Backup Test');
    expect(new Date(certificate.validTo).toISOString()).toBe('2027-11-27T00:00:00.000Z');
    expect(certificate.fingerprint256.replace(/:/g, '')).toBe(generated.thumbprintSha256);
    expect(Buffer.from(generated.certificateDerBase64, 'base64').equals(certificate.raw)).toBe(true);
    const signature = createSign('sha256').update('proof').sign(createPrivateKey(generated.privateKeyPem));
    expect(createVerify('sha256').update('proof').verify(certificate.publicKey, signature)).toBe(true);
  });

  it('should give each certificate its own key id', async () => {
    const [a, b] = await Promise.all([generateCertificate('x', 1), generateCertificate('x', 1)]);
    expect(a.keyId).not.toBe(b.keyId);
    expect(a.thumbprintSha256).not.toBe(b.thumbprintSha256);
  });
});
