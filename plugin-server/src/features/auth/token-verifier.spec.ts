import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEVICE_TOKEN_TYPE, HOST_UI_TOKEN_TYPE } from '@m365/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestConfig } from '../../test/test-config.js';
import { FORGE_AUDIENCE, FORGE_ISSUER, TokenForge } from '../../test/token-forge.js';
import { TokenVerifier } from './token-verifier.js';

const refused = { code: 'UNAUTHENTICATED' };

function verifier(key: Record<string, string>): TokenVerifier {
  return new TokenVerifier(
    createTestConfig({ HOST_JWT_ISSUER: FORGE_ISSUER, HOST_JWT_AUDIENCE: FORGE_AUDIENCE, HOST_JWT_PUBLIC_KEY: undefined, ...key }),
  );
}

describe(TokenVerifier.name, () => {
  let rsa: TokenForge;
  let pemVerifier: TokenVerifier;

  beforeAll(async () => {
    rsa = await TokenForge.create('RS256');
    pemVerifier = verifier({ HOST_JWT_PUBLIC_KEY: rsa.publicKeyPem });
  });

  describe('verifyHostToken', () => {
    it('should take partner, technician and role only from a verified token', async () => {
      const token = await rsa.host('p1', 'technician', { sub: 'tech-9', name: 'Nine' });
      await expect(pemVerifier.verifyHostToken(token)).resolves.toEqual({
        partnerId: 'p1',
        technicianId: 'tech-9',
        technicianName: 'Nine',
        role: 'technician',
      });
    });

    it('should refuse alg none', async () => {
      await expect(pemVerifier.verifyHostToken(rsa.unsigned({ sub: 't', partner_id: 'p1', role: 'admin' }))).rejects.toMatchObject(refused);
    });

    it('should refuse HS256 signed with the RSA public key (algorithm confusion)', async () => {
      const claims = { sub: 't', partner_id: 'p1', role: 'admin' };
      await expect(pemVerifier.verifyHostToken(await rsa.hmacWithPublicKey(claims))).rejects.toMatchObject(refused);
      const jwkVerifier = verifier({ HOST_JWT_PUBLIC_KEY: JSON.stringify(rsa.publicJwk) });
      await expect(jwkVerifier.verifyHostToken(await rsa.hmacWithPublicKey(claims, JSON.stringify(rsa.publicJwk)))).rejects.toMatchObject(refused);
    });

    it('should refuse a device token, or a token without the UI type', async () => {
      await expect(pemVerifier.verifyHostToken(await rsa.host('p1', 'admin', {}, DEVICE_TOKEN_TYPE))).rejects.toMatchObject(refused);
      await expect(pemVerifier.verifyHostToken(await rsa.sign({ sub: 't', partner_id: 'p1', role: 'admin' }, undefined))).rejects.toMatchObject(refused);
      await expect(pemVerifier.verifyHostToken(await rsa.host('p1', 'admin', {}, 'JWT'))).rejects.toMatchObject(refused);
    });

    it('should refuse expired, too old and not yet issued tokens', async () => {
      const now = Math.floor(Date.now() / 1000);
      await expect(pemVerifier.verifyHostToken(await rsa.host('p1', 'admin', { iat: now - 400, exp: now - 60 }))).rejects.toMatchObject(refused);
      await expect(pemVerifier.verifyHostToken(await rsa.host('p1', 'admin', { iat: now - 3600, exp: now + 3600 }))).rejects.toMatchObject(refused);
      await expect(pemVerifier.verifyHostToken(await rsa.host('p1', 'admin', { iat: now + 600, exp: now + 900 }))).rejects.toMatchObject(refused);
    });

    it('should accept a clock difference within the configured skew', async () => {
      const now = Math.floor(Date.now() / 1000);
      await expect(pemVerifier.verifyHostToken(await rsa.host('p1', 'viewer', { iat: now - 60, exp: now - 10 }))).resolves.toMatchObject({ role: 'viewer' });
    });

    it('should refuse another issuer, another audience or another key', async () => {
      await expect(pemVerifier.verifyHostToken(await rsa.host('p1', 'admin', { iss: 'https://evil.test' }))).rejects.toMatchObject(refused);
      await expect(pemVerifier.verifyHostToken(await rsa.host('p1', 'admin', { aud: 'another-plugin' }))).rejects.toMatchObject(refused);
      const stranger = await TokenForge.create('RS256');
      await expect(pemVerifier.verifyHostToken(await stranger.host('p1', 'admin'))).rejects.toMatchObject(refused);
    });

    it('should refuse a token without partner or with an unknown role', async () => {
      await expect(pemVerifier.verifyHostToken(await rsa.host('p1', 'owner'))).rejects.toMatchObject(refused);
      await expect(pemVerifier.verifyHostToken(await rsa.host('', 'admin'))).rejects.toMatchObject(refused);
    });
  });

  describe('verifyDeviceToken', () => {
    it('should accept a device token and refuse a host UI token', async () => {
      await expect(pemVerifier.verifyDeviceToken(await rsa.device('p1', 'dev-1'))).resolves.toEqual({ partnerId: 'p1', deviceId: 'dev-1' });
      await expect(pemVerifier.verifyDeviceToken(await rsa.device('p1', 'dev-1', {}, HOST_UI_TOKEN_TYPE))).rejects.toMatchObject(refused);
      await expect(pemVerifier.verifyDeviceToken(rsa.unsigned({ sub: 'dev-1', partner_id: 'p1' }, DEVICE_TOKEN_TYPE))).rejects.toMatchObject(refused);
    });
  });

  describe('with a JWKS URL', () => {
    let server: Server;
    let es: TokenForge;
    let jwksVerifier: TokenVerifier;

    beforeAll(async () => {
      es = await TokenForge.create('ES256');
      server = createServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [{ ...es.publicJwk, kid: 'k1' }] }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      jwksVerifier = verifier({ HOST_JWKS_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json` });
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('should verify against the published keys and keep refusing HMAC and none', async () => {
      await expect(jwksVerifier.verifyHostToken(await es.host('p2', 'admin'))).resolves.toMatchObject({ partnerId: 'p2', role: 'admin' });
      await expect(jwksVerifier.verifyHostToken(await es.hmacWithPublicKey({ sub: 't', partner_id: 'p2', role: 'admin' }, JSON.stringify(es.publicJwk)))).rejects.toMatchObject(refused);
      await expect(jwksVerifier.verifyHostToken(es.unsigned({ sub: 't', partner_id: 'p2', role: 'admin' }))).rejects.toMatchObject(refused);
    });
  });

  describe('onModuleInit', () => {
    it('should refuse keys that are private, symmetric, mislabelled or unreadable', async () => {
      await expect(verifier({ HOST_JWT_PUBLIC_KEY: JSON.stringify({ ...rsa.publicJwk, d: 'secret' }) }).onModuleInit()).rejects.toThrow(/private or symmetric/);
      await expect(verifier({ HOST_JWT_PUBLIC_KEY: JSON.stringify({ kty: 'oct', k: 'c2VjcmV0' }) }).onModuleInit()).rejects.toThrow(/private or symmetric/);
      await expect(verifier({ HOST_JWT_PUBLIC_KEY: JSON.stringify({ ...rsa.publicJwk, alg: 'HS256' }) }).onModuleInit()).rejects.toThrow(/alg HS256/);
      await expect(verifier({ HOST_JWT_PUBLIC_KEY: 'not a key' }).onModuleInit()).rejects.toThrow(/PEM/);
    });
  });
});
