import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createHash, webcrypto } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export interface TlsMaterial {
  /** PEM file holding the emulator's CA certificate: point NODE_EXTRA_CA_CERTS at it. */
  caFile: string;
  caCertPem: string;
  serverCertPem: string;
  serverKeyPem: string;
}

const ALGORITHM = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

/** test/emulator/.data, whether running from src (tsx, vitest) or from dist. */
export function defaultDataDir(): string {
  return process.env.M365_EMULATOR_DATA_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '.data');
}

async function privateKeyPem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  const body = der.toString('base64').match(/.{1,64}/g)!.join('\n');
  return `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`;
}

async function generate(): Promise<Omit<TlsMaterial, 'caFile'>> {
  const notBefore = new Date(Date.now() - 24 * 3600 * 1000);
  const notAfter = new Date(Date.now() + TEN_YEARS_MS);
  const caKeys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Date.now().toString(16),
    name: 'CN=M365 Emulator Local CA, O=M365 Backup Plugin Tests',
    notBefore,
    notAfter,
    signingAlgorithm: ALGORITHM,
    keys: caKeys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const serverKeys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const server = await x509.X509CertificateGenerator.create({
    serialNumber: (Date.now() + 1).toString(16),
    subject: 'CN=127.0.0.1',
    issuer: ca.subject,
    notBefore,
    notAfter,
    signingAlgorithm: ALGORITHM,
    publicKey: serverKeys.publicKey,
    signingKey: caKeys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([{ type: 'ip', value: '127.0.0.1' }, { type: 'dns', value: 'localhost' }]),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  return {
    caCertPem: ca.toString('pem') + '\n',
    serverCertPem: server.toString('pem') + '\n',
    serverKeyPem: await privateKeyPem(serverKeys.privateKey),
  };
}

function read(dir: string): TlsMaterial {
  return {
    caFile: join(dir, 'ca.pem'),
    caCertPem: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    serverCertPem: readFileSync(join(dir, 'server.pem'), 'utf8'),
    serverKeyPem: readFileSync(join(dir, 'server-key.pem'), 'utf8'),
  };
}

/**
 * Creates the CA and the 127.0.0.1 server certificate on first use and reuses them afterwards. Several processes
 * may start at once (vitest workers), so the files are written to a private directory renamed into place.
 */
export async function ensureCertificateAuthority(dataDir = defaultDataDir()): Promise<TlsMaterial> {
  const dir = join(dataDir, 'tls');
  if (existsSync(join(dir, 'server-key.pem'))) return read(dir);
  mkdirSync(dataDir, { recursive: true });
  const material = await generate();
  const staging = join(dataDir, `tls.${process.pid}.${Math.random().toString(36).slice(2)}`);
  mkdirSync(staging);
  writeFileSync(join(staging, 'ca.pem'), material.caCertPem);
  writeFileSync(join(staging, 'server.pem'), material.serverCertPem);
  writeFileSync(join(staging, 'server-key.pem'), material.serverKeyPem, { mode: 0o600 });
  try {
    renameSync(staging, dir);
  } catch {
    rmSync(staging, { recursive: true, force: true });
  }
  return read(dir);
}

/**
 * For a vitest globalSetup or a spawning harness: make child processes trust the emulator's CA. Node reads only one
 * NODE_EXTRA_CA_CERTS file, so a CA file already named there is kept by writing a bundle of both.
 */
export async function trustEmulatorCa(dataDir = defaultDataDir()): Promise<string> {
  const { caFile, caCertPem } = await ensureCertificateAuthority(dataDir);
  const existing = process.env.NODE_EXTRA_CA_CERTS;
  let chosen = caFile;
  if (existing && existing !== caFile && existsSync(existing)) {
    const current = readFileSync(existing, 'utf8');
    if (current.includes(caCertPem.trim())) {
      chosen = existing;
    } else {
      chosen = join(dataDir, 'tls', `bundle-${createHash('sha256').update(existing).update(current).digest('hex').slice(0, 16)}.pem`);
      if (!existsSync(chosen)) {
        const staging = `${chosen}.${process.pid}.tmp`;
        writeFileSync(staging, `${current.trimEnd()}\n${caCertPem}`);
        renameSync(staging, chosen);
      }
    }
  }
  process.env.NODE_EXTRA_CA_CERTS = chosen;
  return chosen;
}
