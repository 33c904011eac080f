import { existsSync, readFileSync } from 'node:fs';

/**
 * What secrets look like on the wire, so a plaintext copy is found wherever it lands: JWT access and
 * id tokens, Microsoft's device codes (DAQAB...) and refresh tokens (1.AQ... / 0.A...), and private keys
 * (PEM armour or the base64 of a PKCS#8 RSA key).
 */
export const SECRET_PATTERNS: Record<string, RegExp> = {
  jwt: /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/,
  deviceCode: /DAQABIQEAAAD[A-Za-z0-9_-]{20,}/,
  refreshToken: /\b[01]\.A[QV][A-Za-z0-9_-]{40,}/,
  privateKeyPem: /PRIVATE KEY-----/,
  privateKeyPkcs8: /MIIE[vw][A-Za-z0-9+/]{60,}/,
};

/** Names of the patterns found in the given files (a database and its WAL are read as bytes). */
export function findSecrets(files: string[]): { file: string; kind: string; sample: string }[] {
  const found: { file: string; kind: string; sample: string }[] = [];
  for (const file of files.filter((candidate) => existsSync(candidate))) {
    const text = readFileSync(file).toString('latin1');
    for (const [kind, pattern] of Object.entries(SECRET_PATTERNS)) {
      const match = pattern.exec(text);
      if (match) found.push({ file, kind, sample: match[0].slice(0, 24) });
    }
  }
  return found;
}
