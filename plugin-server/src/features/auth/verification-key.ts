import { createPublicKey } from 'node:crypto';
import { TOKEN_ALGORITHMS } from '@m365/contracts';
import { createRemoteJWKSet, importJWK, importSPKI, type JWK, type JWTVerifyGetKey } from 'jose';

type TokenAlgorithm = (typeof TOKEN_ALGORITHMS)[number];
type ImportedKey = Awaited<ReturnType<typeof importSPKI>>;

/** The host's verification key and the only algorithms a token signed with it may claim. */
export interface VerificationKey {
  key: JWTVerifyGetKey | ImportedKey;
  algorithms: TokenAlgorithm[];
}

export class VerificationKeyError extends Error {}

/**
 * JWKS: keys are picked by `kid`/`alg` and only the asymmetric allow-list is accepted. A configured
 * key serves exactly one algorithm, derived from the key itself, so a token cannot choose HS256 and
 * use the public key as an HMAC secret, nor claim `none`.
 */
export async function loadVerificationKey(source: { jwksUrl: string | null; publicKey: string | null }): Promise<VerificationKey> {
  if (source.jwksUrl) {
    const key = createRemoteJWKSet(new URL(source.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 600_000, timeoutDuration: 5_000 });
    return { key, algorithms: [...TOKEN_ALGORITHMS] };
  }
  const text = source.publicKey?.trim();
  if (!text) throw new VerificationKeyError('HOST_JWKS_URL or HOST_JWT_PUBLIC_KEY must be set.');
  return text.startsWith('{') ? importConfiguredJwk(text) : importConfiguredPem(text);
}

async function importConfiguredJwk(text: string): Promise<VerificationKey> {
  let jwk: JWK;
  try {
    jwk = JSON.parse(text) as JWK;
  } catch {
    throw new VerificationKeyError('HOST_JWT_PUBLIC_KEY is neither a PEM public key nor a JSON Web Key.');
  }
  if (jwk.d !== undefined || jwk.k !== undefined) {
    throw new VerificationKeyError('HOST_JWT_PUBLIC_KEY must be a public key: it holds private or symmetric key material.');
  }
  const algorithm = algorithmOfJwk(jwk);
  return { key: await importJWK({ ...jwk, alg: algorithm }, algorithm) as ImportedKey, algorithms: [algorithm] };
}

async function importConfiguredPem(text: string): Promise<VerificationKey> {
  let type: string | undefined;
  try {
    type = createPublicKey(text).asymmetricKeyType;
  } catch {
    throw new VerificationKeyError('HOST_JWT_PUBLIC_KEY is not a readable PEM public key.');
  }
  const algorithm = type === 'rsa' ? 'RS256' : type === 'ec' ? 'ES256' : type === 'ed25519' ? 'EdDSA' : undefined;
  if (!algorithm) throw new VerificationKeyError(`HOST_JWT_PUBLIC_KEY is a ${type} key; use RSA, P-256 or Ed25519.`);
  return { key: await importSPKI(text, algorithm), algorithms: [algorithm] };
}

function algorithmOfJwk(jwk: JWK): TokenAlgorithm {
  const derived = jwk.kty === 'RSA' ? 'RS256' : jwk.kty === 'EC' && jwk.crv === 'P-256' ? 'ES256' : jwk.kty === 'OKP' && jwk.crv === 'Ed25519' ? 'EdDSA' : undefined;
  if (!derived) throw new VerificationKeyError('HOST_JWT_PUBLIC_KEY must be an RSA, EC P-256 or Ed25519 public key.');
  if (jwk.alg !== undefined && jwk.alg !== derived) {
    throw new VerificationKeyError(`HOST_JWT_PUBLIC_KEY says alg ${jwk.alg}, which its key type cannot use; expected ${derived}.`);
  }
  return derived;
}
