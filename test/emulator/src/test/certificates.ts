import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export interface TestCertificate {
  privateKeyPem: string;
  certificatePem: string;
  /** Base64 DER, the `key` of a keyCredential. */
  derBase64: string;
  sha1Thumbprint: string;
  sha256Thumbprint: string;
}

/** A self-signed RSA certificate like the one the plugin generates for its app credential. */
export async function createCertificate(subject = 'CN=M365 Backup Test'): Promise<TestCertificate> {
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01', name: subject, notBefore: new Date(Date.now() - 60_000), notAfter: new Date(Date.now() + 365 * 24 * 3600 * 1000),
    signingAlgorithm: algorithm, keys,
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  const der = Buffer.from(cert.rawData);
  return {
    privateKeyPem: `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`,
    certificatePem: cert.toString('pem'),
    derBase64: der.toString('base64'),
    sha1Thumbprint: Buffer.from(await cert.getThumbprint('SHA-1')).toString('hex').toUpperCase(),
    sha256Thumbprint: Buffer.from(await cert.getThumbprint('SHA-256')).toString('hex').toUpperCase(),
  };
}

