import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureCertificateAuthority, trustEmulatorCa } from './ca.js';

describe('emulator CA', () => {
  const dirs: string[] = [];
  const previous = process.env.NODE_EXTRA_CA_CERTS;

  afterEach(() => {
    process.env.NODE_EXTRA_CA_CERTS = previous;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'm365-emulator-ca-'));
    dirs.push(dir);
    return dir;
  }

  it('creates a CA and a 127.0.0.1 server certificate once, and reuses them', async () => {
    const dir = tempDir();

    const [first, second] = await Promise.all([ensureCertificateAuthority(dir), ensureCertificateAuthority(dir)]);
    const again = await ensureCertificateAuthority(dir);

    const ca = new X509Certificate(again.caCertPem);
    const server = new X509Certificate(again.serverCertPem);
    expect(again.caCertPem).toBe(readFileSync(again.caFile, 'utf8'));
    expect([first.caCertPem, second.caCertPem]).toContain(again.caCertPem);
    expect(ca.ca).toBe(true);
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
  });

  it('points NODE_EXTRA_CA_CERTS at a bundle that keeps an already trusted CA file', async () => {
    const dir = tempDir();
    const other = join(dir, 'corporate.pem');
    const corporate = (await ensureCertificateAuthority(tempDir())).caCertPem;
    writeFileSync(other, corporate);
    process.env.NODE_EXTRA_CA_CERTS = other;

    const chosen = await trustEmulatorCa(dir);

    const bundle = readFileSync(chosen, 'utf8');
    expect(process.env.NODE_EXTRA_CA_CERTS).toBe(chosen);
    expect(bundle).toContain(corporate.trim());
    expect(bundle).toContain(readFileSync(join(dir, 'tls', 'ca.pem'), 'utf8').trim());
  });
});
