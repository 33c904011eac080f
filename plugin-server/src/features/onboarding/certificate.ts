import 'reflect-metadata';
import { randomUUID, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALGORITHM = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };

export interface GeneratedCertificate {
  keyId: string;
  certificatePem: string;
  certificateDerBase64: string;
  privateKeyPem: string;
  thumbprintSha256: string;
  subject: string;
  expiresAt: Date;
}

/** A self-signed certificate for the application's credential; the private key never leaves the server. */
export async function generateCertificate(applicationName: string, validityMonths: number, now = new Date()): Promise<GeneratedCertificate> {
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const notAfter = new Date(now);
  notAfter.setUTCMonth(notAfter.getUTCMonth() + validityMonths);
  // Characters with a meaning in distinguished names are dropped rather than escaped.
  const subject = `CN=${applicationName.replace(/[,=+<>#;"\\]/g, ' ').replace(/\s+/g, ' ').trim() || 'Backup'}`;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomUUID().replace(/-/g, ''),
    name: subject,
    notBefore: new Date(now.getTime() - 5 * 60_000),
    notAfter,
    signingAlgorithm: ALGORITHM,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return {
    keyId: randomUUID(),
    certificatePem: certificate.toString('pem'),
    certificateDerBase64: Buffer.from(certificate.rawData).toString('base64'),
    privateKeyPem: `-----BEGIN PRIVATE KEY-----\n${pkcs8.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`,
    thumbprintSha256: Buffer.from(await certificate.getThumbprint('SHA-256')).toString('hex').toUpperCase(),
    subject,
    expiresAt: notAfter,
  };
}
