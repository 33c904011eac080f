import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findSecrets } from './secret-scan.js';

describe('findSecrets', () => {
  it('should find each kind of secret and nothing in clean text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scan-'));
    const dirty = join(dir, 'dirty.log');
    const clean = join(dir, 'clean.log');
    writeFileSync(
      dirty,
      [
        'token eyJhbGciOiJSUzI1NiJ9.eyJ0aWQiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJl',
        'code DAQABIQEAAADabcdefghijklmnopqrstuvwxyz',
        'refresh 1.AQ' + 'x'.repeat(60),
        '-----BEGIN PRIVATE KEY-----',
        'MIIEvQ' + 'A'.repeat(80),
      ].join('\n'),
    );
    writeFileSync(clean, 'v1.AbCd.EfGh.IjKl sealed secret and a thumbprint 3F2A...');
    expect(findSecrets([dirty, clean]).map((hit) => hit.kind).sort()).toEqual(['deviceCode', 'jwt', 'privateKeyPem', 'privateKeyPkcs8', 'refreshToken']);
    expect(findSecrets([clean])).toEqual([]);
  });
});
