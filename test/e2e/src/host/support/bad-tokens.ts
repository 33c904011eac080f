import { createHmac } from 'node:crypto';
import { HOST_UI_TOKEN_TYPE } from '@m365/contracts';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function body(claims: Record<string, unknown>): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iat: now, exp: now + 300, ...claims };
}

/** A token with `alg: none` and otherwise correct claims. */
export function unsignedToken(claims: Record<string, unknown>, typ = HOST_UI_TOKEN_TYPE): string {
  return `${b64({ alg: 'none', typ })}.${b64(body(claims))}.`;
}

/** HS256 keyed with the host's public key text: the HS/RS algorithm confusion. */
export function hmacWithPublicKey(claims: Record<string, unknown>, publicKeyText: string, typ = HOST_UI_TOKEN_TYPE): string {
  const signingInput = `${b64({ alg: 'HS256', typ })}.${b64(body(claims))}`;
  return `${signingInput}.${createHmac('sha256', publicKeyText).update(signingInput).digest('base64url')}`;
}
