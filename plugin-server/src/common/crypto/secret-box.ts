import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;

/**
 * AES-256-GCM under a versioned key. The associated data names the row and column a secret belongs
 * to, so a ciphertext copied into another row or column does not decrypt.
 * Sealed form: `<keyVersion>.<iv>.<tag>.<ciphertext>`, each part base64url.
 */
@Injectable()
export class SecretBox {
  constructor(@Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'encryption'>) {}

  seal(plaintext: string, binding: string): string {
    const version = this.config.encryption.current;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key(version), iv);
    cipher.setAAD(Buffer.from(binding, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [version, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
  }

  open(sealed: string, binding: string): string {
    const [version, iv, tag, ciphertext] = sealed.split('.');
    if (!version || !iv || !tag || ciphertext === undefined) throw new Error('Malformed sealed secret');
    const decipher = createDecipheriv(ALGORITHM, this.key(version), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(binding, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** True when the secret was sealed under an older key and should be re-sealed. */
  isStale(sealed: string): boolean {
    return sealed.split('.', 1)[0] !== this.config.encryption.current;
  }

  private key(version: string): Buffer {
    const key = this.config.encryption.keys.get(version);
    if (!key) throw new Error(`No encryption key "${version}" is configured (ENCRYPTION_KEYS)`);
    return key;
  }
}

/** The associated data of a secret column: table, row id and column. */
export function bindingOf(table: string, rowId: string, column: string): string {
  return `${table}:${rowId}:${column}`;
}
